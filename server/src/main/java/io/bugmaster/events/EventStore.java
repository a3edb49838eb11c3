package io.bugmaster.events;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reading events, and moving them between issues when issues merge. */
@Repository
public class EventStore {
    private static final String SELECT = """
            SELECT id, project_id, issue_id, event_id, type, occurred_at, received_at, level, release, environment, user_key,
            title, payload FROM events""";

    private final JdbcClient db;

    public EventStore(JdbcClient db) {
        this.db = db;
    }

    /** An issue's events, newest first. */
    public List<StoredEvent> listForIssue(long issueId, int offset, int limitPlusOne) {
        return db.sql(SELECT + " WHERE issue_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(issueId, limitPlusOne, offset).query(EventStore::map).list();
    }

    public Optional<StoredEvent> latest(long issueId) {
        return db.sql(SELECT + " WHERE issue_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 1").param(issueId)
                .query(EventStore::map).optional();
    }

    public Optional<StoredEvent> oldest(long issueId) {
        return db.sql(SELECT + " WHERE issue_id = ? ORDER BY occurred_at, id LIMIT 1").param(issueId)
                .query(EventStore::map).optional();
    }

    /** The project's newest events that belong to an issue (errors and messages), without their payloads. */
    public List<EventService.RecentEvent> recentWithIssue(long projectId, int limit) {
        return db.sql("""
                SELECT event_id, title, occurred_at FROM events WHERE project_id = ? AND issue_id IS NOT NULL
                ORDER BY received_at DESC, id DESC LIMIT ?""")
                .params(projectId, limit)
                .query((rs, row) -> new EventService.RecentEvent(rs.getString("event_id"), rs.getString("title"),
                        java.time.Instant.ofEpochMilli(rs.getLong("occurred_at"))))
                .list();
    }

    public Optional<StoredEvent> find(long projectId, String eventId) {
        return db.sql(SELECT + " WHERE project_id = ? AND event_id = ?").params(projectId, eventId)
                .query(EventStore::map).optional();
    }

    /** The event of the issue that comes after ({@code newer}) or before this one in time. */
    public Optional<String> neighbour(StoredEvent event, boolean newer) {
        long at = event.occurredAt().toEpochMilli();
        // the plain bound on occurred_at lets PostgreSQL start the index scan at the event (the OR alone does not: it read
        // every event of the issue from the oldest when asked for the one after the latest, 33 ms at 100,000 events)
        String sql = newer
                ? "SELECT event_id FROM events WHERE issue_id = ? AND occurred_at >= ? AND (occurred_at > ? OR id > ?) "
                        + "ORDER BY occurred_at, id LIMIT 1"
                : "SELECT event_id FROM events WHERE issue_id = ? AND occurred_at <= ? AND (occurred_at < ? OR id < ?) "
                        + "ORDER BY occurred_at DESC, id DESC LIMIT 1";
        return db.sql(sql).params(event.issueId(), at, at, event.id()).query(String.class).optional();
    }

    /** Where an event stands in its issue's order (occurred_at, then id), with its event id. */
    record EventKey(long occurredAt, long id, String eventId) {
        static final EventKey FIRST = new EventKey(Long.MIN_VALUE, Long.MIN_VALUE, null);
    }

    /**
     * The issue's next {@code limit} events after {@code after}, oldest first: keyset paging on the
     * (issue_id, occurred_at) index, so each page costs its own rows whatever the issue's size. The
     * plain bound on occurred_at is what lets PostgreSQL start the index scan there (as in {@link #neighbour}).
     */
    List<EventKey> eventKeysAfter(long issueId, EventKey after, int limit) {
        return db.sql("""
                SELECT occurred_at, id, event_id FROM events WHERE issue_id = ? AND occurred_at >= ? AND (occurred_at > ? OR id > ?)
                ORDER BY occurred_at, id LIMIT ?""")
                .params(issueId, after.occurredAt(), after.occurredAt(), after.id(), limit)
                .query((rs, n) -> new EventKey(rs.getLong(1), rs.getLong(2), rs.getString(3))).list();
    }

    public void moveToIssue(List<Long> fromIssues, long toIssue) {
        List<Object> params = new ArrayList<>();
        params.add(toIssue);
        params.addAll(fromIssues);
        db.sql("UPDATE events SET issue_id = ? WHERE issue_id IN (" + String.join(", ", Collections.nCopies(fromIssues.size(), "?"))
                + ")").params(params).update();
    }

    public long countSince(long issueId, long sinceMillis) {
        return db.sql("SELECT COUNT(*) FROM events WHERE issue_id = ? AND occurred_at >= ?").params(issueId, sinceMillis)
                .query(Long.class).single();
    }

    public Map<Long, Long> issuesReceivedBetween(java.util.Collection<Long> projectIds, long fromMillis, long toMillis) {
        Map<Long, Long> out = new java.util.LinkedHashMap<>();
        List<Long> ids = List.copyOf(projectIds);
        for (int i = 0; i < ids.size(); i += 500) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
            List<Object> params = new java.util.ArrayList<>(chunk);
            params.add(fromMillis);
            params.add(toMillis);
            db.sql("SELECT DISTINCT issue_id, project_id FROM events WHERE project_id IN ("
                            + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"))
                            + ") AND received_at > ? AND received_at <= ? AND issue_id IS NOT NULL")
                    .params(params).query((rs, n) -> out.put(rs.getLong(1), rs.getLong(2))).list();
        }
        return out;
    }

    public long usersSince(long issueId, long sinceMillis) {
        return db.sql("SELECT COUNT(DISTINCT user_key) FROM events WHERE issue_id = ? AND occurred_at >= ? AND user_key IS NOT NULL")
                .params(issueId, sinceMillis).query(Long.class).single();
    }

    static StoredEvent map(ResultSet rs, int row) throws SQLException {
        return new StoredEvent(rs.getLong("id"), rs.getLong("project_id"), Rows.longValue(rs, "issue_id"), rs.getString("event_id"),
                rs.getString("type"), Rows.instant(rs, "occurred_at"), Rows.instant(rs, "received_at"), rs.getString("level"),
                rs.getString("release"), rs.getString("environment"), rs.getString("user_key"), rs.getString("title"),
                rs.getBytes("payload"));
    }

    /** Of these event ids of a project, those of the issue's events (500 bind parameters at a time). */
    public java.util.Set<String> eventIdsOfIssue(long projectId, long issueId, java.util.Collection<String> eventIds) {
        java.util.Set<String> found = new java.util.HashSet<>();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(eventIds));
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> params = new ArrayList<>();
            params.add(projectId);
            params.add(issueId);
            params.addAll(chunk);
            found.addAll(db.sql("SELECT event_id FROM events WHERE project_id = ? AND issue_id = ? AND event_id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")").params(params).query(String.class).list());
        }
        return found;
    }
    /** The WHERE clause and parameters of an event-volume count (EventVolume): the index range, then the filters. */
    private record VolumeWhere(String sql, List<Object> params) {
        static VolumeWhere of(long projectId, long from, long to, String messageLower, String transaction, String columnTag,
                String tagValue) {
            StringBuilder sql = new StringBuilder(" FROM events WHERE project_id = ? AND received_at >= ? AND received_at < ?");
            List<Object> params = new ArrayList<>(List.of(projectId, from, to));
            if (messageLower != null) {
                sql.append(" AND LOWER(title) LIKE ? ESCAPE '\\'");
                params.add("%" + messageLower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            if (transaction != null) {
                sql.append(" AND type = 'transaction' AND title = ?");
                params.add(transaction);
            }
            if (columnTag != null) {
                sql.append(" AND ").append(switch (columnTag) {
                    case "level" -> "level";
                    case "environment" -> "environment";
                    case "release" -> "release";
                    default -> throw new IllegalArgumentException("not a column tag: " + columnTag);
                }).append(" = ?");
                params.add(tagValue);
            }
            return new VolumeWhere(sql.toString(), params);
        }
    }

    /** Events of the project received in [from, to) that pass the column filters (EventVolume). */
    long countReceived(long projectId, long from, long to, String messageLower, String transaction, String columnTag, String tagValue) {
        VolumeWhere where = VolumeWhere.of(projectId, from, to, messageLower, transaction, columnTag, tagValue);
        return db.sql("SELECT COUNT(*)" + where.sql()).params(where.params()).query(Long.class).single();
    }

    /**
     * As {@link #countReceived}, and with the tag {@code tagKey = tagValue} in the stored payload: opens at most
     * {@code maxOpened} payloads, one at a time.
     */
    long countReceivedWithTag(long projectId, long from, long to, String messageLower, String transaction, String tagKey,
            String tagValue, int maxOpened) {
        VolumeWhere where = VolumeWhere.of(projectId, from, to, messageLower, transaction, null, null);
        long candidates = db.sql("SELECT COUNT(*)" + where.sql()).params(where.params()).query(Long.class).single();
        if (candidates > maxOpened) {
            // the words do not carry the count, which moves every run: a monitor that says the same is told once
            throw new EventVolume.TooManyToFilter("more than " + String.format(java.util.Locale.ROOT, "%,d", maxOpened)
                    + " events in an hour to filter on the tag '" + tagKey + "' (it reads each one): filter on a message, a"
                    + " transaction, or level, environment or release instead");
        }
        long[] matched = {0};
        db.sql("SELECT payload" + where.sql()).params(where.params()).query(rs -> {
            if (PayloadTags.has(rs.getBytes(1), tagKey, tagValue)) {
                matched[0]++;
            }
        });
        return matched[0];
    }
}
