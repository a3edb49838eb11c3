package io.bugmaster.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * migrated to the end, has the same tables, and each table the same columns (name, type family,
 * nullability), primary key, unique constraints and indexes, other indexes, and foreign keys (with
 * their delete rule). Read through JDBC's {@link DatabaseMetaData} on both.
 */
class SchemaParityTest {

    @Test
    void sqliteAndPostgresqlMigrationsMakeTheSameSchema(@TempDir Path dir) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("parity.db"));
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(PostgresTestDatabase.newDatabaseUrl());

        Map<String, List<String>> onSqlite = schema(sqlite, Dialect.SQLITE, null);
        Map<String, List<String>> onPostgres = schema(postgres, Dialect.POSTGRESQL, "public");

        assertThat(onSqlite.keySet()).as("tables").isEqualTo(onPostgres.keySet());
        assertThat(onSqlite.size()).as("tables").isGreaterThan(40);
        List<String> differences = new ArrayList<>();
        onSqlite.forEach((table, described) -> {
            TreeSet<String> sqliteOnly = new TreeSet<>(described);
            sqliteOnly.removeAll(onPostgres.get(table));
            TreeSet<String> postgresOnly = new TreeSet<>(onPostgres.get(table));
            postgresOnly.removeAll(described);
            sqliteOnly.forEach(d -> differences.add(table + ": SQLite only: " + d));
            postgresOnly.forEach(d -> differences.add(table + ": PostgreSQL only: " + d));
        });
        assertThat(differences).isEmpty();
    }

    /** Each table, described as lines that must be equal on both databases. */
    static Map<String, List<String>> schema(DataSource ds, Dialect dialect, String schema) throws SQLException {
        Flyway.configure().dataSource(ds).locations(dialect.migrationLocation()).load().migrate();
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!table.equals("flyway_schema_history") && !table.startsWith("sqlite_")) {
                        tables.put(table, describe(meta, schema, rs.getString("TABLE_NAME")));
                    }
                }
            }
        }
        return tables;
    }

    private static List<String> describe(DatabaseMetaData meta, String schema, String table) throws SQLException {
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
                // a primary key column never holds NULL on PostgreSQL; on SQLite only when declared so
                boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
                lines.add("column " + column + " " + family(rs.getString("TYPE_NAME")) + (nullable ? " null" : " not null"));
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
        try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
            while (rs.next()) {
                String fk = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT) + "#" + rs.getString("FK_NAME");
                foreignKeys.computeIfAbsent(fk, k -> new ArrayList<>()).add(name(rs, "FKCOLUMN_NAME") + "->"
                        + rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT) + "." + name(rs, "PKCOLUMN_NAME")
                        + " on delete " + deleteRule(rs.getInt("DELETE_RULE")));
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
            case DatabaseMetaData.importedKeyRestrict, DatabaseMetaData.importedKeyNoAction -> "no action";
            default -> "rule " + rule;
        };
    }
}
