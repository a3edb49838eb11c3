package io.bugmaster.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Reading nullable columns the same way on SQLite and PostgreSQL: SQL NULL is Java null. The one
 * place that does it, because the drivers differ: SQLite's {@code getObject(column, Integer.class)}
 * throws "Bad value for type Integer" on NULL and its {@code getObject(column, Boolean.class)}
 * answers false, and {@code getInt}/{@code getLong}/{@code getBoolean} answer 0 or false on both.
 * Read a column that may be NULL only through these (ArchitectureTest keeps it so).
 */
public final class Rows {
    private Rows() {}

    /** A time stored as epoch milliseconds, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Long millis = longValue(rs, column);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** A BIGINT (an id, a count, a time in milliseconds), or null. */
    public static Long longValue(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** A BOOLEAN that may be unset (null), as opposed to false. */
    public static Double doubleValue(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    public static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    public static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
