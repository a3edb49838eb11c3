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
public class TeamStore {
    /** memberCount counts people who have joined, not pending invitations. */
    private static final String SELECT = """
            SELECT t.*, (SELECT COUNT(*) FROM team_members tm JOIN org_members m ON m.id = tm.member_id
                         WHERE tm.team_id = t.id AND m.user_id IS NOT NULL) AS member_count
            FROM teams t""";
    private final JdbcClient db;

    public TeamStore(JdbcClient db) {
        this.db = db;
    }

    /** Inserts the team, or returns empty when the organization already has a team with that slug. */
    public Optional<Team> insert(long orgId, String slug, String name, Instant now) {
        return db.sql("""
                INSERT INTO teams (org_id, slug, name, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (org_id, slug) DO NOTHING RETURNING id""")
                .params(orgId, slug, name, now.toEpochMilli()).query(Long.class).optional()
                .map(id -> new Team(id, orgId, slug, name, Instant.ofEpochMilli(now.toEpochMilli()), 0));
    }

    public Optional<Team> findBySlug(long orgId, String slug) {
        return db.sql(SELECT + " WHERE t.org_id = ? AND t.slug = ?").params(orgId, slug).query(TeamStore::map).optional();
    }

    public Optional<Team> findById(long orgId, long id) {
        return db.sql(SELECT + " WHERE t.org_id = ? AND t.id = ?").params(orgId, id).query(TeamStore::map).optional();
    }

    public List<Team> list(long orgId, int offset, int limitPlusOne) {
        return db.sql(SELECT + " WHERE t.org_id = ? ORDER BY t.slug LIMIT ? OFFSET ?")
                .params(orgId, limitPlusOne, offset).query(TeamStore::map).list();
    }

    public List<Team> listForProject(long projectId) {
        return db.sql(SELECT + " JOIN project_teams pt ON pt.team_id = t.id WHERE pt.project_id = ? ORDER BY t.slug")
                .param(projectId).query(TeamStore::map).list();
    }

    /** The teams of several projects in one query, keyed by project id (projects without teams are absent). */
    public java.util.Map<Long, List<Team>> listForProjects(java.util.Collection<Long> projectIds) {
        if (projectIds.isEmpty()) {
            return java.util.Map.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(projectIds.size(), "?"));
        java.util.Map<Long, List<Team>> byProject = new java.util.HashMap<>();
        db.sql(SELECT.replace("SELECT t.*", "SELECT pt.project_id, t.*")
                        + " JOIN project_teams pt ON pt.team_id = t.id WHERE pt.project_id IN (" + marks + ") ORDER BY t.slug")
                .params(List.copyOf(projectIds))
                .query((rs, row) -> {
                    byProject.computeIfAbsent(rs.getLong("project_id"), id -> new java.util.ArrayList<>()).add(map(rs, row));
                    return null;
                }).list();
        return byProject;
    }

    /** The slugs of the teams a member is on, sorted. */
    public List<String> teamSlugsOfMember(long memberId) {
        return db.sql("SELECT t.slug FROM teams t JOIN team_members tm ON tm.team_id = t.id WHERE tm.member_id = ? ORDER BY t.slug")
                .param(memberId).query(String.class).list();
    }

    /** The ids of the teams a member is on. */
    public List<Long> teamIdsOfMember(long memberId) {
        return db.sql("SELECT team_id FROM team_members WHERE member_id = ?").param(memberId).query(Long.class).list();
    }

    public void addMember(long teamId, long memberId) {
        db.sql("INSERT INTO team_members (team_id, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(teamId, memberId).update();
    }

    public void removeMember(long teamId, long memberId) {
        db.sql("DELETE FROM team_members WHERE team_id = ? AND member_id = ?").params(teamId, memberId).update();
    }

    public List<Long> memberIds(long teamId) {
        return db.sql("SELECT member_id FROM team_members WHERE team_id = ? ORDER BY member_id").param(teamId)
                .query(Long.class).list();
    }

    public boolean update(long teamId, long orgId, String slug, String name) {
        if (db.sql("SELECT COUNT(*) FROM teams WHERE org_id = ? AND slug = ? AND id <> ?").params(orgId, slug, teamId)
                .query(Long.class).single() > 0) {
            return false;
        }
        db.sql("UPDATE teams SET slug = ?, name = ? WHERE id = ?").params(slug, name, teamId).update();
        return true;
    }

    public void delete(long teamId) {
        db.sql("DELETE FROM teams WHERE id = ?").param(teamId).update();
    }

    static Team map(ResultSet rs, int row) throws SQLException {
        return new Team(rs.getLong("id"), rs.getLong("org_id"), rs.getString("slug"), rs.getString("name"),
                Rows.instant(rs, "created_at"), rs.getInt("member_count"));
    }
}
