package examples.architecture.nullable_columns_are_read_through_rows.issues;

import examples.architecture.nullable_columns_are_read_through_rows.storage.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Allowed: nullable columns through Rows. */
public final class AllowedIssueRows {
    private AllowedIssueRows() {}

    public static Long assignee(ResultSet rs) throws SQLException {
        return Rows.longValue(rs, "assignee_user_id");
    }
}
