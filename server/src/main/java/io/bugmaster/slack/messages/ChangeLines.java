package io.bugmaster.slack.messages;

import io.bugmaster.common.PureLogic;
import io.bugmaster.signals.Signal;
import java.util.Set;

/**
 * The "who did what" line under a card, from the signal that changed its subject: "Resolved by
 * ana@example.com", "Acknowledged by ana@example.com from Slack", "Escalated to level 2 (nobody
 * acknowledged in time)". Null for a signal that changes nothing a card shows.
 */
@PureLogic
final class ChangeLines {
    /** The issue signals that change what an issue's card shows. */
    static final Set<String> ISSUE_KINDS = Set.of("issue.resolved", "issue.changed", "issue.regression", "issue.snooze_expired",
            "issue.escalating", "issue.merged", "issue.deleted");
    /** The incident signals that change what an incident's card shows. */
    static final Set<String> INCIDENT_KINDS = Set.of("incident.acknowledged", "incident.resolved", "incident.escalated",
            "incident.stage_changed", "incident.priority_changed", "incident.role_assigned", "incident.declared", "incident.triggered");

    private ChangeLines() {}

    static String of(Signal s) {
        String by = s.text(s.subject().type().equals("issue") ? "actor" : "by");
        String who = by == null || by.isBlank() ? "" : " by " + by + via(s.text("via"));
        return switch (s.kind()) {
            case "issue.resolved" -> switch (String.valueOf(s.text("activity"))) {
                case "set_resolved_in_release" -> "Resolved in a release" + who;
                case "set_resolved_in_commit" -> "Resolved in a commit" + who;
                default -> "Resolved" + who;
            };
            case "issue.changed" -> switch (String.valueOf(s.text("activity"))) {
                case "set_ignored" -> "Ignored" + who;
                case "set_unresolved" -> "Reopened" + who;
                case "assigned" -> "Assigned" + who;
                case "unassigned" -> "Unassigned" + who;
                default -> "Changed" + who;
            };
            case "issue.regression" -> "Regressed: a new event after it was resolved";
            case "issue.snooze_expired" -> "No longer ignored: what it was ignored until has come";
            case "issue.escalating" -> "Escalating: far more events than usual";
            case "issue.merged" -> "Merged into another issue" + who;
            case "issue.deleted" -> "Deleted" + who;
            case "incident.triggered" -> "true".equals(s.text("retrigger")) ? "Triggered again by a new alert" : "Triggered";
            case "incident.declared" -> "Declared" + who + (s.text("label") == null ? "" : " as " + s.text("label"));
            case "incident.acknowledged" -> "Acknowledged" + who;
            case "incident.resolved" -> "Resolved" + who;
            case "incident.escalated" -> "Escalated" + (s.text("level") == null ? "" : " to level " + s.text("level"))
                    + (who.isEmpty() ? " (nobody acknowledged in time)" : who);
            case "incident.stage_changed" -> "Stage " + s.text("from") + " → " + s.text("to") + who;
            case "incident.priority_changed" -> "Priority set to " + s.text("label") + who;
            case "incident.role_assigned" -> (s.text("role_name") == null ? "A role" : s.text("role_name")) + " assigned" + who;
            default -> null;
        };
    }

    /** How it was done, when not on Bugmaster's pages: " from Slack", " from an email link". */
    private static String via(String via) {
        if (via == null || via.isBlank() || via.equals("web") || via.equals("api")) {
            return "";
        }
        return switch (via.toLowerCase(java.util.Locale.ROOT)) {
            case "slack" -> " from Slack";
            case "email" -> " from an email link";
            case "sms" -> " by SMS";
            default -> " via " + via;
        };
    }
}
