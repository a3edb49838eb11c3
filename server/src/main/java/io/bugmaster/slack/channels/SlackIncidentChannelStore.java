package io.bugmaster.slack.channels;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table slack_incident_channels. */
@Repository
class SlackIncidentChannelStore {
    private final JdbcClient db;

    SlackIncidentChannelStore(JdbcClient db) {
        this.db = db;
    }

    void save(long orgId, long incidentId, String channel, String name, Instant now) {
        db.sql("""
                INSERT INTO slack_incident_channels (incident_id, org_id, channel, name, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (incident_id) DO UPDATE SET channel = excluded.channel, name = excluded.name""")
                .params(incidentId, orgId, channel, name, now.toEpochMilli()).update();
    }

    Optional<SlackIncidentChannels.Channel> byIncident(long incidentId) {
        return db.sql("SELECT * FROM slack_incident_channels WHERE incident_id = ?").param(incidentId)
                .query(SlackIncidentChannelStore::row).optional();
    }

    Optional<SlackIncidentChannels.Channel> byChannel(long orgId, String channel) {
        return db.sql("SELECT * FROM slack_incident_channels WHERE org_id = ? AND channel = ? ORDER BY incident_id DESC LIMIT 1")
                .params(orgId, channel).query(SlackIncidentChannelStore::row).optional();
    }

    private static SlackIncidentChannels.Channel row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new SlackIncidentChannels.Channel(rs.getLong("incident_id"), rs.getLong("org_id"), rs.getString("channel"),
                rs.getString("name"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
