package io.bugmaster.accounts;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ApiTokenStore {
    private final JdbcClient db;

    public ApiTokenStore(JdbcClient db) {
        this.db = db;
    }

    public ApiToken insert(long userId, String name, String tokenHash, String hint, Set<String> scopes,
            Instant expiresAt, Instant now) {
        long id = db.sql("""
                INSERT INTO api_tokens (user_id, name, token_hash, token_hint, scopes, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(userId, name, tokenHash, hint, Scopes.join(scopes), now.toEpochMilli(), Rows.millis(expiresAt))
                .query(Long.class).single();
        return findById(userId, id).orElseThrow();
    }

    public Optional<ApiToken> findByHash(String tokenHash) {
        return db.sql("SELECT * FROM api_tokens WHERE token_hash = ?").param(tokenHash)
                .query(ApiTokenStore::map).optional();
    }

    public Optional<ApiToken> findById(long userId, long id) {
        return db.sql("SELECT * FROM api_tokens WHERE user_id = ? AND id = ?").params(userId, id)
                .query(ApiTokenStore::map).optional();
    }

    public List<ApiToken> listForUser(long userId) {
        return db.sql("SELECT * FROM api_tokens WHERE user_id = ? ORDER BY id").param(userId)
                .query(ApiTokenStore::map).list();
    }

    /** Records use at most once a minute per token, so that reads do not turn into writes. */
    public void touch(long id, Instant now) {
        db.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                .params(now.toEpochMilli(), id, now.minusSeconds(60).toEpochMilli()).update();
    }

    public boolean delete(long userId, long id) {
        return db.sql("DELETE FROM api_tokens WHERE user_id = ? AND id = ?").params(userId, id).update() > 0;
    }

    static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), rs.getString("token_hint"),
                Scopes.split(rs.getString("scopes")), Rows.instant(rs, "created_at"), Rows.instant(rs, "expires_at"),
                Rows.instant(rs, "last_used_at"));
    }
}
