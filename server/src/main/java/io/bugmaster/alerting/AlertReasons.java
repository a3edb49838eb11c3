package io.bugmaster.alerting;

import io.bugmaster.alerting.AlertRuleDefinition.Condition;
import io.bugmaster.alerting.AlertRuleDefinition.Trigger;
import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Times;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why an alert rule fired, in the words its message shows first: "Regression in shop@1.4.2",
 * "More than 100 events in 5 minutes (142 seen)", "New issue", "Escalating: ...", "Snooze expired: ...".
 */
@PureLogic
final class AlertReasons {
    private AlertReasons() {}

    /** How a snooze ended, by the wake-up's reason in the signal (the digest's own wake-ups carry none). */
    private static final Map<String, String> SNOOZE_ENDS = Map.of(
            "ignoreUntil", "the snooze time ran out",
            "ignoreCount", "the issue reached the number of events it was snoozed for",
            "ignoreUserCount", "the issue reached the number of users it was snoozed for");

    /**
     * @param held the triggers that held, in the rule's order
     * @param release the release of the event behind the signal (or the issue's last), or null
     * @param detail the signal's own reason (a snooze wake-up or an escalation), or null
     */
    static String of(List<Condition> held, AlertEvaluator.Facts facts, String release, String detail) {
        if (held.isEmpty()) {
            return "Its conditions are met";
        }
        return held.stream().map(c -> trigger(c, facts, release, detail)).distinct().collect(Collectors.joining("; "));
    }

    /**
     * Why a resolve is sent, from the resolved signal: {@code Resolved by jane@example.com},
     * {@code Resolved in the next release by ...}, {@code Resolved in shop@1.4.3 by ...},
     * {@code Resolved in commit abc1234 by ...}.
     *
     * @param activity the activity's type ({@code set_resolved}, {@code set_resolved_in_release}, {@code set_resolved_in_commit})
     * @param version the release it was resolved in; empty for the next release
     * @param actor who resolved it, or null when unknown
     */
    static String resolved(String activity, String version, String commit, String actor) {
        String how = switch (activity == null ? "" : activity) {
            case "set_resolved_in_release" -> version == null || version.isBlank() ? " in the next release" : " in " + version;
            case "set_resolved_in_commit" -> commit == null || commit.isBlank() ? " in a commit"
                    : " in commit " + (commit.length() > 12 ? commit.substring(0, 12) : commit);
            default -> "";
        };
        return "Resolved" + how + (actor == null || actor.isBlank() ? "" : " by " + actor);
    }

    /** Why the alerts about a deleted issue are closed: {@code Deleted by jane@example.com}. */
    static String deleted(String actor) {
        return "Deleted" + by(actor);
    }

    /** Why the alerts about a merged issue are closed: {@code Merged into SHOP-12 by jane@example.com}. */
    static String merged(String targetShortId, String actor) {
        return "Merged into " + (targetShortId == null || targetShortId.isBlank() ? "another issue" : targetShortId) + by(actor);
    }

    private static String by(String actor) {
        return actor == null || actor.isBlank() ? "" : " by " + actor;
    }

    static String trigger(Condition c, AlertEvaluator.Facts facts, String release, String detail) {
        Trigger t = c.trigger();
        return switch (t) {
            case NEW_ISSUE -> "New issue" + (release == null ? "" : " in " + release);
            case REGRESSION -> release == null ? "Regression: a resolved issue is back" : "Regression in " + release;
            case ESCALATING -> "Escalating" + (detail == null || detail.isBlank() ? ": far more events than usual" : ": " + detail);
            case SNOOZE_EXPIRED -> "Snooze expired: " + (detail == null ? "the archived issue is back" : SNOOZE_ENDS.getOrDefault(detail,
                    "the archived issue is back"));
            case EVENT_FREQUENCY, USER_FREQUENCY -> {
                boolean events = t == Trigger.EVENT_FREQUENCY;
                Long seen = (events ? facts.events() : facts.users()).get(c.interval());
                String noun = events ? (c.value() == 1 ? "event" : "events") : (c.value() == 1 ? "user" : "users");
                yield "More than " + c.value() + " " + noun + " in " + Times.duration(c.interval().duration())
                        + (seen == null ? "" : " (" + seen + (events ? " seen)" : " affected)"));
            }
            // a monitor's message tells what happened itself ("exit status 3"); the reason only says which trigger
            case MONITOR_DOWN -> "Monitor down";
            case MONITOR_FAILING -> "Monitor failing";
            case MONITOR_RECOVERED -> "Monitor recovered";
        };
    }
}
