package io.bugmaster.notify.pagerduty;

import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Texts;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * PagerDuty Events API v2 events: {@code trigger} for issue alerts and tests, {@code resolve} when
 * the issue is resolved, with a {@code dedup_key} stable per issue so the resolve closes the
 * incident the trigger opened. Summary at most 1024 characters, dedup key at most 255.
 *
 * <p>PagerDuty pages people, so it carries only what may page someone: issue alerts (and storm
 * digests of them), their resolves, and the test button. Workflow messages and weekly reports are
 * for reading, never for waking anyone: {@link #refusal} says so, and the worker skips them.
 */
@PureLogic
public final class PagerDutyEvents {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PagerDutyEvents() {}

    public static String dedupKey(Notification n) {
        return Texts.truncate("bugmaster/" + n.subjectPath(), 255);
    }

    /** Why PagerDuty never gets a message of this kind, or empty when it may. */
    public static Optional<String> refusal(Notification n) {
        return switch (n.kind()) {
            case ALERT, RESOLVE, TEST -> Optional.empty();
            case REPORT -> Optional.of("not sent: PagerDuty pages people, and a weekly report is not something to page anyone about");
            case WORKFLOW -> Optional.of("not sent: PagerDuty pages people, and a workflow message (a comment, an assignment, "
                    + "a status change) is not something to page anyone about");
        };
    }

    /**
     * An issue's level as a PagerDuty severity: fatal is critical, error error, warning warning,
     * info and debug info. An issue without a level is an error (the level Sentry gives an event
     * that names none); a level Bugmaster does not know is an error too, so nothing is paged too low.
     */
    public static String severity(String level) {
        if (level == null) {
            return "error";
        }
        return switch (level.strip().toLowerCase(Locale.ROOT)) {
            case "fatal", "critical" -> "critical";
            case "warning", "warn" -> "warning";
            case "info", "debug", "log", "sample" -> "info";
            default -> "error";
        };
    }

    /** The severity of a trigger: the test button's is info, an issue alert's follows the level. */
    static String severity(Notification n) {
        return n.kind() == Notification.Kind.TEST ? "info" : severity(n.severity());
    }

    public static ObjectNode event(String routingKey, Notification n) {
        refusal(n).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        ObjectNode root = JSON.createObjectNode();
        root.put("routing_key", routingKey);
        boolean resolve = n.kind() == Notification.Kind.RESOLVE;
        root.put("event_action", resolve ? "resolve" : "trigger");
        root.put("dedup_key", dedupKey(n));
        if (resolve) {
            return root;
        }
        ObjectNode payload = root.putObject("payload");
        payload.put("summary", Texts.truncate(Texts.oneLine(n.summary()), 1024));
        payload.put("source", Texts.truncate(n.source() == null || n.source().isBlank() ? "bugmaster" : n.source(), 255));
        payload.put("severity", severity(n));
        if (n.createdAt() != null) {
            payload.put("timestamp", n.createdAt().toString());
        }
        if (n.text() != null && !n.text().isBlank()) {
            payload.put("component", Texts.truncate(n.text(), 255));
        }
        if (n.environment() != null) {
            payload.put("group", Texts.truncate(n.environment(), 255));
        }
        if (n.severity() != null) {
            payload.put("class", n.severity());
        }
        ObjectNode details = payload.putObject("custom_details");
        if (n.reason() != null) {
            details.put("Why", n.reason());
        }
        if (n.rule() != null) {
            details.put("Alert rule", n.rule());
        }
        n.facts().forEach(details::put);
        if (n.table() != null) {
            // the first rows as objects of column to cell, which PagerDuty shows as nested details
            var rows = details.putArray("rows");
            n.table().rows().stream().limit(20).forEach(r -> {
                ObjectNode row = rows.addObject();
                for (int i = 0; i < r.size(); i++) {
                    row.put(i < n.table().columns().size() ? n.table().columns().get(i) : "column " + (i + 1), Texts.truncate(r.get(i), 200));
                }
            });
            details.put("records", n.table().total());
        }
        if (!n.labels().isEmpty()) {
            ObjectNode tags = details.putObject("tags");
            n.labels().forEach(tags::put);
        }
        if (n.isDigest()) {
            var issues = details.putArray("issues");
            n.digest().entries().forEach(e -> issues.add(Texts.truncate(e.line(), 300)));
            if (n.digest().more() > 0) {
                details.put("more_issues", n.digest().more());
            }
        }
        details.put("notification_id", n.idempotencyKey());
        if (!n.links().isEmpty()) {
            var links = root.putArray("links");
            n.links().forEach(l -> links.addObject().put("href", l.url()).put("text", l.label()));
            root.put("client_url", n.link());
        }
        root.put("client", "Bugmaster");
        return root;
    }
}
