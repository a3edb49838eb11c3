package io.bugmaster.notify;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The generated encryption key in its one-row table (PostgreSQL without BUGMASTER_SECRET_KEY). */
@Repository
public class SecretKeyStore {
    private final JdbcClient db;

    public SecretKeyStore(JdbcClient db) {
        this.db = db;
    }

    /** Stores {@code candidate} unless a key exists (another node may have won), and returns the stored key. */
    public String getOrCreate(String candidate, Instant now) {
        db.sql("INSERT INTO secret_keys (id, key_base64, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING")
                .params(candidate, now.toEpochMilli()).update();
        return db.sql("SELECT key_base64 FROM secret_keys WHERE id = 1").query(String.class).single();
    }
}
