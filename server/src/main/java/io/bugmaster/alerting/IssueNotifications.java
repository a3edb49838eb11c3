package io.bugmaster.alerting;

import io.bugmaster.common.PureLogic;
import io.bugmaster.common.Subject;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Notification.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An issue as a notification: its project is the source, its culprit the text, its level the
 * severity, its events the count; the rest are fields people read (in this order: project,
 * environment, level, events, users, first seen, release, suspect commit, assignee) and data for
 * webhooks; its tags are the labels, and it opens the issue's page.
 */
@PureLogic
public final class IssueNotifications {
    private IssueNotifications() {}

    /**
     * What a message tells of an issue. Everything but the id and the title may be null (0 for counts).
     *
     * @param link the issue's page in Bugmaster
     */
    public record Snapshot(long issueId, String organization, String project, String environment, String title, String culprit,
            String level, long count, long users, Instant firstSeen, String release, String suspectCommit, String suspectAuthor,
            Map<String, String> tags, String assignee, String link) {}

    /** An alert: a rule fired for the issue. */
    public static Notification alert(String key, Snapshot s, String reason, String rule, Instant createdAt) {
        return of(key, Notification.Kind.ALERT, "issue.alert", s).withReason(reason, rule, createdAt);
    }

    /** The follow-up that tells a channel the issue it was alerted about is resolved. */
    public static Notification resolve(String key, Snapshot s, String reason, Instant createdAt) {
        return of(key, Notification.Kind.RESOLVE, "issue.resolved", s).withReason(reason, null, createdAt);
    }

    /**
     * The follow-up that closes the alerts about an issue that is gone: {@code event} is
     * {@code issue.deleted} or {@code issue.merged}. PagerDuty resolves its incident like for a resolve.
     */
    public static Notification gone(String key, String event, Snapshot s, String reason, Instant createdAt) {
        return of(key, Notification.Kind.RESOLVE, event, s).withReason(reason, null, createdAt);
    }

    /** To one person who follows the issue: what happened to it, and the comment as the body (or null). */
    public static Notification workflow(String key, Snapshot s, String what, String body, Instant createdAt) {
        return of(key, Notification.Kind.WORKFLOW, "issue.workflow", s).withBody(body).withReason(what, null, createdAt);
    }

    private static Notification of(String key, Notification.Kind kind, String event, Snapshot s) {
        return Notification.of(key, kind, Subject.issue(s.issueId()).toString(), event, s.organization(), s.title())
                .withContext(s.project(), s.culprit(), s.environment(), s.level(), s.count())
                .withFields(fields(kind, s))
                .withLabels(s.tags())
                .withData(data(s))
                .opening(s.link());
    }

    /** What people read, in display order, leaving out what is unknown. */
    static List<Field> fields(Notification.Kind kind, Snapshot s) {
        List<Field> fields = new ArrayList<>();
        add(fields, "Project", s.project());
        add(fields, "Environment", s.environment());
        add(fields, "Level", s.level());
        if (kind == Notification.Kind.ALERT || kind == Notification.Kind.RESOLVE || s.count() > 0) {
            fields.add(new Field("Events", Long.toString(s.count())));
            fields.add(new Field("Users", Long.toString(s.users())));
        }
        if (s.firstSeen() != null) {
            fields.add(Field.time("First seen", s.firstSeen()));
        }
        add(fields, "Release", s.release());
        if (s.suspectCommit() != null && !s.suspectCommit().isBlank()) {
            fields.add(new Field("Suspect commit", s.suspectCommit()
                    + (s.suspectAuthor() == null || s.suspectAuthor().isBlank() ? "" : " by " + s.suspectAuthor())));
        }
        add(fields, "Assignee", s.assignee());
        return fields;
    }

    /** The issue's facts for webhooks, beside what every message carries (title, project, culprit, level, count, tags). */
    static Map<String, Object> data(Snapshot s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("users", s.users());
        data.put("firstSeen", s.firstSeen() == null ? null : s.firstSeen().toString());
        data.put("release", s.release());
        Map<String, Object> suspect = new LinkedHashMap<>();
        suspect.put("id", s.suspectCommit());
        suspect.put("author", s.suspectAuthor());
        data.put("suspectCommit", suspect);
        data.put("assignee", s.assignee());
        return data;
    }

    private static void add(List<Field> fields, String label, String value) {
        if (value != null && !value.isBlank()) {
            fields.add(new Field(label, value));
        }
    }
}
