package io.bugmaster.slack.events;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table slack_timeline_messages: the Slack messages already sent to an incident's timeline. */
@Repository
class SlackTimelineMessageStore {
    private final JdbcClient db;

    SlackTimelineMessageStore(JdbcClient db) {
        this.db = db;
    }

    boolean known(long orgId, String channel, String ts) {
        return db.sql("SELECT COUNT(*) FROM slack_timeline_messages WHERE org_id = ? AND channel = ? AND ts = ?")
                .params(orgId, channel, ts).query(Long.class).single() > 0;
    }

    /** Records the message; false when it was sent to the timeline already. */
    boolean firstTime(long orgId, String channel, String ts, long incidentId, Instant now) {
        return db.sql("""
                INSERT INTO slack_timeline_messages (org_id, channel, ts, incident_id, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (org_id, channel, ts) DO NOTHING""")
                .params(orgId, channel, ts, incidentId, now.toEpochMilli()).update() > 0;
    }
}
