package io.bugmaster.storage;

import io.bugmaster.common.PureLogic;
/**
 * The few places where SQLite and PostgreSQL differ. Everything else is one set of SQL:
 * timestamps are epoch milliseconds in BIGINT columns, booleans are BOOLEAN, and
 * {@code INSERT ... ON CONFLICT} and {@code RETURNING} work on both.
 */
@PureLogic
public enum Dialect {
    SQLITE("sqlite", false),
    POSTGRESQL("postgresql", true);

    private final String migrationFolder;
    private final boolean advisoryLocks;

    Dialect(String migrationFolder, boolean advisoryLocks) {
        this.migrationFolder = migrationFolder;
        this.advisoryLocks = advisoryLocks;
    }

    public static Dialect ofJdbcUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database URL (use SQLite or PostgreSQL): " + DatabaseUrl.redact(jdbcUrl));
    }

    /** Flyway location of this dialect's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    /** PostgreSQL coordinates several nodes with advisory locks; SQLite has one node by construction. */
    public boolean hasAdvisoryLocks() {
        return advisoryLocks;
    }

    /** The larger of two SQL expressions: SQLite's scalar {@code max}, PostgreSQL's {@code GREATEST}. */
    public String greatest(String a, String b) {
        return (this == SQLITE ? "MAX(" : "GREATEST(") + a + ", " + b + ")";
    }

    /** The smaller of two SQL expressions. */
    public String least(String a, String b) {
        return (this == SQLITE ? "MIN(" : "LEAST(") + a + ", " + b + ")";
    }

    /**
     * A condition that holds for rows written by a transaction older than every transaction still
     * running, given the column that holds the writing transaction's id: such rows are committed (or
     * rolled back) and no transaction still running can write a row that sorts before them. On
     * PostgreSQL, {@code pg_current_xact_id()} (see the signals table); on SQLite, where writers
     * commit one at a time, always true.
     *
     * <p>On PostgreSQL, "still running" means in this database: the snapshot's xmin alone counts the
     * whole server, so a long transaction of another database on the same server (its backup, say)
     * would hold every signal back until it ended. A transaction the snapshot saw running is left
     * out only while {@code pg_stat_activity} shows it running in another database; one that has
     * ended since, or whose database this role may not see, still counts.
     */
    public String settled(String txIdColumn) {
        if (this == SQLITE) {
            return "1 = 1";
        }
        return txIdColumn + """
                 < (SELECT COALESCE(MIN(running.xid::text::bigint), pg_snapshot_xmax(pg_current_snapshot())::text::bigint)
                    FROM pg_snapshot_xip(pg_current_snapshot()) AS running(xid)
                    WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                        WHERE a.datname <> current_database() AND a.backend_xid IS NOT NULL
                        AND a.backend_xid::text::bigint = mod(running.xid::text::bigint, 4294967296)))""";
    }

    /**
     * The clause that locks the rows a {@code SELECT} reads until the transaction ends, against
     * writers and against rows that reference them being inserted: PostgreSQL's {@code FOR UPDATE};
     * nothing on SQLite, where a write transaction already excludes every other writer.
     */
    public String lockRows() {
        return this == SQLITE ? "" : " FOR UPDATE";
    }

    /** SQLite allows one writer at a time: the application queues its writers instead of spinning on SQLITE_BUSY. */
    public boolean needsSingleWriter() {
        return this == SQLITE;
    }
}
