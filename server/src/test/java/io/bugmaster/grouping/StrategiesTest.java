package io.bugmaster.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrategiesTest {

    @Test
    void currentStrategyIsNamedAndFindable() {
        assertThat(Strategies.current().name()).isEqualTo("bugmaster:2026-11");
        assertThat(Strategies.byName("bugmaster:2026-11")).containsSame(Strategies.current());
        assertThat(Strategies.byName("sentry:legacy")).isEmpty();
        assertThat(Strategies.all()).last().isSameAs(Strategies.current());
    }

    @Test
    void allStrategiesGivesOneResultPerStrategyCurrentFirst() {
        GroupingEvent event = Fixtures.javaProbeEvent("x", 14, null);

        assertThat(Strategies.allStrategies(event)).hasSize(Strategies.all().size())
                .first().isEqualTo(Grouper.group(event).result());
        assertThat(Grouper.allStrategies(event, null)).extracting(GroupingResult::strategy).containsExactly("bugmaster:2026-11");
    }

    @Test
    void hashIsStableAcrossRunsAndReleases() {
        // Pinned: a change here splits every existing issue, so it needs a new strategy instead.
        assertThat(Grouper.group(Fixtures.javaProbeEvent("For input string: \"boom\"", 14, "probe@1.0.0")).result().hash())
                .isEqualTo(Grouper.group(Fixtures.javaProbeEvent("whatever", 99, "probe@9.9.9")).result().hash())
                .isEqualTo(PINNED_JAVA_PROBE_HASH);
    }

    private static final String PINNED_JAVA_PROBE_HASH = "408a9bfa4a965bcf493d77c8b524758f";
}
