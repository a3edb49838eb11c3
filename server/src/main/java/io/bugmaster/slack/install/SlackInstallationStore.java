package io.bugmaster.slack.install;

import io.bugmaster.storage.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table slack_installations; secrets as stored (encrypted). */
@Repository
class SlackInstallationStore {
    private final JdbcClient db;

    SlackInstallationStore(JdbcClient db) {
        this.db = db;
    }

    /** A row with its secrets still encrypted. */
    record Row(long orgId, String teamId, String teamName, String botUserId, String botToken, String signingSecret,
            String timelineReaction, boolean incidentChannels, Long installedBy, Instant createdAt, Instant updatedAt) {}

    Optional<Row> find(long orgId) {
        return db.sql("SELECT * FROM slack_installations WHERE org_id = ?").param(orgId).query(SlackInstallationStore::row).optional();
    }

    List<Row> all() {
        return db.sql("SELECT * FROM slack_installations ORDER BY org_id").query(SlackInstallationStore::row).list();
    }

    Optional<Row> byTeam(String teamId) {
        return db.sql("SELECT * FROM slack_installations WHERE team_id = ? ORDER BY org_id").param(teamId)
                .query(SlackInstallationStore::row).list().stream().findFirst();
    }

    void save(Row r) {
        db.sql("""
                INSERT INTO slack_installations (org_id, team_id, team_name, bot_user_id, bot_token, signing_secret, timeline_reaction,
                    incident_channels, installed_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_id) DO UPDATE SET team_id = excluded.team_id, team_name = excluded.team_name,
                    bot_user_id = excluded.bot_user_id, bot_token = excluded.bot_token, signing_secret = excluded.signing_secret,
                    timeline_reaction = excluded.timeline_reaction, incident_channels = excluded.incident_channels,
                    installed_by = excluded.installed_by, updated_at = excluded.updated_at""")
                .params(r.orgId(), r.teamId(), r.teamName(), r.botUserId(), r.botToken(), r.signingSecret(), r.timelineReaction(),
                        r.incidentChannels(), r.installedBy(), r.createdAt().toEpochMilli(), r.updatedAt().toEpochMilli())
                .update();
    }

    boolean delete(long orgId) {
        return db.sql("DELETE FROM slack_installations WHERE org_id = ?").param(orgId).update() > 0;
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getLong("org_id"), rs.getString("team_id"), rs.getString("team_name"), rs.getString("bot_user_id"),
                rs.getString("bot_token"), rs.getString("signing_secret"), rs.getString("timeline_reaction"),
                rs.getBoolean("incident_channels"), Rows.longValue(rs, "installed_by"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
