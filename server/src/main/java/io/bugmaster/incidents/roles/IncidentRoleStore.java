package io.bugmaster.incidents.roles;

import io.bugmaster.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of incident_roles (an organization's role definitions) and incident_role_assignments (who holds them on an incident). */
@Repository
class IncidentRoleStore {
    private final JdbcClient db;

    IncidentRoleStore(JdbcClient db) {
        this.db = db;
    }

    /** An assignment: a role held on an incident from {@code assignedAt}, until {@code endedAt} (null while held). */
    record AssignmentRow(long id, long incidentId, long roleId, String roleName, boolean roleDeleted, Long userId, Instant assignedAt,
            Long assignedBy, Instant endedAt, Long endedBy) {}

    /** Gives an organization that never had a role the defaults; a no-op once it had any (even if it deleted them all). */
    void ensureDefaults(long orgId, Instant now) {
        long rows = db.sql("SELECT COUNT(*) FROM incident_roles WHERE org_id = ?").param(orgId).query(Long.class).single();
        if (rows > 0) {
            return;
        }
        int position = 0;
        for (RoleRules.Default d : RoleRules.DEFAULTS) {
            // two first requests at once: the unique slug makes the second one's rows no-ops
            db.sql("""
                    INSERT INTO incident_roles (org_id, slug, name, description, position, created_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""")
                    .params(orgId, d.slug(), d.name(), d.description(), position++, now.toEpochMilli()).update();
        }
    }

    List<IncidentRole> roles(long orgId) {
        return db.sql("SELECT * FROM incident_roles WHERE org_id = ? AND deleted_at IS NULL ORDER BY position, id").param(orgId)
                .query(IncidentRoleStore::role).list();
    }

    Optional<IncidentRole> role(long orgId, long id) {
        return db.sql("SELECT * FROM incident_roles WHERE org_id = ? AND id = ? AND deleted_at IS NULL").params(orgId, id)
                .query(IncidentRoleStore::role).optional();
    }

    Optional<IncidentRole> roleBySlug(long orgId, String slug) {
        return db.sql("SELECT * FROM incident_roles WHERE org_id = ? AND slug = ? AND deleted_at IS NULL").params(orgId, slug)
                .query(IncidentRoleStore::role).optional();
    }

    /** The new role's id; empty when the organization has a role with this slug. */
    Optional<Long> insert(long orgId, RoleRules.Checked role, Instant now) {
        return db.sql("""
                INSERT INTO incident_roles (org_id, slug, name, description, position, created_at)
                VALUES (?, ?, ?, ?, COALESCE(?, (SELECT COALESCE(MAX(position) + 1, 0) FROM incident_roles WHERE org_id = ? AND deleted_at IS NULL)), ?)
                ON CONFLICT DO NOTHING RETURNING id""")
                .params(orgId, role.slug(), role.name(), role.description(), role.position(), orgId, now.toEpochMilli())
                .query(Long.class).optional();
    }

    boolean slugTaken(long orgId, String slug, long exceptId) {
        return db.sql("SELECT COUNT(*) FROM incident_roles WHERE org_id = ? AND slug = ? AND id <> ? AND deleted_at IS NULL")
                .params(orgId, slug, exceptId).query(Long.class).single() > 0;
    }

    int count(long orgId) {
        return db.sql("SELECT COUNT(*) FROM incident_roles WHERE org_id = ? AND deleted_at IS NULL").param(orgId).query(Integer.class).single();
    }

    void update(long orgId, long id, RoleRules.Checked role) {
        db.sql("UPDATE incident_roles SET slug = ?, name = ?, description = ?, position = COALESCE(?, position) WHERE org_id = ? AND id = ?")
                .params(role.slug(), role.name(), role.description(), role.position(), orgId, id).update();
    }

    /** Deletes a role (its row stays so past assignments still name it); false when it was deleted meanwhile. */
    boolean delete(long orgId, long id, Instant now) {
        return db.sql("UPDATE incident_roles SET deleted_at = ? WHERE org_id = ? AND id = ? AND deleted_at IS NULL")
                .params(now.toEpochMilli(), orgId, id).update() == 1;
    }

    /** Who holds the role on the incident now. */
    Optional<AssignmentRow> holder(long incidentId, long roleId) {
        return db.sql(ASSIGNMENTS + " WHERE a.incident_id = ? AND a.role_id = ? AND a.ended_at IS NULL").params(incidentId, roleId)
                .query(IncidentRoleStore::assignment).optional();
    }

    /** The role's assignments open now, on every incident (a role being deleted ends them). */
    List<AssignmentRow> openAssignmentsOf(long roleId) {
        return db.sql(ASSIGNMENTS + " WHERE a.role_id = ? AND a.ended_at IS NULL ORDER BY a.id").param(roleId)
                .query(IncidentRoleStore::assignment).list();
    }

    /** Every assignment on the incident, held or ended, oldest first. */
    List<AssignmentRow> assignments(long incidentId, int limit) {
        return db.sql(ASSIGNMENTS + " WHERE a.incident_id = ? ORDER BY a.assigned_at, a.id LIMIT ?").params(incidentId, limit)
                .query(IncidentRoleStore::assignment).list();
    }

    /** Ends an assignment still open; false when it was ended meanwhile. */
    boolean end(long assignmentId, Long byUserId, Instant now) {
        return db.sql("UPDATE incident_role_assignments SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL")
                .params(now.toEpochMilli(), byUserId, assignmentId).update() == 1;
    }

    /** A new holder; the unique index on open assignments refuses a second holder of the same role. */
    long assign(long incidentId, long roleId, long userId, Long byUserId, Instant now) {
        return db.sql("""
                INSERT INTO incident_role_assignments (incident_id, role_id, user_id, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?)
                RETURNING id""")
                .params(incidentId, roleId, userId, now.toEpochMilli(), byUserId).query(Long.class).single();
    }

    private static final String ASSIGNMENTS = """
            SELECT a.*, r.name AS role_name, r.deleted_at AS role_deleted_at FROM incident_role_assignments a
            JOIN incident_roles r ON r.id = a.role_id""";

    private static IncidentRole role(ResultSet rs, int row) throws SQLException {
        return new IncidentRole(rs.getLong("id"), rs.getLong("org_id"), rs.getString("slug"), rs.getString("name"), rs.getString("description"),
                rs.getInt("position"));
    }

    private static AssignmentRow assignment(ResultSet rs, int row) throws SQLException {
        return new AssignmentRow(rs.getLong("id"), rs.getLong("incident_id"), rs.getLong("role_id"), rs.getString("role_name"),
                Rows.longValue(rs, "role_deleted_at") != null, Rows.longValue(rs, "user_id"), Rows.instant(rs, "assigned_at"),
                Rows.longValue(rs, "assigned_by"), Rows.instant(rs, "ended_at"), Rows.longValue(rs, "ended_by"));
    }
}
