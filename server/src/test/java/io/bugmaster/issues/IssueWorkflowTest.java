package io.bugmaster.issues;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.releases.Semver;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class IssueWorkflowTest {
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final BiPredicate<String, String> SEMVER = (a, b) -> Semver.parse(a).orElseThrow().compareTo(Semver.parse(b).orElseThrow()) > 0;

    static StatusDetails details(Boolean inNext, String inRelease, String after) {
        return new StatusDetails(inNext, inRelease, after, null, null, null, null, null, null, null, null, null, null);
    }

    static IssueWorkflow.Outcome arrive(String status, StatusDetails d, String release) {
        return IssueWorkflow.onEvents(new IssueWorkflow.Arrival(status, d, 10, 3, release, NOW), SEMVER, "e1");
    }

    @Test
    void unresolvedIssuesStayAsTheyAre() {
        assertThat(arrive("unresolved", null, "1.0.0").changes()).isFalse();
    }

    @Test
    void aPlainResolutionRegressesOnAnyEvent() {
        IssueWorkflow.Outcome o = arrive("resolved", null, null);
        assertThat(o.status()).isEqualTo("unresolved");
        assertThat(o.substatus()).isEqualTo("regressed");
        assertThat(o.signal()).isEqualTo(IssueWorkflow.Signal.REGRESSION);
        assertThat(o.activityType()).isEqualTo("set_regression");
        assertThat(o.activityData()).containsExactly(Map.entry("event_id", "e1"));
    }

    @Test
    void aRegressionRecordsTheReleaseThatReopenedItAndTheOneItWasResolvedIn() {
        IssueWorkflow.Outcome o = arrive("resolved", details(null, "shop@1.4.1", null), "shop@1.4.2");
        assertThat(o.activityData()).containsExactly(Map.entry("version", "shop@1.4.2"),
                Map.entry("resolved_in_version", "shop@1.4.1"), Map.entry("event_id", "e1"));
    }

    @Test
    void resolvedInNextReleaseWaitsForANewerRelease() {
        StatusDetails next = details(true, null, "1.4.0");
        assertThat(arrive("resolved", next, "1.4.0").changes()).isFalse();
        assertThat(arrive("resolved", next, "1.3.9").changes()).isFalse();
        assertThat(arrive("resolved", next, null).changes()).as("no release: not a regression of a release-bound resolution").isFalse();
        assertThat(arrive("resolved", next, "1.4.1").signal()).isEqualTo(IssueWorkflow.Signal.REGRESSION);
        StatusDetails nextWithoutAnyRelease = details(true, null, null);
        assertThat(arrive("resolved", nextWithoutAnyRelease, null).changes()).isFalse();
        assertThat(arrive("resolved", nextWithoutAnyRelease, "0.1.0").changes()).isTrue();
    }

    @Test
    void resolvedInAReleaseRegressesInThatReleaseOrLater() {
        StatusDetails in = details(null, "2.0.0", null);
        assertThat(arrive("resolved", in, "1.9.0").changes()).isFalse();
        assertThat(arrive("resolved", in, "2.0.0").changes()).isTrue();
        assertThat(arrive("resolved", in, "2.1.0").changes()).isTrue();
    }

    @Test
    void ignoredIssuesWakeWhenTheirConditionIsMet() {
        StatusDetails count = new StatusDetails(null, null, null, null, 5L, null, null, null, null, 5L, 3L, null, null);
        assertThat(IssueWorkflow.onEvents(new IssueWorkflow.Arrival("ignored", count, 9, 3, null, NOW), SEMVER, "e1").changes()).isFalse();
        assertThat(IssueWorkflow.onEvents(new IssueWorkflow.Arrival("ignored", count, 10, 3, null, NOW), SEMVER, "e1").signal())
                .isEqualTo(IssueWorkflow.Signal.SNOOZE_EXPIRED);
        StatusDetails users = new StatusDetails(null, null, null, null, null, null, 2L, null, null, 5L, 3L, null, null);
        assertThat(IssueWorkflow.onEvents(new IssueWorkflow.Arrival("ignored", users, 100, 4, null, NOW), SEMVER, "e1").changes()).isFalse();
        assertThat(IssueWorkflow.onEvents(new IssueWorkflow.Arrival("ignored", users, 100, 5, null, NOW), SEMVER, "e1").changes()).isTrue();
        StatusDetails until = new StatusDetails(null, null, null, NOW.toEpochMilli(), null, null, null, null, null, 1L, 1L, null, null);
        assertThat(arrive("ignored", until, null).changes()).isTrue();
        assertThat(arrive("ignored", null, null).changes()).as("ignored forever").isFalse();
    }

    @Test
    void aWakeUpRecordsTheConditionThatEndedTheIgnore() {
        StatusDetails count = new StatusDetails(null, null, null, null, 5L, null, null, null, null, 5L, 3L, null, null);
        IssueWorkflow.Outcome byCount = IssueWorkflow.onEvents(new IssueWorkflow.Arrival("ignored", count, 10, 3, null, NOW), SEMVER, "e9");
        assertThat(byCount.activityType()).isEqualTo("set_unresolved");
        assertThat(byCount.activityData()).containsExactly(Map.entry("reason", "ignoreCount"), Map.entry("ignoreCount", 5L),
                Map.entry("event_id", "e9"));
        StatusDetails users = new StatusDetails(null, null, null, null, null, null, 2L, null, null, 5L, 3L, null, null);
        assertThat(IssueWorkflow.onEvents(new IssueWorkflow.Arrival("ignored", users, 100, 5, null, NOW), SEMVER, "e9")
                .activityData()).containsEntry("reason", "ignoreUserCount").containsEntry("ignoreUserCount", 2L);
        StatusDetails until = new StatusDetails(null, null, null, NOW.toEpochMilli(), null, null, null, null, null, 1L, 1L, null, null);
        assertThat(arrive("ignored", until, null).activityData()).containsEntry("reason", "ignoreUntil")
                .containsEntry("ignoreUntil", NOW.toEpochMilli());
    }

    @Test
    void countsWithinAWindowAreLeftToTheSnoozeModule() {
        StatusDetails windowed = new StatusDetails(null, null, null, null, 5L, 60L, null, null, null, 5L, 3L, null, null);
        assertThat(IssueWorkflow.onEvents(new IssueWorkflow.Arrival("ignored", windowed, 1000, 3, null, NOW), SEMVER, "e1").changes())
                .isFalse();
        StatusDetails usersWindowed = new StatusDetails(null, null, null, null, null, null, 2L, 60L, null, 5L, 3L, null, null);
        assertThat(IssueWorkflow.onEvents(new IssueWorkflow.Arrival("ignored", usersWindowed, 5, 300, null, NOW), SEMVER, "e1").changes())
                .isFalse();
    }
}
