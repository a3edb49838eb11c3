package examples.architecture.nullable_columns_are_read_through_rows.issues;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Broken: reads nullable columns by hand, which SQLite and PostgreSQL answer differently. */
public final class BrokenIssueRows {
    private BrokenIssueRows() {}

    public static Long assignee(ResultSet rs) throws SQLException {
        long id = rs.getLong("assignee_user_id");
        return rs.wasNull() ? null : id;
    }

    public static Integer quota(ResultSet rs) throws SQLException {
        return rs.getObject("quota", Integer.class);
    }
}
