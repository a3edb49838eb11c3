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
public class ProjectStore {
    private final JdbcClient db;

    public ProjectStore(JdbcClient db) {
        this.db = db;
    }

    /** Inserts the project, or returns empty when the organization already has one with that slug. */
    public Optional<Project> insert(long orgId, String slug, String name, String platform, Instant now) {
        return db.sql("""
                INSERT INTO projects (org_id, slug, name, platform, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (org_id, slug) DO NOTHING RETURNING id""")
                .params(orgId, slug, name, platform, now.toEpochMilli()).query(Long.class).optional()
                .map(id -> new Project(id, orgId, slug, name, platform, Instant.ofEpochMilli(now.toEpochMilli())));
    }

    public Optional<Project> findBySlug(long orgId, String slug) {
        return db.sql("SELECT * FROM projects WHERE org_id = ? AND slug = ?").params(orgId, slug)
                .query(ProjectStore::map).optional();
    }

    public Optional<Project> findById(long id) {
        return db.sql("SELECT * FROM projects WHERE id = ?").param(id).query(ProjectStore::map).optional();
    }

    public List<Project> list(long orgId, int offset, int limitPlusOne) {
        return db.sql("SELECT * FROM projects WHERE org_id = ? ORDER BY slug LIMIT ? OFFSET ?")
                .params(orgId, limitPlusOne, offset).query(ProjectStore::map).list();
    }

    public List<Project> listForTeam(long teamId) {
        return db.sql("""
                SELECT p.* FROM projects p JOIN project_teams pt ON pt.project_id = p.id
                WHERE pt.team_id = ? ORDER BY p.slug""").param(teamId).query(ProjectStore::map).list();
    }

    public boolean update(long id, long orgId, String slug, String name, String platform) {
        if (db.sql("SELECT COUNT(*) FROM projects WHERE org_id = ? AND slug = ? AND id <> ?").params(orgId, slug, id)
                .query(Long.class).single() > 0) {
            return false;
        }
        db.sql("UPDATE projects SET slug = ?, name = ?, platform = ? WHERE id = ?").params(slug, name, platform, id).update();
        return true;
    }

    public void addTeam(long projectId, long teamId) {
        db.sql("INSERT INTO project_teams (project_id, team_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(projectId, teamId).update();
    }

    public void removeTeam(long projectId, long teamId) {
        db.sql("DELETE FROM project_teams WHERE project_id = ? AND team_id = ?").params(projectId, teamId).update();
    }

    public void delete(long id) {
        db.sql("DELETE FROM projects WHERE id = ?").param(id).update();
    }

    public ProjectSettings settings(long id) {
        return db.sql("""
                SELECT quota_per_minute, quota_per_hour, quota_per_month, scrub_data, scrub_fields, safe_fields, fingerprint_rules,
                stack_trace_rules FROM projects WHERE id = ?""").param(id)
                .query((rs, row) -> new ProjectSettings(io.bugmaster.storage.Rows.integer(rs, "quota_per_minute"),
                        io.bugmaster.storage.Rows.integer(rs, "quota_per_hour"), io.bugmaster.storage.Rows.integer(rs, "quota_per_month"),
                        rs.getBoolean("scrub_data"), lines(rs.getString("scrub_fields")), lines(rs.getString("safe_fields")),
                        rs.getString("fingerprint_rules"), rs.getString("stack_trace_rules")))
                .single();
    }

    public void updateSettings(long id, ProjectSettings s) {
        db.sql("""
                UPDATE projects SET quota_per_minute = ?, quota_per_hour = ?, quota_per_month = ?, scrub_data = ?, scrub_fields = ?,
                safe_fields = ?, fingerprint_rules = ?, stack_trace_rules = ? WHERE id = ?""")
                .params(s.quotaPerMinute(), s.quotaPerHour(), s.quotaPerMonth(), s.dataScrubber(),
                        s.sensitiveFields().isEmpty() ? null : String.join("\n", s.sensitiveFields()),
                        s.safeFields().isEmpty() ? null : String.join("\n", s.safeFields()), s.fingerprintingRules(),
                        s.groupingEnhancements(), id)
                .update();
    }

    private static List<String> lines(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.split("\n"));
    }

    static Project map(ResultSet rs, int row) throws SQLException {
        return new Project(rs.getLong("id"), rs.getLong("org_id"), rs.getString("slug"), rs.getString("name"),
                rs.getString("platform"), Rows.instant(rs, "created_at"));
    }
}
