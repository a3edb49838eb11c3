package io.bugmaster.alerting;

import io.bugmaster.common.PureLogic;

/** The words of a workflow email: what happened to the issue (its reason), and the comment when there is one (its body). */
@PureLogic
final class WorkflowMessages {
    private WorkflowMessages() {}

    static String describe(String type, String actor, String assignee) {
        return switch (type) {
            case "note" -> actor + " commented";
            case "assigned" -> actor + " assigned the issue to " + (assignee == null ? "someone" : assignee);
            case "set_resolved", "set_resolved_in_release", "set_resolved_in_commit" -> actor + " resolved the issue";
            case "set_ignored" -> actor + " archived (ignored) the issue";
            case "set_unresolved" -> actor + " marked the issue unresolved";
            default -> actor + " changed the issue (" + type + ")";
        };
    }

    /** The comment as the email's body, or null when there is none. */
    static String body(String comment) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String line : comment.strip().split("\\R")) {
            // a comment line must not become a heading or an item of the email's markup
            out.append(line.startsWith("## ") || line.startsWith("- ") ? " " + line : line).append("\n");
        }
        return out.toString().strip();
    }
}
