package examples.architecture.nullable_columns_are_read_through_rows.storage;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Allowed: the one place that reads nullable columns. */
public final class Rows {
    private Rows() {}

    public static Long longValue(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
