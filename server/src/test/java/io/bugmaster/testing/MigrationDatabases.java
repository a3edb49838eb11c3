package io.bugmaster.testing;

import io.bugmaster.storage.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Empty databases of both dialects for migration tests, which migrate to an old version, write
 * rows as the old release did, and then migrate to the newest version, as an upgrade would.
 */
public final class MigrationDatabases {
    private MigrationDatabases() {}

    /** A new SQLite file in {@code dir}, with foreign keys enforced as the server does. */
    public static DataSource sqlite(Path dir) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + Files.createDirectories(dir).resolve("bugmaster.db"));
        return ds;
    }

    /** A new, empty database on the shared embedded PostgreSQL. */
    public static DataSource postgres() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(PostgresTestDatabase.newDatabaseUrl());
        return ds;
    }

    /** Migrates to {@code version} exactly, as the release that shipped it left the schema. */
    public static void migrateTo(DataSource ds, Dialect dialect, String version) {
        Flyway.configure().dataSource(ds).locations(dialect.migrationLocation()).target(version).load().migrate();
    }

    /** Migrates to the newest version, as an upgrade does. */
    public static void migrateToLatest(DataSource ds, Dialect dialect) {
        Flyway.configure().dataSource(ds).locations(dialect.migrationLocation()).load().migrate();
    }
}
