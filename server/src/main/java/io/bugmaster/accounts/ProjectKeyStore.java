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
public class ProjectKeyStore {
    private final JdbcClient db;

    public ProjectKeyStore(JdbcClient db) {
        this.db = db;
    }

    public ProjectKey insert(long projectId, String label, String publicKey, Integer rateLimitCount,
            Integer rateLimitWindow, Instant now) {
        long id = db.sql("""
                INSERT INTO project_keys (project_id, label, public_key, is_active, rate_limit_count, rate_limit_window, created_at)
                VALUES (?, ?, ?, TRUE, ?, ?, ?) RETURNING id""")
                .params(projectId, label, publicKey, rateLimitCount, rateLimitWindow, now.toEpochMilli())
                .query(Long.class).single();
        return new ProjectKey(id, projectId, label, publicKey, true, rateLimitCount, rateLimitWindow,
                Instant.ofEpochMilli(now.toEpochMilli()));
    }

    public List<ProjectKey> list(long projectId) {
        return db.sql("SELECT * FROM project_keys WHERE project_id = ? ORDER BY id").param(projectId)
                .query(ProjectKeyStore::map).list();
    }

    /** A key of this project by its public key; keys of other projects are not found. */
    public Optional<ProjectKey> find(long projectId, String publicKey) {
        return db.sql("SELECT * FROM project_keys WHERE project_id = ? AND public_key = ?").params(projectId, publicKey)
                .query(ProjectKeyStore::map).optional();
    }

    /** For ingestion: the key an SDK presents, whatever project it claims. */
    public Optional<ProjectKey> findByPublicKey(String publicKey) {
        return db.sql("SELECT * FROM project_keys WHERE public_key = ?").param(publicKey)
                .query(ProjectKeyStore::map).optional();
    }

    public void update(long id, String label, boolean active, Integer rateLimitCount, Integer rateLimitWindow) {
        db.sql("""
                UPDATE project_keys SET label = ?, is_active = ?, rate_limit_count = ?, rate_limit_window = ?
                WHERE id = ?""").params(label, active, rateLimitCount, rateLimitWindow, id).update();
    }

    public void delete(long id) {
        db.sql("DELETE FROM project_keys WHERE id = ?").param(id).update();
    }

    static ProjectKey map(ResultSet rs, int row) throws SQLException {
        return new ProjectKey(rs.getLong("id"), rs.getLong("project_id"), rs.getString("label"),
                rs.getString("public_key"), rs.getBoolean("is_active"), Rows.integer(rs, "rate_limit_count"),
                Rows.integer(rs, "rate_limit_window"), Rows.instant(rs, "created_at"));
    }
}
