package io.bugmaster.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Reading columns the way every store stores them: times as epoch milliseconds, possibly NULL. */
public final class Rows {
    private Rows() {}

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    public static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
