package io.bugmaster.accounts;

import static io.bugmaster.storage.InLists.chunks;
import static io.bugmaster.storage.InLists.marks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read-only lookups behind {@link Directory}. */
@Repository
class DirectoryStore {
    /** The accepted, active members of an organization (an invitation has no user yet, so it never joins). */
    private static final String MEMBERS = """
            SELECT u.id FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? AND u.is_active""";
    /** Bind parameters per query, well under SQLite's and PostgreSQL's limits. */
    private final JdbcClient db;

    DirectoryStore(JdbcClient db) {
        this.db = db;
    }

    Optional<Long> projectId(long orgId, String slug) {
        return db.sql("SELECT id FROM projects WHERE org_id = ? AND slug = ?").params(orgId, slug).query(Long.class).optional();
    }

    Optional<Long> teamId(long orgId, String slug) {
        return db.sql("SELECT id FROM teams WHERE org_id = ? AND slug = ?").params(orgId, slug).query(Long.class).optional();
    }

    Map<Long, String> projectSlugs(long orgId) {
        Map<Long, String> out = new LinkedHashMap<>();
        db.sql("SELECT id, slug FROM projects WHERE org_id = ? ORDER BY slug").param(orgId)
                .query((rs, n) -> out.put(rs.getLong(1), rs.getString(2))).list();
        return out;
    }

    Map<Long, String> teamSlugs(long orgId) {
        Map<Long, String> out = new LinkedHashMap<>();
        db.sql("SELECT id, slug FROM teams WHERE org_id = ? ORDER BY slug").param(orgId)
                .query((rs, n) -> out.put(rs.getLong(1), rs.getString(2))).list();
        return out;
    }

    List<Long> teamProjectIds(long teamId) {
        return db.sql("SELECT project_id FROM project_teams WHERE team_id = ? ORDER BY project_id").param(teamId)
                .query(Long.class).list();
    }

    List<Long> projectTeamIds(long projectId) {
        return db.sql("SELECT team_id FROM project_teams WHERE project_id = ? ORDER BY team_id").param(projectId)
                .query(Long.class).list();
    }

    List<String> teamMemberEmails(long teamId) {
        return db.sql("""
                SELECT DISTINCT u.email FROM team_members tm JOIN org_members m ON m.id = tm.member_id
                JOIN users u ON u.id = m.user_id WHERE tm.team_id = ? AND u.is_active ORDER BY u.email""")
                .param(teamId).query(String.class).list();
    }

    List<String> projectTeamMemberEmails(long projectId) {
        return db.sql("""
                SELECT DISTINCT u.email FROM project_teams pt JOIN team_members tm ON tm.team_id = pt.team_id
                JOIN org_members m ON m.id = tm.member_id JOIN users u ON u.id = m.user_id
                WHERE pt.project_id = ? AND u.is_active ORDER BY u.email""")
                .param(projectId).query(String.class).list();
    }

    List<String> orgMemberEmailsOfProject(long projectId) {
        return db.sql("""
                SELECT DISTINCT u.email FROM projects p JOIN org_members m ON m.org_id = p.org_id JOIN users u ON u.id = m.user_id
                WHERE p.id = ? AND u.is_active ORDER BY u.email""")
                .param(projectId).query(String.class).list();
    }

    boolean isMember(long orgId, String email) {
        return !db.sql(MEMBERS + " AND LOWER(u.email) = LOWER(?)").params(orgId, email).query(Long.class).list().isEmpty();
    }

    Optional<String> memberEmail(long orgId, long userId) {
        return db.sql("""
                SELECT u.email FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? AND u.id = ? AND u.is_active""")
                .params(orgId, userId).query(String.class).optional();
    }

    Set<Long> memberIds(long orgId, Collection<Long> userIds) {
        Set<Long> out = new HashSet<>();
        List<Long> ids = List.copyOf(new LinkedHashSet<>(userIds));
        for (List<Long> chunk : chunks(ids)) {
            List<Object> params = new ArrayList<>();
            params.add(orgId);
            params.addAll(chunk);
            out.addAll(db.sql(MEMBERS + " AND u.id IN (" + marks(chunk.size()) + ")").params(params).query(Long.class).list());
        }
        return out;
    }

    Optional<Long> orgOfProject(long projectId) {
        return db.sql("SELECT org_id FROM projects WHERE id = ?").param(projectId).query(Long.class).optional();
    }

    List<Directory.UserProject> projectsOfUser(long userId) {
        return db.sql("""
                SELECT p.id, p.org_id, o.slug AS org_slug, p.slug, p.name FROM org_members m JOIN organizations o ON o.id = m.org_id
                JOIN projects p ON p.org_id = m.org_id WHERE m.user_id = ? ORDER BY o.slug, p.slug""")
                .param(userId).query((rs, n) -> new Directory.UserProject(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))).list();
    }

    Map<String, Long> memberIdsByEmail(long orgId, Collection<String> emails) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<String> lower = emails.stream().map(e -> e.toLowerCase(Locale.ROOT)).distinct().toList();
        for (List<String> chunk : chunks(lower)) {
            List<Object> params = new ArrayList<>();
            params.add(orgId);
            params.addAll(chunk);
            db.sql("""
                    SELECT u.id, LOWER(u.email) FROM org_members m JOIN users u ON u.id = m.user_id
                    WHERE m.org_id = ? AND u.is_active AND LOWER(u.email) IN (""" + marks(chunk.size()) + ")").params(params)
                    .query((rs, n) -> out.put(rs.getString(2), rs.getLong(1))).list();
        }
        return out;
    }

    List<Directory.OrgRef> allOrganizations() {
        return db.sql("SELECT id, slug FROM organizations ORDER BY id")
                .query((rs, n) -> new Directory.OrgRef(rs.getLong(1), rs.getString(2))).list();
    }

    List<Directory.TeamRef> allTeams() {
        return db.sql("SELECT t.id, t.org_id, o.slug, t.slug, t.name FROM teams t JOIN organizations o ON o.id = t.org_id ORDER BY t.id")
                .query((rs, n) -> new Directory.TeamRef(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list();
    }

    List<Directory.TeamMember> teamMembers(long teamId) {
        return db.sql("""
                SELECT DISTINCT u.id, u.email FROM team_members tm JOIN org_members m ON m.id = tm.member_id
                JOIN users u ON u.id = m.user_id WHERE tm.team_id = ? AND u.is_active ORDER BY u.id""")
                .param(teamId).query((rs, n) -> new Directory.TeamMember(rs.getLong(1), rs.getString(2))).list();
    }

    Optional<String> projectSlug(long projectId) {
        return db.sql("SELECT slug FROM projects WHERE id = ?").param(projectId).query(String.class).optional();
    }

    // --- for the issues feature: projects with their organization, and people by id ---

    private static final String PROJECT = """
            SELECT p.id, p.org_id, o.slug AS org_slug, p.slug, p.name, p.platform
            FROM projects p JOIN organizations o ON o.id = p.org_id""";

    private static Directory.ProjectInfo mapProject(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Directory.ProjectInfo(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6));
    }

    Map<Long, Directory.ProjectInfo> projects(Collection<Long> projectIds) {
        Map<Long, Directory.ProjectInfo> out = new java.util.HashMap<>();
        List<Long> ids = List.copyOf(new LinkedHashSet<>(projectIds));
        for (List<Long> chunk : chunks(ids)) {
            db.sql(PROJECT + " WHERE p.id IN (" + marks(chunk.size()) + ")").params(new ArrayList<Object>(chunk))
                    .query(DirectoryStore::mapProject).list().forEach(p -> out.put(p.id(), p));
        }
        return out;
    }

    Optional<Directory.ProjectInfo> project(long orgId, String slug) {
        return db.sql(PROJECT + " WHERE p.org_id = ? AND p.slug = ?").params(orgId, slug).query(DirectoryStore::mapProject)
                .optional();
    }

    List<Directory.ProjectInfo> projectsOf(long orgId) {
        return db.sql(PROJECT + " WHERE p.org_id = ? ORDER BY p.slug").param(orgId).query(DirectoryStore::mapProject).list();
    }

    /** Those who have joined the organization (an invitation has no user yet, so it never joins), active or not. */
    private static final String JOINED = """
            SELECT u.id, u.name, u.email FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = ?""";

    private static Directory.Person mapPerson(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Directory.Person(rs.getLong(1), rs.getString(2), rs.getString(3));
    }

    Optional<Directory.Person> joinedMember(long orgId, long userId) {
        return db.sql(JOINED + " AND u.id = ?").params(orgId, userId).query(DirectoryStore::mapPerson).optional();
    }

    Optional<Directory.Person> joinedMemberByEmail(long orgId, String email) {
        return db.sql(JOINED + " AND LOWER(u.email) = LOWER(?)").params(orgId, email).query(DirectoryStore::mapPerson).optional();
    }

    List<Directory.Person> joinedMembers(long orgId, int limit) {
        return db.sql(JOINED + " ORDER BY LOWER(u.name), u.id LIMIT ?").params(orgId, limit).query(DirectoryStore::mapPerson).list();
    }

    Map<Long, Directory.Person> joinedMembers(long orgId, Collection<Long> userIds) {
        Map<Long, Directory.Person> out = new java.util.HashMap<>();
        List<Long> ids = List.copyOf(new LinkedHashSet<>(userIds));
        for (List<Long> chunk : chunks(ids)) {
            List<Object> params = new ArrayList<>();
            params.add(orgId);
            params.addAll(chunk);
            db.sql(JOINED + " AND u.id IN (" + marks(chunk.size()) + ")").params(params).query(DirectoryStore::mapPerson).list()
                    .forEach(p -> out.put(p.id(), p));
        }
        return out;
    }

    Map<Long, Directory.Person> people(Collection<Long> userIds) {
        Map<Long, Directory.Person> out = new java.util.HashMap<>();
        List<Long> ids = List.copyOf(new LinkedHashSet<>(userIds));
        for (List<Long> chunk : chunks(ids)) {
            db.sql("SELECT id, name, email FROM users WHERE id IN (" + marks(chunk.size()) + ")").params(new ArrayList<Object>(chunk))
                    .query(DirectoryStore::mapPerson).list().forEach(p -> out.put(p.id(), p));
        }
        return out;
    }

    private static Directory.TeamName mapTeam(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Directory.TeamName(rs.getLong(1), rs.getString(2), rs.getString(3));
    }

    Optional<Directory.TeamName> team(long orgId, long teamId) {
        return db.sql("SELECT id, slug, name FROM teams WHERE org_id = ? AND id = ?").params(orgId, teamId)
                .query(DirectoryStore::mapTeam).optional();
    }

    List<Directory.TeamName> teams(long orgId, int limit) {
        return db.sql("SELECT id, slug, name FROM teams WHERE org_id = ? ORDER BY slug LIMIT ?").params(orgId, limit)
                .query(DirectoryStore::mapTeam).list();
    }

    Map<Long, Directory.TeamName> teams(Collection<Long> teamIds) {
        Map<Long, Directory.TeamName> out = new java.util.HashMap<>();
        List<Long> ids = List.copyOf(new LinkedHashSet<>(teamIds));
        for (List<Long> chunk : chunks(ids)) {
            db.sql("SELECT id, slug, name FROM teams WHERE id IN (" + marks(chunk.size()) + ")").params(new ArrayList<Object>(chunk))
                    .query(DirectoryStore::mapTeam).list().forEach(t -> out.put(t.id(), t));
        }
        return out;
    }

    List<Long> teamIdsOfUser(long orgId, long userId) {
        return db.sql("""
                SELECT tm.team_id FROM team_members tm JOIN org_members m ON m.id = tm.member_id
                WHERE m.org_id = ? AND m.user_id = ?""").params(orgId, userId).query(Long.class).list();
    }

    /** The ids of the organization's projects with these slugs, by slug; unknown slugs are absent. */
    Map<String, Long> projectIdsBySlug(long orgId, Collection<String> slugs) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(slugs));
        for (List<String> chunk : chunks(all)) {
            List<Object> params = new ArrayList<>();
            params.add(orgId);
            params.addAll(chunk);
            db.sql("SELECT id, slug FROM projects WHERE org_id = ? AND slug IN (" + marks(chunk.size()) + ")").params(params)
                    .query((rs, n) -> out.put(rs.getString(2), rs.getLong(1))).list();
        }
        return out;
    }

    public Optional<String> orgSlug(long orgId) {
        return db.sql("SELECT slug FROM organizations WHERE id = ?").param(orgId).query(String.class).optional();
    }
}
