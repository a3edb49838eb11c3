package io.bugmaster.accounts;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserStore {
    private static final String COLUMNS =
            "id, email, name, is_superuser, is_active, password_hash IS NOT NULL AS has_password, created_at, last_login_at";
    private final JdbcClient db;

    public UserStore(JdbcClient db) {
        this.db = db;
    }

    /** Inserts a user (email already normalized), or returns empty when the email is taken. */
    public Optional<User> insert(String email, String name, String passwordHash, boolean superuser, Instant now) {
        return db.sql("""
                INSERT INTO users (email, name, password_hash, is_superuser, is_active, created_at)
                VALUES (?, ?, ?, ?, TRUE, ?) ON CONFLICT (email) DO NOTHING RETURNING id""")
                .params(email, name, passwordHash, superuser, now.toEpochMilli())
                .query(Long.class).optional()
                .flatMap(this::findById);
    }

    public Optional<User> findById(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?").param(id).query(UserStore::map).optional();
    }

    public Optional<User> findByEmail(String email) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE email = ?").param(email).query(UserStore::map).optional();
    }

    /** The stored password hash of an active user, for login only. */
    public Optional<String> passwordHash(String email) {
        return db.sql("SELECT password_hash FROM users WHERE email = ? AND is_active AND password_hash IS NOT NULL")
                .param(email).query(String.class).optional();
    }

    public void setPassword(long userId, String passwordHash) {
        db.sql("UPDATE users SET password_hash = ? WHERE id = ?").params(passwordHash, userId).update();
    }

    /** The generation of an active user's web sessions: a session made in an older one has ended. */
    public Optional<Long> sessionGeneration(long userId) {
        return db.sql("SELECT session_generation FROM users WHERE id = ? AND is_active").param(userId).query(Long.class).optional();
    }

    /** Ends every web session of the user (they log in again): moves the generation on. */
    public void endSessions(long userId) {
        db.sql("UPDATE users SET session_generation = session_generation + 1 WHERE id = ?").param(userId).update();
    }

    public void setName(long userId, String name) {
        db.sql("UPDATE users SET name = ? WHERE id = ?").params(name, userId).update();
    }

    public void recordLogin(long userId, Instant now) {
        db.sql("UPDATE users SET last_login_at = ? WHERE id = ?").params(now.toEpochMilli(), userId).update();
    }

    public long count() {
        return db.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
    }

    static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("email"), rs.getString("name"), rs.getBoolean("is_superuser"),
                rs.getBoolean("is_active"), rs.getBoolean("has_password"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "last_login_at"));
    }
}
