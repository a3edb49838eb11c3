package io.bugmaster.notify.webhook;

import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Notification;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generic webhook body, in the Standard Webhooks shape {@code {"type", "timestamp", "data"}}:
 * {@code type} is the notification's event ({@code issue.alert}, {@code issue.resolved}, {@code test},
 * ...); {@code data} carries every part of the notification, unformatted (the receiver formats): the
 * names it has had since the first release ({@code project}, {@code culprit}, {@code level}, {@code tags})
 * for source, text, severity and labels, then what the subject's feature adds.
 */
@PureLogic
public final class WebhookPayloads {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookPayloads() {}

    /** What happened, as the notification names it ({@code issue.alert}, {@code issue.resolved}, {@code test}...). */
    public static String type(Notification n) {
        return n.event();
    }

    public static String body(Notification n, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", type(n));
        root.put("timestamp", now.toString());
        ObjectNode data = root.putObject("data");
        data.put("id", n.idempotencyKey());
        data.put("subject", n.subjectPath());
        data.put("organization", n.organization());
        data.put("project", n.source());
        data.put("environment", n.environment());
        data.put("title", n.title());
        data.put("reason", n.reason());
        data.put("rule", n.rule());
        data.put("createdAt", n.createdAt() == null ? null : n.createdAt().toString());
        data.put("culprit", n.text());
        data.put("level", n.severity());
        data.put("count", n.count());
        // what the subject's feature adds (an issue: users, first seen, release, suspect commit, assignee)
        n.data().forEach((key, value) -> {
            if (value == null) {
                data.putNull(key);
            } else {
                data.set(key, JSON.valueToTree(value));
            }
        });
        if (n.table() != null) {
            ObjectNode table = data.putObject("table");
            table.set("columns", JSON.valueToTree(n.table().columns()));
            table.set("rows", JSON.valueToTree(n.table().rows()));
            table.put("total", n.table().total());
        }
        ObjectNode tags = data.putObject("tags");
        n.labels().forEach(tags::put);
        data.put("url", n.link());
        if (!n.actions().isEmpty()) {
            var actions = data.putArray("actions");
            n.actions().forEach(a -> actions.addObject().put("type", a.type().id()).put("label", a.label()).put("url", a.url()));
        }
        if (n.isDigest()) {
            var issues = data.putArray("issues");
            n.digest().entries().forEach(e -> issues.addObject().put("title", e.title()).put("project", e.source())
                    .put("count", e.count()).put("url", e.link()));
            data.put("moreIssues", n.digest().more());
        }
        return root.toString();
    }
}
