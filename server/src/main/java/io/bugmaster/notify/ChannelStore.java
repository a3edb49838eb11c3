package io.bugmaster.notify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of notification_channels; {@code config} is the encrypted settings, never clear text. */
@Repository
public class ChannelStore {
    private final JdbcClient db;

    public ChannelStore(JdbcClient db) {
        this.db = db;
    }

    /** A channel row as stored. */
    public record Row(long id, long orgId, String name, String kind, String config, boolean enabled, String disabledReason,
            Instant createdAt) {}

    public Optional<Long> insert(long orgId, String name, String kind, String encryptedConfig, Instant now) {
        return db.sql("""
                INSERT INTO notification_channels (org_id, name, kind, config, enabled, created_at) VALUES (?, ?, ?, ?, TRUE, ?)
                ON CONFLICT (org_id, name) DO NOTHING RETURNING id""")
                .params(orgId, name, kind, encryptedConfig, now.toEpochMilli()).query(Long.class).optional();
    }

    public Optional<Row> find(long orgId, long id) {
        return db.sql("SELECT * FROM notification_channels WHERE org_id = ? AND id = ?").params(orgId, id)
                .query(ChannelStore::map).optional();
    }

    public Optional<Row> findById(long id) {
        return db.sql("SELECT * FROM notification_channels WHERE id = ?").param(id).query(ChannelStore::map).optional();
    }

    public List<Row> list(long orgId, int offset, int limitPlusOne) {
        return db.sql("SELECT * FROM notification_channels WHERE org_id = ? ORDER BY name, id LIMIT ? OFFSET ?")
                .params(orgId, limitPlusOne, offset).query(ChannelStore::map).list();
    }

    public boolean nameTaken(long orgId, String name, long exceptId) {
        return db.sql("SELECT COUNT(*) FROM notification_channels WHERE org_id = ? AND name = ? AND id <> ?")
                .params(orgId, name, exceptId).query(Long.class).single() > 0;
    }

    public void update(long orgId, long id, String name, String encryptedConfig, boolean enabled, String disabledReason) {
        // turning a channel (back) on forgives its earlier permanent failures
        db.sql("""
                UPDATE notification_channels SET name = ?, config = ?, disabled_reason = ?,
                    consecutive_failures = CASE WHEN ? AND NOT enabled THEN 0 ELSE consecutive_failures END, enabled = ?
                WHERE org_id = ? AND id = ?""")
                .params(name, encryptedConfig, disabledReason, enabled, enabled, orgId, id).update();
    }

    /** Turns a channel off with a reason people see (the delivery worker, after repeated permanent failures). */
    public void disable(long id, String reason) {
        db.sql("UPDATE notification_channels SET enabled = FALSE, disabled_reason = ? WHERE id = ?").params(reason, id).update();
    }

    /** Counts one more permanent failure in a row; returns how many there are now. */
    public int countPermanentFailure(long id) {
        return db.sql("UPDATE notification_channels SET consecutive_failures = consecutive_failures + 1 WHERE id = ? RETURNING consecutive_failures")
                .param(id).query(Integer.class).optional().orElse(0);
    }

    /** A delivered notification ends a run of permanent failures. */
    public void resetFailures(long id) {
        db.sql("UPDATE notification_channels SET consecutive_failures = 0 WHERE id = ? AND consecutive_failures <> 0").param(id).update();
    }

    public boolean delete(long orgId, long id) {
        return db.sql("DELETE FROM notification_channels WHERE org_id = ? AND id = ?").params(orgId, id).update() > 0;
    }

    private static Row map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Row(rs.getLong("id"), rs.getLong("org_id"), rs.getString("name"), rs.getString("kind"), rs.getString("config"),
                rs.getBoolean("enabled"), rs.getString("disabled_reason"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
