package io.bugmaster.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite and PostgreSQL migration sets describe the same schema: a fresh database of each,
 * migrated to the end, has the same tables, and each table the same columns (name, type family
 * in the sense of SQLite's type affinity, nullability), primary key, unique constraints and
 * indexes, other indexes, and foreign keys (with their delete rule). Read through JDBC's
 * {@link DatabaseMetaData} on both (and SQLite's own list of foreign keys, which the driver does
 * not name). Index names may differ; their columns and uniqueness may not.
 */
class SchemaParityTest {

    @Test
    void sqliteAndPostgresqlMigrationsMakeTheSameSchema(@TempDir Path dir) throws SQLException {
        Map<String, List<String>> onSqlite = schema(sqlite(dir), Dialect.SQLITE, Dialect.SQLITE.migrationLocation());
        Map<String, List<String>> onPostgres = schema(postgres(), Dialect.POSTGRESQL, Dialect.POSTGRESQL.migrationLocation());

        assertThat(onSqlite.size()).as("tables").isGreaterThan(40);
        assertThat(differences(onSqlite, onPostgres)).isEmpty();
    }

    /** A pair of migration sets that differ in each way the test compares. */
    @Test
    void findsEveryKindOfDifferenceInABrokenExample(@TempDir Path dir) throws SQLException {
        Map<String, List<String>> onSqlite = schema(sqlite(dir), Dialect.SQLITE, "classpath:examples/schema/sqlite");
        Map<String, List<String>> onPostgres = schema(postgres(), Dialect.POSTGRESQL, "classpath:examples/schema/postgresql");

        assertThat(differences(onSqlite, onPostgres)).containsExactlyInAnyOrder(
                "table only on SQLite: forgotten",
                "things: SQLite only: column name text not null",
                "things: PostgreSQL only: column name text null",
                "things: SQLite only: column size integer null",
                "things: PostgreSQL only: column size text null",
                "things: SQLite only: index [owner_id]",
                "things: SQLite only: unique [owner_id, size]",
                "things: PostgreSQL only: index [owner_id, size]",
                "things: SQLite only: foreign key [owner_id->owners.id on delete cascade]",
                "things: PostgreSQL only: foreign key [owner_id->owners.id on delete no action]",
                "pairs: SQLite only: primary key [a, b]",
                "pairs: PostgreSQL only: primary key [a]",
                "owners: SQLite only: column name text not null",
                "owners: PostgreSQL only: column name text null");
    }

    private static SQLiteDataSource sqlite(Path dir) {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("parity.db"));
        return sqlite;
    }

    private static PGSimpleDataSource postgres() {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(PostgresTestDatabase.newDatabaseUrl());
        return postgres;
    }

    /** One line per difference: a table on one side only, or a line of a table's description on one side only. */
    static List<String> differences(Map<String, List<String>> onSqlite, Map<String, List<String>> onPostgres) {
        List<String> differences = new ArrayList<>();
        onSqlite.keySet().stream().filter(t -> !onPostgres.containsKey(t)).forEach(t -> differences.add("table only on SQLite: " + t));
        onPostgres.keySet().stream().filter(t -> !onSqlite.containsKey(t)).forEach(t -> differences.add("table only on PostgreSQL: " + t));
        onSqlite.forEach((table, described) -> {
            if (onPostgres.containsKey(table)) {
                TreeSet<String> sqliteOnly = new TreeSet<>(described);
                sqliteOnly.removeAll(onPostgres.get(table));
                TreeSet<String> postgresOnly = new TreeSet<>(onPostgres.get(table));
                postgresOnly.removeAll(described);
                sqliteOnly.forEach(d -> differences.add(table + ": SQLite only: " + d));
                postgresOnly.forEach(d -> differences.add(table + ": PostgreSQL only: " + d));
            }
        });
        return differences;
    }

    /** Each table, described as lines that must be equal on both databases. */
    static Map<String, List<String>> schema(DataSource ds, Dialect dialect, String location) throws SQLException {
        Flyway.configure().dataSource(ds).locations(location).load().migrate();
        String schema = dialect == Dialect.SQLITE ? null : "public";
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!table.equals("flyway_schema_history") && !table.startsWith("sqlite_")) {
                        tables.put(table, describe(c, dialect, schema, rs.getString("TABLE_NAME")));
                    }
                }
            }
        }
        return tables;
    }

    private static List<String> describe(Connection c, Dialect dialect, String schema, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        List<String> lines = new ArrayList<>();
        TreeMap<Integer, String> key = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
            while (rs.next()) {
                key.put(rs.getInt("KEY_SEQ"), name(rs, "COLUMN_NAME"));
            }
        }
        lines.add("primary key " + key.values());
        try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
            while (rs.next()) {
                String column = name(rs, "COLUMN_NAME");
                String type = rs.getString("TYPE_NAME");
                // SQLite's INTEGER PRIMARY KEY is the rowid, never NULL; any other SQLite key column
                // holds NULL unless declared NOT NULL (PostgreSQL's never does)
                boolean rowid = dialect == Dialect.SQLITE && key.size() == 1 && key.containsValue(column)
                        && type.equalsIgnoreCase("integer");
                boolean nullable = !rowid && rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
                lines.add("column " + column + " " + family(type) + (nullable ? " null" : " not null"));
            }
        }
        Map<String, TreeMap<Integer, String>> indexes = new TreeMap<>();
        Map<String, Boolean> unique = new TreeMap<>();
        try (ResultSet rs = meta.getIndexInfo(null, schema, table, false, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                if (index == null || rs.getString("COLUMN_NAME") == null) {
                    continue;
                }
                indexes.computeIfAbsent(index, i -> new TreeMap<>()).put(rs.getInt("ORDINAL_POSITION"), name(rs, "COLUMN_NAME"));
                unique.put(index, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        indexes.forEach((index, columns) -> {
            List<String> cols = List.copyOf(columns.values());
            if (!(unique.get(index) && cols.equals(List.copyOf(key.values())))) {
                lines.add((unique.get(index) ? "unique " : "index ") + cols);
            }
        });
        Map<String, List<String>> foreignKeys = new TreeMap<>();
        if (dialect == Dialect.SQLITE) {
            // the driver names no foreign key, so two to one table would merge: SQLite numbers them
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_list('" + table + "')")) {
                while (rs.next()) {
                    foreignKeys.computeIfAbsent(rs.getString("id"), k -> new ArrayList<>()).add(name(rs, "from") + "->"
                            + name(rs, "table") + "." + name(rs, "to") + " on delete " + rs.getString("on_delete").toLowerCase(Locale.ROOT));
                }
            }
        } else {
            try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
                while (rs.next()) {
                    foreignKeys.computeIfAbsent(rs.getString("FK_NAME"), k -> new ArrayList<>()).add(name(rs, "FKCOLUMN_NAME") + "->"
                            + name(rs, "PKTABLE_NAME") + "." + name(rs, "PKCOLUMN_NAME")
                            + " on delete " + deleteRule(rs.getInt("DELETE_RULE")));
                }
            }
        }
        foreignKeys.values().forEach(columns -> lines.add("foreign key " + columns));
        return lines;
    }

    private static String name(ResultSet rs, String column) throws SQLException {
        return rs.getString(column).toLowerCase(Locale.ROOT);
    }

    /** The kind of value a declared type holds, across the two databases' spellings. */
    static String family(String typeName) {
        String type = typeName.toLowerCase(Locale.ROOT);
        if (type.startsWith("int") || type.equals("bigint") || type.equals("smallint") || type.contains("serial")) {
            return "integer";
        }
        if (type.equals("text") || type.startsWith("varchar") || type.startsWith("character") || type.startsWith("char")) {
            return "text";
        }
        if (type.startsWith("bool")) {
            return "boolean";
        }
        if (type.equals("blob") || type.equals("bytea")) {
            return "bytes";
        }
        if (type.startsWith("double") || type.equals("float8") || type.equals("real") || type.equals("float4")) {
            return "float";
        }
        return type;
    }

    private static String deleteRule(int rule) {
        return switch (rule) {
            case DatabaseMetaData.importedKeyCascade -> "cascade";
            case DatabaseMetaData.importedKeySetNull -> "set null";
            case DatabaseMetaData.importedKeySetDefault -> "set default";
            case DatabaseMetaData.importedKeyRestrict -> "restrict";
            case DatabaseMetaData.importedKeyNoAction -> "no action";
            default -> "rule " + rule;
        };
    }
}
