package io.bugmaster.issues.ui;

import io.bugmaster.common.PureLogic;
import io.bugmaster.issues.IssueWorkflow;
import io.bugmaster.issues.ownership.OwnershipService;
import tools.jackson.databind.JsonNode;

/**
 * Says what an issue did by itself, as its activity list shows it: a regression names the release
 * that reopened it, a wake-up the condition that ended the ignore, an escalation its numbers, an
 * assignment by ownership rule the rule (to the bugmaster, the rotation), a change made through an action link where the message went.
 * A person's change needs no sentence (its type and author say it), except where it came from when not the web (from Slack).
 */
@PureLogic
final class ActivitySentence {

    private ActivitySentence() {}

    /** The sentence, or null for an activity that a person made. */
    static String of(String type, Long userId, JsonNode data) {
        String via = text(data, "via");
        if (userId != null) {
            // a person's change: its type and author say it; only where it was made from is added (Slack)
            return via == null ? null : "From " + via + ".";
        }
        if (via != null) {
            // the system acted for the recipient of a message (an action link): say from where
            return (type.startsWith("set_resolved") ? "Resolved" : "set_ignored".equals(type) ? "Ignored"
                    : "Changed") + " through a link in " + via + ".";
        }
        return switch (type) {
            case IssueWorkflow.SET_REGRESSION -> regression(data);
            case IssueWorkflow.SET_UNRESOLVED -> wakeUp(data);
            case IssueWorkflow.SET_ESCALATING -> {
                String reason = text(data, "reason");
                yield reason == null ? "Escalating: far more events than usual." : "Escalating: " + reason + ".";
            }
            case "assigned" -> {
                String rule = text(data, "rule");
                String email = text(data, "assigneeEmail");
                if (OwnershipService.ASSIGNED_TO_BUGMASTER.equals(text(data, "reason"))) {
                    String schedule = text(data, "schedule");
                    yield "Assigned to this week's bugmaster" + (email == null ? "" : ", " + email)
                            + (schedule == null ? "" : " (on call on " + schedule + ")") + ": no ownership rule owns it.";
                }
                yield rule == null ? null : "Assigned" + (email == null ? "" : " to " + email) + " by the ownership rule " + rule;
            }
            default -> null;
        };
    }

    /** The release whose event reopened the issue, or null when that event had none. */
    static String regressionRelease(JsonNode data) {
        return text(data, "version");
    }

    private static String regression(JsonNode data) {
        String version = text(data, "version");
        String resolvedIn = text(data, "resolved_in_version");
        String sentence = version == null ? "Regressed: an event arrived after it was resolved" : "Regressed in " + version;
        return sentence + (resolvedIn == null ? "." : " (resolved in " + resolvedIn + ").");
    }

    private static String wakeUp(JsonNode data) {
        String reason = text(data, "reason");
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "ignoreUntil" -> "Stopped ignoring: the time it was ignored for ran out.";
            case "ignoreCount" -> "Stopped ignoring: " + count(data, "ignoreCount", "more event") + " arrived"
                    + window(data, "ignoreWindow") + ".";
            case "ignoreUserCount" -> "Stopped ignoring: " + count(data, "ignoreUserCount", "more user") + " affected"
                    + window(data, "ignoreUserWindow") + ".";
            default -> "Stopped ignoring.";
        };
    }

    private static String count(JsonNode data, String field, String unit) {
        JsonNode n = data == null ? null : data.get(field);
        if (n == null || !n.isIntegralNumber()) {
            return "enough " + unit.substring("more ".length()) + "s";
        }
        return n.longValue() + " " + unit + (n.longValue() == 1 ? "" : "s");
    }

    private static String window(JsonNode data, String field) {
        JsonNode n = data == null ? null : data.get(field);
        if (n == null || !n.isIntegralNumber()) {
            return "";
        }
        long minutes = n.longValue();
        if (minutes % 1440 == 0) {
            return " within " + plural(minutes / 1440, "day");
        }
        return " within " + (minutes % 60 == 0 ? plural(minutes / 60, "hour") : plural(minutes, "minute"));
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data == null ? null : data.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }
}
