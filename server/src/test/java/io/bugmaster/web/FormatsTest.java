package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FormatsTest {
    final Formats fmt = new Formats(Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void aCountAgreesWithItsNoun() {
        assertThat(fmt.count(1, "regression")).isEqualTo("1 regression");
        assertThat(fmt.count(0, "regression")).isEqualTo("0 regressions");
        assertThat(fmt.count(2, "new issue")).isEqualTo("2 new issues");
        assertThat(fmt.count(1_234, "event")).isEqualTo("1,234 events");
        assertThat(fmt.count(-1, "event")).isEqualTo("-1 events");
        assertThat(fmt.count(1, "library frame")).isEqualTo("1 library frame");
        assertThat(fmt.count(3, "match", "matches")).isEqualTo("3 matches");
        assertThat(fmt.count(1, "match", "matches")).isEqualTo("1 match");
    }

    @Test
    void agoSaysHowLongAgoInWholeUnits() {
        assertThat(fmt.ago(Instant.parse("2026-03-01T11:59:30Z"))).isEqualTo("just now");
        assertThat(fmt.ago(Instant.parse("2026-03-01T11:59:00Z"))).isEqualTo("1 minute ago");
        assertThat(fmt.ago(Instant.parse("2026-03-01T10:00:00Z"))).isEqualTo("2 hours ago");
        assertThat(fmt.ago(Instant.parse("2026-02-25T12:00:00Z"))).isEqualTo("4 days ago");
        assertThat(fmt.ago(null)).isEqualTo("never");
    }
}
