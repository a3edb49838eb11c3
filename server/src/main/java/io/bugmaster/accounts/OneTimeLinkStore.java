package io.bugmaster.accounts;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class OneTimeLinkStore {
    private final JdbcClient db;

    public OneTimeLinkStore(JdbcClient db) {
        this.db = db;
    }

    public long insert(OneTimeLink.Purpose purpose, String tokenHash, Long orgId, Long userId, String email, Role role,
            Instant now, Instant expiresAt) {
        return db.sql("""
                INSERT INTO one_time_links (purpose, token_hash, org_id, user_id, email, role, state, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?) RETURNING id""")
                .params(purpose.name(), tokenHash, orgId, userId, email, role == null ? null : role.id(),
                        now.toEpochMilli(), expiresAt.toEpochMilli())
                .query(Long.class).single();
    }

    public Optional<OneTimeLink> findByHash(String tokenHash) {
        return db.sql("SELECT * FROM one_time_links WHERE token_hash = ?").param(tokenHash)
                .query(OneTimeLinkStore::map).optional();
    }

    /** Claims the link for use; false when it was used or expired in the meantime (two clicks, two nodes). */
    public boolean markUsed(long id, Instant now) {
        return db.sql("UPDATE one_time_links SET state = 'USED' WHERE id = ? AND state = 'ACTIVE' AND expires_at > ?")
                .params(id, now.toEpochMilli()).update() == 1;
    }

    /** Marks every active link past its expiry as expired; returns how many. */
    public int expire(Instant now) {
        return db.sql("UPDATE one_time_links SET state = 'EXPIRED' WHERE state = 'ACTIVE' AND expires_at <= ?")
                .param(now.toEpochMilli()).update();
    }

    /** Forgets links that ended long ago, so the table does not grow forever. */
    public int deleteEndedBefore(Instant cutoff) {
        return db.sql("DELETE FROM one_time_links WHERE state <> 'ACTIVE' AND expires_at <= ?")
                .param(cutoff.toEpochMilli()).update();
    }

    public List<OneTimeLink> listActive(OneTimeLink.Purpose purpose) {
        return db.sql("SELECT * FROM one_time_links WHERE purpose = ? AND state = 'ACTIVE' ORDER BY id")
                .param(purpose.name()).query(OneTimeLinkStore::map).list();
    }

    /** Ends the active links of one purpose for a user (the other reset links, once one was used). */
    public int revokeFor(OneTimeLink.Purpose purpose, long userId) {
        return db.sql("UPDATE one_time_links SET state = 'EXPIRED' WHERE purpose = ? AND user_id = ? AND state = 'ACTIVE'")
                .params(purpose.name(), userId).update();
    }

    public void revoke(long id) {
        db.sql("UPDATE one_time_links SET state = 'EXPIRED' WHERE id = ? AND state = 'ACTIVE'").param(id).update();
    }

    static OneTimeLink map(ResultSet rs, int row) throws SQLException {
        String role = rs.getString("role");
        return new OneTimeLink(rs.getLong("id"), OneTimeLink.Purpose.valueOf(rs.getString("purpose")), Rows.longValue(rs, "org_id"),
                Rows.longValue(rs, "user_id"),
                rs.getString("email"), role == null ? null : Role.parse("role", role),
                OneTimeLink.State.valueOf(rs.getString("state")), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "expires_at"));
    }
}
