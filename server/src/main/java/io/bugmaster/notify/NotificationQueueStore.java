package io.bugmaster.notify;

import io.bugmaster.notify.QueuedNotification.State;
import io.bugmaster.storage.Rows;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** notification_queue: notifications waiting for delivery, stored as JSON. */
@Repository
public class NotificationQueueStore {
    private final JdbcClient db;

    public NotificationQueueStore(JdbcClient db) {
        this.db = db;
    }

    /**
     * Queues a notification to one of a channel, an email address or a contact method; a row to a
     * channel names its subject, which orders the channel's messages about it.
     */
    boolean insertIfAbsent(long orgId, Long channelId, String email, Long contactMethodId, Notification n, Instant now) {
        return db.sql("""
                INSERT INTO notification_queue (org_id, channel_id, email, contact_method_id, idempotency_key, notification, state,
                    attempts, next_attempt_at, created_at, subject_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING""")
                .params(orgId, channelId, email, contactMethodId, n.idempotencyKey(), toJson(n), State.PENDING.id(), now.toEpochMilli(),
                        now.toEpochMilli(), channelId == null ? null : n.subjectPath())
                .update() == 1;
    }

    /**
     * The organization's channels a follow-up about {@code subjectKey} (a resolve) goes to: those
     * with an open alert about it, and those with a message about it still queued (whose alert may
     * yet be delivered; the resolve waits behind it).
     */
    java.util.List<Long> followUpChannels(long orgId, String subjectKey) {
        return db.sql("""
                SELECT a.channel_id FROM notification_open_alerts a JOIN notification_channels c ON c.id = a.channel_id
                WHERE a.subject_key = ? AND c.org_id = ?
                UNION
                SELECT channel_id FROM notification_queue
                WHERE org_id = ? AND channel_id IS NOT NULL AND subject_key = ? AND state = ?
                ORDER BY 1""")
                .params(subjectKey, orgId, orgId, subjectKey, PENDING).query(Long.class).list();
    }

    /**
     * The alerts open about {@code from} (and those merged into it before) now wait for {@code to}:
     * a resolve of {@code to} closes them, each under its own subject.
     */
    int moveOpenAlerts(long orgId, String from, String to) {
        return db.sql("""
                UPDATE notification_open_alerts SET merged_into = ?
                WHERE (subject_key = ? OR merged_into = ?) AND channel_id IN (SELECT id FROM notification_channels WHERE org_id = ?)""")
                .params(to, from, from, orgId).update();
    }

    /** An open alert about an issue merged into another: the channel and its own subject. */
    record MergedAlert(long channelId, String subjectKey) {}

    /** The organization's open alerts merged into {@code subjectKey}. */
    java.util.List<MergedAlert> mergedOpenAlerts(long orgId, String subjectKey) {
        return db.sql("""
                SELECT a.channel_id, a.subject_key FROM notification_open_alerts a JOIN notification_channels c ON c.id = a.channel_id
                WHERE a.merged_into = ? AND c.org_id = ? ORDER BY a.channel_id, a.subject_key""")
                .params(subjectKey, orgId).query((rs, n) -> new MergedAlert(rs.getLong(1), rs.getString(2))).list();
    }

    /** An issue alert about {@code subjectKey} reached the channel: a later resolve goes there. */
    void openAlert(long channelId, String subjectKey, Instant now) {
        db.sql("""
                INSERT INTO notification_open_alerts (channel_id, subject_key, opened_at) VALUES (?, ?, ?)
                ON CONFLICT (channel_id, subject_key) DO NOTHING""")
                .params(channelId, subjectKey, now.toEpochMilli()).update();
    }

    boolean hasOpenAlert(long channelId, String subjectKey) {
        return db.sql("SELECT COUNT(*) FROM notification_open_alerts WHERE channel_id = ? AND subject_key = ?")
                .params(channelId, subjectKey).query(Long.class).single() > 0;
    }

    /** A resolve about {@code subjectKey} reached the channel: nothing is open there any more. */
    void closeAlert(long channelId, String subjectKey) {
        db.sql("DELETE FROM notification_open_alerts WHERE channel_id = ? AND subject_key = ?").params(channelId, subjectKey).update();
    }

    /** A queue row as the delivery worker needs it; {@code digestWindow} is set on a storm digest. */
    record Row(long id, long orgId, Long channelId, String email, Long contactMethodId, String idempotencyKey, String notification,
            int attempts, Instant createdAt, Long digestWindow) {}

    private static final String PENDING = State.PENDING.id();

    /**
     * Ids of rows due now and not leased by a worker, oldest due first. A row waits while an older
     * row to the same channel about the same subject is still pending (waiting for a retry, or being
     * sent): a channel gets the messages about one issue in the order they were made, so a resolve
     * never overtakes its trigger, nor a new trigger an older resolve.
     */
    java.util.List<Long> dueIds(Instant now, int limit) {
        return due(now, limit).stream().map(Due::id).toList();
    }

    /** A due row and who it goes to: a channel, an email address or a contact method (one of them is set). */
    record Due(long id, Long channelId, String email, Long contactMethodId) {
        /** The receiver: its rows are sent one after another, by one sender at a time. */
        String receiver() {
            if (channelId != null) {
                return "c" + channelId;
            }
            return email != null ? "e" + email.toLowerCase(java.util.Locale.ROOT) : "m" + contactMethodId;
        }
    }

    /** The rows {@link #dueIds} names, with their receivers. */
    java.util.List<Due> due(Instant now, int limit) {
        long t = now.toEpochMilli();
        return db.sql("""
                SELECT q.id, q.channel_id, q.email, q.contact_method_id FROM notification_queue q
                WHERE q.state = ? AND q.next_attempt_at <= ? AND (q.claimed_until IS NULL OR q.claimed_until <= ?)
                  AND (q.subject_key IS NULL OR NOT EXISTS (
                      SELECT 1 FROM notification_queue o
                      WHERE o.channel_id = q.channel_id AND o.subject_key = q.subject_key AND o.id < q.id AND o.state = ?))
                ORDER BY q.next_attempt_at, q.id LIMIT ?""")
                .params(PENDING, t, t, PENDING, limit)
                .query((rs, n) -> new Due(rs.getLong(1), Rows.longValue(rs, "channel_id"), rs.getString(3),
                        Rows.longValue(rs, "contact_method_id"))).list();
    }

    /** Takes a lease on a due row; false when another worker took it first or it is no longer due. */
    boolean claim(long id, Instant now, Instant leaseUntil) {
        long t = now.toEpochMilli();
        return db.sql("""
                UPDATE notification_queue SET claimed_until = ?
                WHERE id = ? AND state = ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)""")
                .params(leaseUntil.toEpochMilli(), id, PENDING, t, t).update() == 1;
    }

    java.util.Optional<Row> find(long id) {
        return db.sql("SELECT * FROM notification_queue WHERE id = ?").param(id)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("org_id"), Rows.longValue(rs, "channel_id"),
                        rs.getString("email"), Rows.longValue(rs, "contact_method_id"), rs.getString("idempotency_key"), rs.getString("notification"), rs.getInt("attempts"),
                        Instant.ofEpochMilli(rs.getLong("created_at")), Rows.longValue(rs, "digest_window")))
                .optional();
    }

    /**
     * Ends a leased row's attempt: its new state, attempt count, next attempt and error. Only the
     * holder of the lease can do it (a worker whose lease ran out and was taken over changes nothing).
     */
    boolean finish(long id, Instant lease, State state, int attempts, Instant nextAttemptAt, String lastError) {
        return db.sql("""
                UPDATE notification_queue SET state = ?, attempts = ?, next_attempt_at = ?, last_error = ?, claimed_until = NULL
                WHERE id = ? AND state = ? AND claimed_until = ?""")
                .params(state.id(), attempts, nextAttemptAt.toEpochMilli(), lastError, id, PENDING, lease.toEpochMilli()).update() == 1;
    }

    /** Folds a leased row into a storm digest: it is not sent on its own. */
    boolean fold(long id, Instant lease, String digestKey) {
        return db.sql("""
                UPDATE notification_queue SET state = ?, folded_into = ?, claimed_until = NULL
                WHERE id = ? AND state = ? AND claimed_until = ?""")
                .params(State.DIGESTED.id(), digestKey, id, PENDING, lease.toEpochMilli()).update() == 1;
    }

    /** Queues a channel's digest for one minute (once: the key is the channel and the minute), due when the minute closes. */
    void insertDigest(long orgId, long channelId, String digestKey, Instant windowStart, int limit, Instant dueAt, Instant now) {
        Notification placeholder = Storms.digest(digestKey, channelId, windowStart, limit, java.util.List.of());
        db.sql("""
                INSERT INTO notification_queue (org_id, channel_id, email, idempotency_key, notification, state, attempts,
                    next_attempt_at, created_at, digest_window)
                VALUES (?, ?, NULL, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING""")
                .params(orgId, channelId, digestKey, toJson(placeholder), PENDING, dueAt.toEpochMilli(), now.toEpochMilli(),
                        windowStart.toEpochMilli())
                .update();
    }

    /** The notifications folded into a digest, in the order they were queued. */
    java.util.List<Notification> folded(String digestKey) {
        return db.sql("SELECT notification FROM notification_queue WHERE folded_into = ? ORDER BY id").param(digestKey)
                .query(String.class).list().stream().map(NotificationQueueStore::fromJson).toList();
    }

    /** Counts one more issue alert to a channel in a minute; returns the count including it. */
    long countInWindow(long channelId, Instant windowStart) {
        return db.sql("""
                INSERT INTO notification_storm_windows (channel_id, window_start, sent) VALUES (?, ?, 1)
                ON CONFLICT (channel_id, window_start) DO UPDATE SET sent = notification_storm_windows.sent + 1
                RETURNING sent""")
                .params(channelId, windowStart.toEpochMilli()).query(Long.class).single();
    }

    /** Forgets storm counts of minutes long past. */
    void pruneWindows(Instant before) {
        db.sql("DELETE FROM notification_storm_windows WHERE window_start < ?").param(before.toEpochMilli()).update();
    }

    /** Skips the organization's pending rows, not leased, whose key starts with {@code keyPrefix}. */
    int skipPending(long orgId, String keyPrefix, String reason) {
        return db.sql("""
                UPDATE notification_queue SET state = ?, last_error = ?
                WHERE org_id = ? AND state = ? AND claimed_until IS NULL AND substr(idempotency_key, 1, ?) = ?""")
                .params(State.SKIPPED.id(), reason, orgId, PENDING, keyPrefix.length(), keyPrefix).update();
    }

    /** See {@link NotificationQueue#sent}: each row with the time of its last attempt (null before the first). */
    java.util.List<NotificationQueue.Sent> sent(long orgId, String keyPrefix, Instant since, int limit) {
        return db.sql("""
                SELECT q.idempotency_key, q.contact_method_id, q.state, q.last_error, q.created_at,
                    (SELECT MAX(d.created_at) FROM notification_deliveries d WHERE d.idempotency_key = q.idempotency_key) AS last_attempt_at
                FROM notification_queue q
                WHERE q.org_id = ? AND q.created_at >= ? AND substr(q.idempotency_key, 1, ?) = ?
                ORDER BY q.id LIMIT ?""")
                .params(orgId, since.toEpochMilli(), keyPrefix.length(), keyPrefix, limit)
                .query((rs, n) -> new NotificationQueue.Sent(rs.getString("idempotency_key"), Rows.longValue(rs, "contact_method_id"),
                        State.parse(rs.getString("state")), rs.getString("last_error"), Instant.ofEpochMilli(rs.getLong("created_at")),
                        Rows.instant(rs, "last_attempt_at")))
                .list();
    }

    /** Fails every pending row of a channel that was turned off (rows leased right now finish on their own). */
    int failPending(long channelId, String reason) {
        return db.sql("UPDATE notification_queue SET state = ?, last_error = ? WHERE channel_id = ? AND state = ? AND claimed_until IS NULL")
                .params(State.FAILED.id(), reason, channelId, PENDING).update();
    }

    /**
     * Deletes up to {@code limit} finished rows (delivered, failed, digested, skipped) queued before
     * {@code before}; pending rows stay whatever their age. Returns how many it deleted.
     */
    int deleteFinishedBefore(Instant before, int limit) {
        return db.sql("""
                DELETE FROM notification_queue WHERE id IN (
                    SELECT id FROM notification_queue WHERE created_at < ? AND state IN (?, ?, ?, ?) LIMIT ?)""")
                .params(before.toEpochMilli(), State.DELIVERED.id(), State.FAILED.id(), State.DIGESTED.id(), State.SKIPPED.id(), limit)
                .update();
    }

    /** Rows per state, for the channels page. */
    java.util.Map<String, Long> countByState(long channelId) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        db.sql("SELECT state, COUNT(*) AS n FROM notification_queue WHERE channel_id = ? GROUP BY state").param(channelId)
                .query((rs, n) -> out.put(rs.getString("state"), rs.getLong("n"))).list();
        return out;
    }

    static String toJson(Notification n) {
        return NotificationJson.write(n);
    }

    static Notification fromJson(String json) {
        return NotificationJson.read(json);
    }
}
