package io.bugmaster.issues.ownership;

import io.bugmaster.storage.Rows;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of ownership: one row of settings per project (table {@code project_ownership}). */
@Repository
public class OwnershipStore {
    private final JdbcClient db;

    public OwnershipStore(JdbcClient db) {
        this.db = db;
    }

    /** A project's stored ownership settings; {@code autoAssignment} is "off" or "assign to issue owner". */
    public record Row(long projectId, String raw, boolean fallthrough, String autoAssignment, String codeowners,
            Instant createdAt, Instant updatedAt) {}

    public Optional<Row> find(long projectId) {
        return db.sql("""
                SELECT project_id, raw, fallthrough, auto_assignment, codeowners, created_at, updated_at
                FROM project_ownership WHERE project_id = ?""").param(projectId)
                .query((rs, n) -> new Row(rs.getLong("project_id"), rs.getString("raw"), rs.getBoolean("fallthrough"),
                        rs.getString("auto_assignment"), rs.getString("codeowners"), Rows.instant(rs, "created_at"),
                        Rows.instant(rs, "updated_at")))
                .optional();
    }

    public void save(long projectId, String raw, boolean fallthrough, String autoAssignment, String codeowners, long now) {
        db.sql("""
                INSERT INTO project_ownership (project_id, raw, fallthrough, auto_assignment, codeowners, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id) DO UPDATE SET raw = excluded.raw, fallthrough = excluded.fallthrough,
                    auto_assignment = excluded.auto_assignment, codeowners = excluded.codeowners, updated_at = excluded.updated_at""")
                .params(projectId, raw, fallthrough, autoAssignment, codeowners, now, now).update();
    }
}
