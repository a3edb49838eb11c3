package io.bugmaster.issues.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.issues.Issue;
import io.bugmaster.issues.StatusDetails;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusSentenceTest {
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    static Issue issue(String status, String substatus, StatusDetails d, long timesSeen, long users) {
        return new Issue(1, 1, "app", "App", "java", 1, "org", 1, "error", "Boom", null, "error", "java", "{}", status, substatus, d,
                null, null, null, null, NOW, NOW, timesSeen, users, null, null, "bugmaster:2026-11");
    }

    static StatusDetails details(Boolean next, String inRelease, String after, Long until, Long count, Long window, Long users,
            Long baseSeen, Long baseUsers) {
        return new StatusDetails(next, inRelease, after, until, count, window, users, null, null, baseSeen, baseUsers, null, null);
    }

    @Test
    void anIgnoreForADurationSaysUntilWhen() {
        long until = NOW.plus(Duration.ofMinutes(30)).toEpochMilli();
        assertThat(StatusSentence.of(issue("ignored", "archived_until_condition_met",
                details(null, null, null, until, null, null, null, null, null), 5, 1), NOW, null))
                .isEqualTo("Ignored until 2026-11-21 10:30 UTC (in 30 minutes).");
        assertThat(StatusSentence.of(issue("ignored", "archived_until_condition_met",
                details(null, null, null, NOW.plus(Duration.ofDays(7)).toEpochMilli(), null, null, null, null, null), 5, 1), NOW, null))
                .endsWith("(in about 7 days).");
    }

    @Test
    void anIgnoreByCountSaysHowFarItHasGot() {
        assertThat(StatusSentence.of(issue("ignored", "archived_until_condition_met",
                details(null, null, null, null, 100L, null, null, 40L, null), 63, 1), NOW, null))
                .isEqualTo("Ignored until 100 more events (23 so far).");
        assertThat(StatusSentence.of(issue("ignored", "archived_until_condition_met",
                details(null, null, null, null, null, null, 1L, null, 3L), 63, 3), NOW, null))
                .isEqualTo("Ignored until 1 more user (0 so far).");
        assertThat(StatusSentence.of(issue("ignored", "archived_until_condition_met",
                details(null, null, null, null, 10L, 60L, null, 0L, null), 3, 1), NOW, null))
                .isEqualTo("Ignored until 10 more events within 1 hour (3 so far).");
    }

    @Test
    void otherIgnoresAndResolutions() {
        assertThat(StatusSentence.of(issue("ignored", "archived_until_escalating", StatusDetails.NONE, 1, 1), NOW, null))
                .startsWith("Ignored until it escalates");
        assertThat(StatusSentence.of(issue("ignored", "archived_forever", StatusDetails.NONE, 1, 1), NOW, null)).startsWith("Ignored forever");
        assertThat(StatusSentence.of(issue("resolved", null, details(null, "app@1.2.0", null, null, null, null, null, null, null), 1, 1),
                NOW, null)).isEqualTo("Resolved in app@1.2.0: an event of a newer release reopens it.");
        assertThat(StatusSentence.of(issue("resolved", null, details(true, null, "app@1.1.0", null, null, null, null, null, null), 1, 1),
                NOW, null)).contains("after app@1.1.0");
        assertThat(StatusSentence.of(issue("resolved", null, null, 1, 1), NOW, null)).startsWith("Resolved: any new event");
        assertThat(StatusSentence.of(issue("unresolved", "regressed", StatusDetails.NONE, 1, 1), NOW, null)).startsWith("Regressed");
        assertThat(StatusSentence.of(issue("unresolved", "new", StatusDetails.NONE, 1, 1), NOW, null)).isNull();
    }

    @Test
    void aRegressionSaysWhichReleaseReopenedTheIssueAndWhen() {
        Issue regressed = issue("unresolved", "regressed", StatusDetails.NONE, 1, 1);
        assertThat(StatusSentence.of(regressed, NOW, new StatusSentence.Regression("shop@1.4.2", NOW.minus(Duration.ofHours(2)))))
                .isEqualTo("Regressed in shop@1.4.2, 2 hours ago: it was resolved and a new event reopened it.");
        assertThat(StatusSentence.of(regressed, NOW, new StatusSentence.Regression(null, NOW.minus(Duration.ofMinutes(5)))))
                .isEqualTo("Regressed 5 minutes ago: it was resolved and a new event reopened it.");
        assertThat(StatusSentence.of(regressed, NOW, null)).isEqualTo("Regressed: it was resolved and a new event reopened it.");
    }
}
