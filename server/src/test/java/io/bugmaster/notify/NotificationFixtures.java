package io.bugmaster.notify;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notifications about an issue for transport tests, from the facts an issue message carries. They
 * are made the way a queued row of the releases before the transport-neutral notification is read
 * back ({@link NotificationJson}), which gives every part (fields, labels, links, actions, data)
 * the issue's message has: so the transports' output is checked against what receivers got before.
 */
public final class NotificationFixtures {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NotificationFixtures() {}

    /** A notification as the queue stores it. */
    public static String stored(Notification n) {
        return NotificationJson.write(n);
    }

    /** A notification as the delivery worker reads it from its queue row. */
    public static Notification queued(String json) {
        return NotificationJson.read(json);
    }

    public static Notification issue(String key, Notification.Kind kind, String subjectPath, String organization, String project,
            String environment, String title, String culprit, String level, long count, long users, Instant firstSeen,
            String release, String suspectCommit, String suspectAuthor, Map<String, String> tags, String assignee, String link) {
        return issue(key, kind, subjectPath, organization, project, environment, title, culprit, level, count, users, firstSeen,
                release, suspectCommit, suspectAuthor, tags, assignee, link, null);
    }

    public static Notification issue(String key, Notification.Kind kind, String subjectPath, String organization, String project,
            String environment, String title, String culprit, String level, long count, long users, Instant firstSeen,
            String release, String suspectCommit, String suspectAuthor, Map<String, String> tags, String assignee, String link,
            String body) {
        ObjectNode o = JSON.createObjectNode();
        o.put("idempotencyKey", key);
        o.put("kind", kind == Notification.Kind.ALERT ? "issue_alert" : kind.id());
        o.put("subjectKey", subjectPath);
        o.put("organization", organization);
        o.put("project", project);
        o.put("environment", environment);
        o.put("title", title);
        o.put("culprit", culprit);
        o.put("level", level);
        o.put("count", count);
        o.put("users", users);
        if (firstSeen != null) {
            o.put("firstSeen", firstSeen.toEpochMilli());
        }
        o.put("release", release);
        o.put("suspectCommit", suspectCommit);
        o.put("suspectAuthor", suspectAuthor);
        ObjectNode t = o.putObject("tags");
        tags.forEach(t::put);
        o.put("assignee", assignee);
        o.put("link", link);
        o.put("body", body);
        return NotificationJson.read(o.toString());
    }
}
