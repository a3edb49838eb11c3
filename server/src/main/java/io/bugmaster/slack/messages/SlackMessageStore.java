package io.bugmaster.slack.messages;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table slack_messages. */
@Repository
class SlackMessageStore {
    private final JdbcClient db;

    SlackMessageStore(JdbcClient db) {
        this.db = db;
    }

    void record(long orgId, String subject, String channel, String ts, Instant now) {
        db.sql("""
                INSERT INTO slack_messages (org_id, subject, channel, ts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel, ts) DO UPDATE SET subject = excluded.subject, updated_at = excluded.updated_at""")
                .params(orgId, subject, channel, ts, now.toEpochMilli(), now.toEpochMilli()).update();
    }

    List<SlackMessageLog.Posted> bySubject(long orgId, String subject, int limit) {
        return db.sql("SELECT * FROM slack_messages WHERE org_id = ? AND subject = ? ORDER BY id DESC LIMIT ?")
                .params(orgId, subject, limit).query(SlackMessageStore::row).list();
    }

    int forgetBefore(Instant before) {
        return db.sql("DELETE FROM slack_messages WHERE created_at < ?").param(before.toEpochMilli()).update();
    }

    private static SlackMessageLog.Posted row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new SlackMessageLog.Posted(rs.getLong("id"), rs.getLong("org_id"), rs.getString("subject"), rs.getString("channel"),
                rs.getString("ts"), Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
