package io.bugmaster.notify.webhook;

import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Notification;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The generic webhook body, in the Standard Webhooks shape {@code {"type", "timestamp", "data"}}:
 * {@code type} is {@code issue.alert}, {@code issue.resolved} or {@code test}; {@code data} carries
 * every fact of the notification, unformatted (the receiver formats).
 */
@PureLogic
public final class WebhookPayloads {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookPayloads() {}

    public static String type(Notification n) {
        return switch (n.kind()) {
            case ISSUE_ALERT -> "issue.alert";
            case RESOLVE -> "issue.resolved";
            case TEST -> "test";
            case WORKFLOW -> "issue.workflow";
            case REPORT -> "report.weekly";
        };
    }

    public static String body(Notification n, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", type(n));
        root.put("timestamp", now.toString());
        ObjectNode data = root.putObject("data");
        data.put("id", n.idempotencyKey());
        data.put("subject", n.subjectKey());
        data.put("organization", n.organization());
        data.put("project", n.project());
        data.put("environment", n.environment());
        data.put("title", n.title());
        data.put("reason", n.reason());
        data.put("rule", n.rule());
        data.put("createdAt", n.createdAt() == null ? null : n.createdAt().toString());
        data.put("culprit", n.culprit());
        data.put("level", n.level());
        data.put("count", n.count());
        data.put("users", n.users());
        data.put("firstSeen", n.firstSeen() == null ? null : n.firstSeen().toString());
        data.put("release", n.release());
        ObjectNode suspect = data.putObject("suspectCommit");
        suspect.put("id", n.suspectCommit());
        suspect.put("author", n.suspectAuthor());
        ObjectNode tags = data.putObject("tags");
        n.tags().forEach(tags::put);
        data.put("assignee", n.assignee());
        data.put("url", n.link());
        if (n.isDigest()) {
            var issues = data.putArray("issues");
            n.digest().entries().forEach(e -> issues.addObject().put("title", e.title()).put("project", e.project())
                    .put("count", e.count()).put("url", e.link()));
            data.put("moreIssues", n.digest().more());
        }
        return root.toString();
    }
}
