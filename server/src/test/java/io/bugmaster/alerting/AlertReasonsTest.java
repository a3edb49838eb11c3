package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.alerting.AlertEvaluator.Facts;
import io.bugmaster.alerting.AlertRuleDefinition.Condition;
import io.bugmaster.alerting.AlertRuleDefinition.Interval;
import io.bugmaster.alerting.AlertRuleDefinition.Match;
import io.bugmaster.alerting.AlertRuleDefinition.Trigger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an alert message says first: why its rule fired, from the triggers that held. */
class AlertReasonsTest {
    static final Facts FACTS = AlertEvaluatorTest.facts("issue.regression");

    static String why(Facts facts, String detail, Condition... conditions) {
        AlertEvaluator.Decision d = AlertEvaluator.evaluate(AlertEvaluatorTest.rule(List.of(conditions), Match.ANY, List.of(), Match.ALL,
                null), facts);
        assertThat(d.fire()).as(d.reasons().toString()).isTrue();
        return AlertReasons.of(d.held(), facts, facts.release(), detail);
    }

    @Test
    void signalTriggersNameWhatHappenedAndTheRelease() {
        assertThat(why(FACTS, null, Condition.of(Trigger.REGRESSION))).isEqualTo("Regression in shop@1.2.0");
        assertThat(why(AlertEvaluatorTest.facts("issue.new"), null, Condition.of(Trigger.NEW_ISSUE))).isEqualTo("New issue in shop@1.2.0");
        assertThat(AlertReasons.trigger(Condition.of(Trigger.REGRESSION), FACTS, null, null)).isEqualTo("Regression: a resolved issue is back");
        assertThat(AlertReasons.trigger(Condition.of(Trigger.NEW_ISSUE), FACTS, null, null)).isEqualTo("New issue");
    }

    @Test
    void wakeUpsSayHowTheSnoozeEndedAndEscalationsByHowMuch() {
        assertThat(why(AlertEvaluatorTest.facts("issue.snooze_expired"), "ignoreUntil", Condition.of(Trigger.SNOOZE_EXPIRED)))
                .isEqualTo("Snooze expired: the snooze time ran out");
        assertThat(AlertReasons.trigger(Condition.of(Trigger.SNOOZE_EXPIRED), FACTS, null, "ignoreCount"))
                .isEqualTo("Snooze expired: the issue reached the number of events it was snoozed for");
        assertThat(AlertReasons.trigger(Condition.of(Trigger.SNOOZE_EXPIRED), FACTS, null, null))
                .isEqualTo("Snooze expired: the archived issue is back");
        assertThat(why(AlertEvaluatorTest.facts("issue.escalating"), "312 events in the last hour; threshold 120 from 400 events in the 7 days before",
                Condition.of(Trigger.ESCALATING)))
                .isEqualTo("Escalating: 312 events in the last hour; threshold 120 from 400 events in the 7 days before");
    }

    @Test
    void frequencyTriggersSayTheThresholdInWordsAndWhatWasCounted() {
        Facts counted = new Facts(null, "production", "error", null, null, Map.of(), Map.of(), null, 0, null, null, null, null,
                Map.of(Interval.M5, 142L), Map.of(Interval.H1, 12L), null, AlertEvaluatorTest.NOW);
        assertThat(why(counted, null, new Condition(Trigger.EVENT_FREQUENCY, 100L, Interval.M5)))
                .isEqualTo("More than 100 events in 5 minutes (142 seen)");
        assertThat(why(counted, null, new Condition(Trigger.USER_FREQUENCY, 10L, Interval.H1)))
                .isEqualTo("More than 10 users in 1 hour (12 affected)");
        assertThat(why(counted, null, new Condition(Trigger.EVENT_FREQUENCY, 100L, Interval.M5),
                new Condition(Trigger.USER_FREQUENCY, 10L, Interval.H1)))
                .as("every trigger that held").isEqualTo("More than 100 events in 5 minutes (142 seen); More than 10 users in 1 hour (12 affected)");
        assertThat(AlertReasons.trigger(new Condition(Trigger.EVENT_FREQUENCY, 1L, Interval.W1), counted, null, null))
                .isEqualTo("More than 1 event in 1 week");
    }

    @Test
    void aResolveSaysWhoResolvedTheIssueAndHow() {
        assertThat(AlertReasons.resolved("set_resolved", null, null, "jane@example.com")).isEqualTo("Resolved by jane@example.com");
        assertThat(AlertReasons.resolved("set_resolved_in_release", "", null, "jane@example.com"))
                .isEqualTo("Resolved in the next release by jane@example.com");
        assertThat(AlertReasons.resolved("set_resolved_in_release", "shop@1.4.3", null, "jane@example.com"))
                .isEqualTo("Resolved in shop@1.4.3 by jane@example.com");
        assertThat(AlertReasons.resolved("set_resolved_in_commit", null, "0123456789abcdef0123", "jane@example.com"))
                .isEqualTo("Resolved in commit 0123456789ab by jane@example.com");
        assertThat(AlertReasons.resolved(null, null, null, null)).isEqualTo("Resolved");
    }
}
