package io.bugmaster.monitors.sql;

import io.bugmaster.monitors.sources.DataSourceKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a monitor's query on a connection from {@link ReplicaConnections}: in a read-only
 * transaction (PostgreSQL {@code SET TRANSACTION READ ONLY}, MySQL/MariaDB {@code START TRANSACTION
 * READ ONLY}, SQLite opened read-only) that is always rolled back, with the database's own statement
 * timeout and a cancel from here a second later for a database that does not keep it, reading at
 * most {@value #ROW_CAP} rows (and keeping the first {@value #SHOWN_ROWS}, cells clipped).
 *
 * <p>The query is run as {@code SELECT * FROM (<query>) AS bugmaster_check}, so it is one query and
 * nothing else: a second statement after a semicolon ({@code ; COMMIT; DELETE ...}), a data-modifying
 * {@code WITH}, {@code CALL} or {@code SET} is a syntax error instead of a way out of the transaction.
 */
final class ReadOnlyQuery {
    static final int ROW_CAP = 1000;
    static final int SHOWN_ROWS = 20;
    static final int MAX_CELL = 200;
    /** Cancels a statement that outlives its timeout (SQLite has no statement timeout of its own). */
    private static final ScheduledExecutorService CANCELS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bugmaster-sql-monitor-cancel");
        thread.setDaemon(true);
        return thread;
    });

    private ReadOnlyQuery() {}

    /** The query ran longer than its timeout and was stopped (by the database or by the cancel from here). */
    static final class TimedOut extends SQLException {
        TimedOut(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    static QueryOutput run(Connection c, DataSourceKind kind, String query, Duration timeout) throws SQLException {
        try (Statement s = c.createStatement()) {
            startReadOnly(c, s, kind, timeout);
            s.setMaxRows(ROW_CAP + 1);
            s.setFetchSize(100);
            AtomicBoolean cancelled = new AtomicBoolean();
            ScheduledFuture<?> cancel = CANCELS.schedule(() -> {
                cancelled.set(true);
                try {
                    s.cancel();
                } catch (SQLException | RuntimeException ignored) {
                    // the statement ended meanwhile, or the connection is gone: nothing left to stop
                }
            }, timeout.toMillis() + (kind == DataSourceKind.SQLITE ? 0 : 1000), TimeUnit.MILLISECONDS);
            try (ResultSet rs = s.executeQuery(wrap(query))) {
                return read(rs);
            } catch (SQLException e) {
                throw cancelled.get() || isTimeout(kind, e) ? new TimedOut(e) : e;
            } finally {
                cancel.cancel(false);
            }
        } finally {
            rollbackQuietly(c);
        }
    }

    /** {@code SELECT * FROM (<query>) AS bugmaster_check}, the query's own trailing semicolons dropped. */
    static String wrap(String query) {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).stripTrailing();
        }
        // the line breaks end a trailing -- comment before the closing parenthesis
        return "SELECT * FROM (\n" + q + "\n) AS bugmaster_check";
    }

    private static void startReadOnly(Connection c, Statement s, DataSourceKind kind, Duration timeout) throws SQLException {
        switch (kind) {
            case POSTGRESQL -> {
                s.execute("SET TRANSACTION READ ONLY");
                s.execute("SET LOCAL statement_timeout = " + timeout.toMillis());
            }
            case MYSQL -> {
                boolean mariadb = c.getMetaData().getDatabaseProductVersion().toLowerCase(java.util.Locale.ROOT).contains("mariadb");
                s.execute(mariadb ? "SET SESSION max_statement_time = " + timeout.toMillis() / 1000.0
                        : "SET SESSION max_execution_time = " + timeout.toMillis());
                s.execute("START TRANSACTION READ ONLY");
            }
            default -> {
                // SQLite: the file is opened read-only; nothing can be written through this connection
            }
        }
    }

    private static boolean isTimeout(DataSourceKind kind, SQLException e) {
        return switch (kind) {
            case POSTGRESQL -> "57014".equals(e.getSQLState()); // query_canceled (statement_timeout)
            case MYSQL -> e.getErrorCode() == 1969 || e.getErrorCode() == 3024; // MariaDB max_statement_time, MySQL max_execution_time
            default -> false;
        };
    }

    private static QueryOutput read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(clip(meta.getColumnLabel(i)));
        }
        List<List<String>> rows = new ArrayList<>();
        String firstCell = null;
        long count = 0;
        boolean capped = false;
        while (rs.next()) {
            if (count == ROW_CAP) {
                capped = true;
                break;
            }
            count++;
            if (rows.size() < SHOWN_ROWS) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    String cell = cell(rs, meta, i);
                    if (count == 1 && i == 1) {
                        firstCell = cell;
                    }
                    row.add(cell == null ? null : clip(cell));
                }
                rows.add(row);
            }
        }
        return new QueryOutput(columns, rows, count, capped, firstCell);
    }

    private static String cell(ResultSet rs, ResultSetMetaData meta, int i) throws SQLException {
        int type = meta.getColumnType(i);
        if (type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB) {
            byte[] bytes = rs.getBytes(i);
            return bytes == null ? null : "(" + bytes.length + " bytes)";
        }
        return rs.getString(i);
    }

    /** At most {@value #MAX_CELL} characters, never cutting a character in two. */
    static String clip(String s) {
        if (s.length() <= MAX_CELL) {
            return s;
        }
        int end = MAX_CELL - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is closed next anyway, which ends the transaction on the server
        }
    }
}
