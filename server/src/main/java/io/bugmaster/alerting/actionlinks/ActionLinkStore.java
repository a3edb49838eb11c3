package io.bugmaster.alerting.actionlinks;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The uses of action links: one row per token used, kept until the token expires. */
@Repository
class ActionLinkStore {
    private final JdbcClient db;

    ActionLinkStore(JdbcClient db) {
        this.db = db;
    }

    /** Records the token's use; false when it was used before (a second click, a second node). */
    boolean use(ActionToken.Claims c, Instant now) {
        return db.sql("""
                INSERT INTO action_link_uses (token_id, org_id, issue_id, action, recipient, used_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (token_id) DO NOTHING""")
                .params(c.id(), c.orgId(), c.issueId(), c.action().id(), c.recipient(), now.toEpochMilli(),
                        c.expiresAt().toEpochMilli())
                .update() == 1;
    }

    /** When the token was used, if it was. */
    java.util.Optional<Instant> usedAt(String tokenId) {
        return db.sql("SELECT used_at FROM action_link_uses WHERE token_id = ?").param(tokenId).query(Long.class).optional()
                .map(Instant::ofEpochMilli);
    }

    /** Forgets the uses of tokens that expired: their expiry refuses them now. */
    int forgetExpired(Instant now) {
        return db.sql("DELETE FROM action_link_uses WHERE expires_at <= ?").param(now.toEpochMilli()).update();
    }
}
