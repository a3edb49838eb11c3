package io.bugmaster.alerting;

import io.bugmaster.common.PureLogic;

/** The words of a workflow email: what happened to the issue, and the comment when there is one. */
@PureLogic
final class WorkflowMessages {
    private WorkflowMessages() {}

    static String describe(String type, String actor, String assignee) {
        return switch (type) {
            case "note" -> actor + " commented:";
            case "assigned" -> actor + " assigned the issue to " + (assignee == null ? "someone" : assignee) + ".";
            case "set_resolved", "set_resolved_in_release", "set_resolved_in_commit" -> actor + " resolved the issue.";
            case "set_ignored" -> actor + " archived (ignored) the issue.";
            case "set_unresolved" -> actor + " marked the issue unresolved.";
            default -> actor + " changed the issue (" + type + ").";
        };
    }

    static String body(String what, String comment) {
        if (comment == null || comment.isBlank()) {
            return what;
        }
        StringBuilder out = new StringBuilder(what).append("\n");
        for (String line : comment.strip().split("\\R")) {
            // a comment line must not become a heading or an item of the email's markup
            out.append(line.startsWith("## ") || line.startsWith("- ") ? " " + line : line).append("\n");
        }
        return out.toString().strip();
    }
}
