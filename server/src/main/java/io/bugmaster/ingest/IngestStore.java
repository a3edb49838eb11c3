package io.bugmaster.ingest;

import io.bugmaster.storage.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What ingestion keeps besides events (those go through the digester): attachments, user
 * feedback, session counts for release health, outcomes (what was dropped and why). Check-ins go to
 * the monitors package.
 */
@Repository
public class IngestStore {
    private static final long HOUR = 3_600_000L;

    private final JdbcClient db;
    private final Transactions tx;

    public IngestStore(JdbcClient db, Transactions tx) {
        this.db = db;
        this.tx = tx;
    }

    public record Attachment(String eventId, String name, String contentType, String attachmentType, byte[] data) {}

    public record SessionCount(String release, String environment, Instant started, long count, long errored, long crashed,
            long abnormal) {}

    public record Outcome(String outcome, String category, String reason, long quantity) {}

    public record UserReport(String eventId, String name, String email, String comments) {}

    /** Everything of one request that is not an event, in one transaction. */
    public record SideItems(List<Attachment> attachments, List<SessionCount> sessions, List<Outcome> outcomes,
            List<UserReport> userReports) {

        public boolean isEmpty() {
            return attachments.isEmpty() && sessions.isEmpty() && outcomes.isEmpty() && userReports.isEmpty();
        }
    }

    /**
     * What {@link #write} did not keep.
     *
     * @param refusedAttachmentBytes bytes of attachments left out because the project's attachment storage
     *                               quota would be passed (0 when all were kept)
     */
    public record Written(long refusedAttachmentBytes) {}

    /**
     * Writes everything of one request that is not an event, in one transaction. Attachments count
     * against the project's attachment storage ({@code attachment_usage}, updated in the same
     * transaction with a conditional update, so requests in parallel cannot pass the quota together):
     * when they would pass {@code attachmentQuota} bytes, none of them is kept. An attachment the
     * event already has (same name and size, sent again) is not stored twice.
     */
    public Written write(long projectId, SideItems items, Instant now, long attachmentQuota) {
        if (items.isEmpty()) {
            return new Written(0);
        }
        return tx.write(() -> {
            long refused = writeAttachments(projectId, items.attachments(), now, attachmentQuota);
            for (SessionCount s : items.sessions()) {
                db.sql("""
                        INSERT INTO session_counts (project_id, release, environment, hour, started, errored, crashed, abnormal)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (project_id, release, environment, hour) DO UPDATE SET
                        started = session_counts.started + excluded.started, errored = session_counts.errored + excluded.errored,
                        crashed = session_counts.crashed + excluded.crashed, abnormal = session_counts.abnormal + excluded.abnormal""")
                        .params(projectId, s.release(), s.environment(), s.started().toEpochMilli() / HOUR * HOUR, s.count(),
                                s.errored(), s.crashed(), s.abnormal()).update();
            }
            for (Outcome o : items.outcomes()) {
                addOutcome(projectId, o, now);
            }
            for (UserReport r : items.userReports()) {
                db.sql("INSERT INTO user_reports (project_id, event_id, name, email, comments, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                        .params(projectId, r.eventId(), r.name(), r.email(), r.comments(), now.toEpochMilli()).update();
            }
            return new Written(refused);
        });
    }

    private long writeAttachments(long projectId, List<Attachment> attachments, Instant now, long quota) {
        List<Attachment> fresh = new ArrayList<>();
        long bytes = 0;
        for (Attachment a : attachments) {
            boolean known = db.sql("SELECT COUNT(*) FROM attachments WHERE project_id = ? AND event_id = ? AND name = ? AND size = ?")
                    .params(projectId, a.eventId(), a.name(), a.data().length).query(Long.class).single() > 0;
            if (!known) {
                fresh.add(a);
                bytes += a.data().length;
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        db.sql("INSERT INTO attachment_usage (project_id, bytes) VALUES (?, 0) ON CONFLICT (project_id) DO NOTHING")
                .param(projectId).update();
        int counted = db.sql("UPDATE attachment_usage SET bytes = bytes + ? WHERE project_id = ? AND bytes + ? <= ?")
                .params(bytes, projectId, bytes, quota).update();
        if (counted == 0) {
            return bytes;
        }
        for (Attachment a : fresh) {
            db.sql("""
                    INSERT INTO attachments (project_id, event_id, name, content_type, attachment_type, size, data, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(projectId, a.eventId(), a.name(), a.contentType(), a.attachmentType(), a.data().length, a.data(),
                            now.toEpochMilli()).update();
        }
        return 0;
    }

    /** Bytes of attachments the project keeps (what its attachment storage quota is counted against). */
    public long attachmentBytes(long projectId) {
        return db.sql("SELECT bytes FROM attachment_usage WHERE project_id = ?").param(projectId).query(Long.class)
                .optional().orElse(0L);
    }

    // --- forgetting the events of deleted issues ---

    /** Whether the project keeps any attachment or feedback (each an index lookup). */
    public boolean keepsEventData(long projectId) {
        return db.sql("SELECT 1 FROM attachments WHERE project_id = ? LIMIT 1").param(projectId).query(Integer.class).optional()
                .isPresent()
                || db.sql("SELECT 1 FROM user_reports WHERE project_id = ? LIMIT 1").param(projectId).query(Integer.class).optional()
                        .isPresent();
    }

    /**
     * Deletes the attachments and feedback of these events of the project, and takes exactly the bytes
     * deleted off the project's attachment storage; call inside the transaction that deletes the events.
     * The sizes come from the deleted rows themselves, so an attachment stored meanwhile is never
     * uncounted.
     */
    public void forgetEvents(long projectId, List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        var params = java.util.Map.of("project", projectId, "events", eventIds);
        long bytes = db.sql("DELETE FROM attachments WHERE project_id = :project AND event_id IN (:events) RETURNING size")
                .params(params).query(Long.class).list().stream().mapToLong(Long::longValue).sum();
        if (bytes > 0) {
            db.sql("UPDATE attachment_usage SET bytes = bytes - ? WHERE project_id = ?").params(bytes, projectId).update();
        }
        db.sql("DELETE FROM user_reports WHERE project_id = :project AND event_id IN (:events)").params(params).update();
    }

    // --- reading back what was kept ---

    public record StoredAttachment(long id, String eventId, String name, String contentType, String attachmentType, long size,
            Instant createdAt) {}

    public record StoredUserReport(long id, String eventId, String name, String email, String comments, Instant createdAt) {}

    public record ReleaseHealth(String release, String environment, long sessions, long errored, long crashed, long abnormal) {}

    public record OutcomeTotal(String outcome, String category, String reason, long quantity) {}

    public List<StoredAttachment> attachments(long projectId, String eventId) {
        return db.sql("""
                SELECT id, event_id, name, content_type, attachment_type, size, created_at FROM attachments
                WHERE project_id = ? AND event_id = ? ORDER BY id""").params(projectId, eventId)
                .query((rs, n) -> new StoredAttachment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), Instant.ofEpochMilli(rs.getLong(7)))).list();
    }

    public java.util.Optional<byte[]> attachmentData(long projectId, String eventId, long attachmentId) {
        return db.sql("SELECT data FROM attachments WHERE project_id = ? AND event_id = ? AND id = ?")
                .params(projectId, eventId, attachmentId).query(byte[].class).optional();
    }

    /** Newest first; one row more than the page, to tell whether more follow. */
    public List<StoredUserReport> userReports(long projectId, int offset, int limitPlusOne) {
        return db.sql("""
                SELECT id, event_id, name, email, comments, created_at FROM user_reports WHERE project_id = ?
                ORDER BY id DESC LIMIT ? OFFSET ?""").params(projectId, limitPlusOne, offset)
                .query((rs, n) -> new StoredUserReport(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)))).list();
    }

    public List<StoredUserReport> userReportsOfEvent(long projectId, String eventId) {
        return db.sql("""
                SELECT id, event_id, name, email, comments, created_at FROM user_reports WHERE project_id = ? AND event_id = ?
                ORDER BY id""").params(projectId, eventId)
                .query((rs, n) -> new StoredUserReport(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)))).list();
    }

    /** A project's feedback with an id below {@code beforeId} (null: from the newest), newest first. */
    public List<StoredUserReport> userReportsBefore(long projectId, Long beforeId, int limit) {
        return db.sql("""
                SELECT id, event_id, name, email, comments, created_at FROM user_reports WHERE project_id = ? AND id < ?
                ORDER BY id DESC LIMIT ?""").params(projectId, beforeId == null ? Long.MAX_VALUE : beforeId, limit)
                .query((rs, n) -> new StoredUserReport(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)))).list();
    }

    public List<ReleaseHealth> releaseHealth(long projectId, Instant since) {
        return db.sql("""
                SELECT release, environment, SUM(started), SUM(errored), SUM(crashed), SUM(abnormal) FROM session_counts
                WHERE project_id = ? AND hour >= ? GROUP BY release, environment ORDER BY release, environment""")
                .params(projectId, since.toEpochMilli() / HOUR * HOUR)
                .query((rs, n) -> new ReleaseHealth(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6))).list();
    }

    /**
     * Sessions of several projects in one query, summed per release and environment; only the given
     * releases unless {@code releases} is empty.
     */
    public List<ReleaseHealth> releaseHealth(java.util.Collection<Long> projectIds, java.util.Collection<String> releases,
            Instant since) {
        if (projectIds.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("""
                SELECT release, environment, SUM(started), SUM(errored), SUM(crashed), SUM(abnormal) FROM session_counts
                WHERE project_id IN (:projects) AND hour >= :since""");
        var params = new java.util.LinkedHashMap<String, Object>();
        params.put("projects", List.copyOf(projectIds));
        params.put("since", since.toEpochMilli() / HOUR * HOUR);
        if (!releases.isEmpty()) {
            sql.append(" AND release IN (:releases)");
            params.put("releases", List.copyOf(releases));
        }
        sql.append(" GROUP BY release, environment ORDER BY release, environment");
        return db.sql(sql.toString()).params(params)
                .query((rs, n) -> new ReleaseHealth(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6))).list();
    }

    public List<OutcomeTotal> outcomes(long projectId, Instant since) {
        return db.sql("""
                SELECT outcome, category, reason, SUM(quantity) FROM outcomes WHERE project_id = ? AND hour >= ?
                GROUP BY outcome, category, reason ORDER BY outcome, category, reason""")
                .params(projectId, since.toEpochMilli() / HOUR * HOUR)
                .query((rs, n) -> new OutcomeTotal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
    }

    /** Counts what was dropped; used on its own for refusals (rate limits), where nothing else is written. */
    public void recordOutcome(long projectId, Outcome outcome, Instant now) {
        tx.write(() -> addOutcome(projectId, outcome, now));
    }

    private void addOutcome(long projectId, Outcome o, Instant now) {
        db.sql("""
                INSERT INTO outcomes (project_id, hour, outcome, category, reason, quantity) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id, hour, outcome, category, reason) DO UPDATE SET quantity = outcomes.quantity + excluded.quantity""")
                .params(projectId, now.toEpochMilli() / HOUR * HOUR, o.outcome(), o.category(), o.reason(), o.quantity()).update();
    }
}
