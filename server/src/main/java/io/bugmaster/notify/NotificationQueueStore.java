package io.bugmaster.notify;

import io.bugmaster.notify.QueuedNotification.State;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** notification_queue: notifications waiting for delivery, stored as JSON. */
@Repository
public class NotificationQueueStore {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient db;

    public NotificationQueueStore(JdbcClient db) {
        this.db = db;
    }

    boolean insertIfAbsent(long orgId, Long channelId, String email, Notification n, Instant now) {
        return db.sql("""
                INSERT INTO notification_queue (org_id, channel_id, email, idempotency_key, notification, state, attempts,
                    next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING""")
                .params(orgId, channelId, email, n.idempotencyKey(), toJson(n), State.PENDING.id(), now.toEpochMilli(),
                        now.toEpochMilli())
                .update() == 1;
    }

    static String toJson(Notification n) {
        ObjectNode o = JSON.createObjectNode();
        o.put("idempotencyKey", n.idempotencyKey());
        o.put("kind", n.kind().id());
        o.put("subjectKey", n.subjectKey());
        o.put("organization", n.organization());
        o.put("project", n.project());
        o.put("environment", n.environment());
        o.put("title", n.title());
        o.put("culprit", n.culprit());
        o.put("level", n.level());
        o.put("count", n.count());
        o.put("users", n.users());
        if (n.firstSeen() != null) {
            o.put("firstSeen", n.firstSeen().toEpochMilli());
        }
        o.put("release", n.release());
        o.put("suspectCommit", n.suspectCommit());
        o.put("suspectAuthor", n.suspectAuthor());
        ObjectNode tags = o.putObject("tags");
        n.tags().forEach(tags::put);
        o.put("assignee", n.assignee());
        o.put("link", n.link());
        return o.toString();
    }

    static Notification fromJson(String json) {
        JsonNode o = JSON.readTree(json);
        Map<String, String> tags = new LinkedHashMap<>();
        o.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asString()));
        Notification.Kind kind = null;
        for (Notification.Kind k : Notification.Kind.values()) {
            if (k.id().equals(o.path("kind").asString())) {
                kind = k;
            }
        }
        return new Notification(o.path("idempotencyKey").asString(), kind, o.path("subjectKey").asString(), text(o, "organization"),
                text(o, "project"), text(o, "environment"), o.path("title").asString(), text(o, "culprit"), text(o, "level"),
                o.path("count").asLong(), o.path("users").asLong(),
                o.hasNonNull("firstSeen") ? Instant.ofEpochMilli(o.path("firstSeen").asLong()) : null, text(o, "release"),
                text(o, "suspectCommit"), text(o, "suspectAuthor"), tags, text(o, "assignee"), text(o, "link"));
    }

    private static String text(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.path(field).asString() : null;
    }
}
