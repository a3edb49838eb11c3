package io.bugmaster.slack.calls;

import io.bugmaster.storage.Rows;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table slack_calls. */
@Repository
class SlackCallStore {
    static final String PENDING = "pending";
    static final String DONE = "done";
    static final String FAILED = "failed";

    private final JdbcClient db;

    SlackCallStore(JdbcClient db) {
        this.db = db;
    }

    record Call(long id, long orgId, String method, String body, String coalesceKey, String state, int attempts, Instant nextAt,
            String lastError, Instant createdAt) {}

    /** Queues a call; a waiting call with the same coalesce key is replaced (only the newest matters). */
    long insert(long orgId, String method, String body, String coalesceKey, Instant now) {
        if (coalesceKey != null) {
            db.sql("DELETE FROM slack_calls WHERE coalesce_key = ? AND org_id = ? AND state = ?").params(coalesceKey, orgId, PENDING).update();
        }
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        db.sql("""
                INSERT INTO slack_calls (org_id, method, body, coalesce_key, state, attempts, next_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)""")
                .params(orgId, method, body, coalesceKey, PENDING, now.toEpochMilli(), now.toEpochMilli(), now.toEpochMilli())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    List<Call> due(Instant now, int limit) {
        return db.sql("SELECT * FROM slack_calls WHERE state = ? AND next_at <= ? ORDER BY next_at, id LIMIT ?")
                .params(PENDING, now.toEpochMilli(), limit).query(SlackCallStore::row).list();
    }

    /** Claims a due call for one attempt; false when another node took it or it was replaced. */
    boolean claim(Call call, Instant until) {
        return db.sql("UPDATE slack_calls SET next_at = ?, attempts = attempts + 1 WHERE id = ? AND state = ? AND attempts = ?")
                .params(until.toEpochMilli(), call.id(), PENDING, call.attempts()).update() > 0;
    }

    void finish(long id, String state, String error, Instant now) {
        db.sql("UPDATE slack_calls SET state = ?, last_error = ?, updated_at = ? WHERE id = ?").params(state, error, now.toEpochMilli(), id)
                .update();
    }

    void retryAt(long id, Instant at, String error, Instant now) {
        db.sql("UPDATE slack_calls SET next_at = ?, last_error = ?, updated_at = ? WHERE id = ? AND state = ?")
                .params(at.toEpochMilli(), error, now.toEpochMilli(), id, PENDING).update();
    }

    List<Call> recent(long orgId, int limit) {
        return db.sql("SELECT * FROM slack_calls WHERE org_id = ? ORDER BY id DESC LIMIT ?").params(orgId, limit)
                .query(SlackCallStore::row).list();
    }

    int forgetFinishedBefore(Instant before) {
        return db.sql("DELETE FROM slack_calls WHERE state <> ? AND updated_at < ?").params(PENDING, before.toEpochMilli()).update();
    }

    private static Call row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Call(rs.getLong("id"), rs.getLong("org_id"), rs.getString("method"), rs.getString("body"), rs.getString("coalesce_key"),
                rs.getString("state"), rs.getInt("attempts"), Instant.ofEpochMilli(rs.getLong("next_at")), rs.getString("last_error"),
                Rows.instant(rs, "created_at"));
    }
}
