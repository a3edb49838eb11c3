package examples.architecture.tables.issues;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A deliberately broken store of an "issues" feature for TableOwnershipTest: it names accounts',
 * releases' and events' tables in each way SQL gets written (a text block constant, a
 * concatenation, a formatted template, a comma list), besides its own {@code issues}.
 */
public class ForeignTables {
    private static final String SELECT = """
            SELECT i.*, p.slug FROM issues i JOIN projects p ON p.id = i.project_id""";
    private final JdbcClient db;

    public ForeignTables(JdbcClient db) {
        this.db = db;
    }

    public List<Long> assignable(long orgId, String email) {
        return db.sql("SELECT u.id FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? AND u.email = "
                + "'" + email.length() + "'").param(orgId).query(Long.class).list();
    }

    public List<String> releases(long projectId, int limit) {
        return db.sql("SELECT r.version FROM releases r JOIN release_projects rp ON rp.release_id = r.id WHERE rp.project_id = ?"
                + " LIMIT " + limit).param(projectId).query(String.class).list();
    }

    public List<byte[]> payloads(List<Long> ids) {
        return db.sql("SELECT payload FROM events WHERE issue_id IN (%s)".formatted(ids.size())).query(byte[].class).list();
    }

    public List<Long> teamsOf(long userId) {
        return db.sql("SELECT t.id FROM teams t, team_members tm WHERE tm.team_id = t.id AND tm.member_id = ?").param(userId)
                .query(Long.class).list();
    }

    public List<Long> own(long id) {
        return db.sql(SELECT + " WHERE i.id = ?").param(id).query(Long.class).list();
    }
}
