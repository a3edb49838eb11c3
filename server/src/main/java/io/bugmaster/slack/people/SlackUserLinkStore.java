package io.bugmaster.slack.people;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table slack_user_links. */
@Repository
class SlackUserLinkStore {
    private final JdbcClient db;

    SlackUserLinkStore(JdbcClient db) {
        this.db = db;
    }

    record Link(long orgId, String teamId, String slackUserId, long userId, String via, Instant createdAt) {}

    Optional<Link> bySlackUser(long orgId, String teamId, String slackUserId) {
        return db.sql("SELECT * FROM slack_user_links WHERE org_id = ? AND team_id = ? AND slack_user_id = ?")
                .params(orgId, teamId, slackUserId).query(SlackUserLinkStore::row).optional();
    }

    List<Link> byUser(long orgId, long userId) {
        return db.sql("SELECT * FROM slack_user_links WHERE org_id = ? AND user_id = ? ORDER BY created_at")
                .params(orgId, userId).query(SlackUserLinkStore::row).list();
    }

    List<Link> all(long orgId) {
        return db.sql("SELECT * FROM slack_user_links WHERE org_id = ? ORDER BY created_at").param(orgId).query(SlackUserLinkStore::row).list();
    }

    /** Links (or re-links) a Slack person to a user. */
    void save(Link l) {
        db.sql("""
                INSERT INTO slack_user_links (org_id, team_id, slack_user_id, user_id, linked_via, created_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_id, team_id, slack_user_id) DO UPDATE SET user_id = excluded.user_id, linked_via = excluded.linked_via,
                    created_at = excluded.created_at""")
                .params(l.orgId(), l.teamId(), l.slackUserId(), l.userId(), l.via(), l.createdAt().toEpochMilli()).update();
    }

    /** A user's links in every organization. */
    List<Link> ofUser(long userId) {
        return db.sql("SELECT * FROM slack_user_links WHERE user_id = ? ORDER BY created_at").param(userId).query(SlackUserLinkStore::row).list();
    }

    boolean delete(long orgId, String teamId, String slackUserId, long userId) {
        return db.sql("DELETE FROM slack_user_links WHERE org_id = ? AND team_id = ? AND slack_user_id = ? AND user_id = ?")
                .params(orgId, teamId, slackUserId, userId).update() > 0;
    }

    int deleteOfUser(long orgId, long userId) {
        return db.sql("DELETE FROM slack_user_links WHERE org_id = ? AND user_id = ?").params(orgId, userId).update();
    }

    private static Link row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Link(rs.getLong("org_id"), rs.getString("team_id"), rs.getString("slack_user_id"), rs.getLong("user_id"),
                rs.getString("linked_via"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
