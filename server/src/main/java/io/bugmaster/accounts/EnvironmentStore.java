package io.bugmaster.accounts;

import io.bugmaster.storage.Rows;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A project's environments. The digest inserts the rows as events name them (see digest/); this
 * store only reads them and keeps the {@code is_hidden} choice, which the digest never touches.
 */
@Repository
class EnvironmentStore {
    private final JdbcClient db;

    EnvironmentStore(JdbcClient db) {
        this.db = db;
    }

    /** The project's environments by name, hidden ones only, visible ones only, or all. */
    List<ProjectEnvironment> list(long projectId, ProjectEnvironment.Visibility visibility) {
        String filter = switch (visibility) {
            case VISIBLE -> " AND is_hidden = FALSE";
            case HIDDEN -> " AND is_hidden = TRUE";
            case ALL -> "";
        };
        return db.sql("SELECT name, first_seen, is_hidden FROM environments WHERE project_id = ?" + filter + " ORDER BY name")
                .param(projectId)
                .query((rs, row) -> new ProjectEnvironment(rs.getString("name"), Rows.instant(rs, "first_seen"),
                        rs.getBoolean("is_hidden")))
                .list();
    }

    /** The names of the environments visible in at least one project of the organization, at most {@code limit}. */
    List<String> visibleNamesInOrganization(long orgId, int limit) {
        return db.sql("""
                SELECT DISTINCT e.name FROM environments e JOIN projects p ON p.id = e.project_id
                WHERE p.org_id = ? AND e.is_hidden = FALSE ORDER BY e.name LIMIT ?""")
                .params(orgId, limit).query(String.class).list();
    }

    /** Hides or shows the environment; false when the project has no environment of that name. */
    boolean setHidden(long projectId, String name, boolean hidden) {
        return db.sql("UPDATE environments SET is_hidden = ? WHERE project_id = ? AND name = ?").params(hidden, projectId, name)
                .update() > 0;
    }
}
