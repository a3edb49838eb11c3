package io.bugmaster.inbound;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.AlertIntake.Action;
import io.bugmaster.incidents.AlertIntake.InboundAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The generic webhook for scripts: {@code {"action": "trigger"|"resolve", "summary", "severity",
 * "source", "dedup_key", "details"}}. Only {@code summary} is required (to trigger); the action
 * defaults to {@code trigger}, the severity to {@code error}, the source to {@code webhook}.
 */
@PureLogic
final class GenericWebhookParser {
    static final String DEFAULT_SEVERITY = "error";
    static final String DEFAULT_SOURCE = "webhook";

    private GenericWebhookParser() {}

    /** The alert event, or what is wrong with the body (then {@code alert} is null). */
    record Parsed(InboundAlert alert, List<String> errors) {
        Parsed {
            errors = List.copyOf(errors);
        }
    }

    static Parsed parse(byte[] body) {
        JsonNode root;
        try {
            root = InboundJson.object(body);
        } catch (InboundJson.NotAnObject e) {
            return new Parsed(null, List.of(e.getMessage()));
        }
        List<String> errors = new ArrayList<>();
        String actionText = InboundJson.optionalString(root, "action", "action", errors);
        Action action = null;
        if (actionText == null || actionText.equals("trigger")) {
            action = Action.TRIGGER;
        } else if (actionText.equals("resolve")) {
            action = Action.RESOLVE;
        } else {
            errors.add("action must be trigger or resolve, got \"" + InboundJson.clip(actionText, 40) + "\"");
        }
        String dedupKey = InboundJson.optionalString(root, "dedup_key", "dedup_key", errors);
        InboundJson.maxLength(dedupKey, EventsV2Parser.MAX_DEDUP_KEY, "dedup_key", errors);
        if (dedupKey != null && dedupKey.isBlank()) {
            dedupKey = null;
        }
        if (action == Action.RESOLVE && dedupKey == null) {
            errors.add("dedup_key is required to resolve an alert");
        }
        String summary = null;
        String severity = DEFAULT_SEVERITY;
        String source = InboundJson.optionalString(root, "source", "source", errors);
        if (action == Action.TRIGGER) {
            summary = InboundJson.requiredString(root, "summary", "summary", errors);
            InboundJson.maxLength(summary, EventsV2Parser.MAX_SUMMARY, "summary", errors);
            if (!InboundJson.absent(root.get("severity"))) {
                severity = InboundJson.severity(root, "severity", "severity", errors);
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        Map<String, Object> details = InboundJson.details(root.get("details"), "details");
        return new Parsed(new InboundAlert(action, dedupKey, summary,
                source == null || source.isBlank() ? DEFAULT_SOURCE : source, severity, null, null, null, null, details,
                List.of(), "webhook", null), List.of());
    }
}
