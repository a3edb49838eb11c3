package io.bugmaster.monitors.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.monitors.CheckResult;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.SqlCheck;
import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSourceKind;
import io.bugmaster.monitors.sources.SqlSourceProperties;
import io.bugmaster.monitors.sources.SqliteSourceFiles;
import io.bugmaster.notify.OutboundPolicy;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.List;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQL checks on an SQLite file inside the directory set aside for them (BUGMASTER_SQLITE_SOURCES_DIR). */
class SqlChecksSqliteTest extends SqlChecksContract {
    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("shop.db");
    }

    @Override
    DataSource source() {
        return source(DataSourceKind.SQLITE, "jdbc:sqlite:" + file(), null);
    }

    @Override
    String secret() {
        return null;
    }

    @Override
    void admin(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Override
    long count(String table) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    String sleepQuery() {
        return "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n";
    }

    @Override
    void goAway() throws Exception {
        Files.delete(file());
    }

    @Override
    Path sqliteDir() {
        return dir;
    }

    @Test
    void filesOutsideTheSetAsideDirectoryAndOtherFilesAreNotOpened() throws Exception {
        Path outside = Files.createTempFile("bugmaster-outside-", ".db");
        try {
            for (String url : java.util.List.of("jdbc:sqlite:" + outside, "jdbc:sqlite:" + dir.resolve("missing.db"))) {
                DataSource ds = source(DataSourceKind.SQLITE, url, null);
                SqlChecks.Ran ran = checks(TIMEOUT).run(ds, null, new SqlCheck(1, "SELECT 1", true, null));
                assertThat(ran.result().outcome()).isEqualTo(CheckResult.Outcome.ERROR);
                assertThat(ran.connectError()).as(url).isNotNull();
            }
            Path link = dir.resolve("link.db");
            Files.createSymbolicLink(link, outside);
            SqlChecks.Ran viaLink = checks(TIMEOUT).run(source(DataSourceKind.SQLITE, "jdbc:sqlite:" + link, null), null,
                    new SqlCheck(1, "SELECT 1", true, null));
            assertThat(viaLink.connectError()).contains("must be inside");
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void anotherFileCannotBeAttached() throws Exception {
        admin("CREATE TABLE secrets (v TEXT)");
        CheckResult r = run("SELECT 1 FROM (SELECT 1) WHERE 1 = 0 UNION ALL SELECT 2", true, Condition.anyRows());
        assertThat(r.outcome()).isEqualTo(CheckResult.Outcome.FIRING);
        CheckResult attach = run("ATTACH DATABASE '" + dir.resolve("other.db") + "' AS other", true, Condition.anyRows());
        assertThat(attach.outcome()).isEqualTo(CheckResult.Outcome.ERROR);
        assertThat(Files.exists(dir.resolve("other.db"))).isFalse();
    }

    @Test
    void theConnectionItselfCannotWriteNorAttachAnotherFile() throws Exception {
        SqliteSourceFiles files = new SqliteSourceFiles(new SqlSourceProperties(TIMEOUT, dir));
        ReplicaConnections connections = new ReplicaConnections(OutboundPolicy.denyPrivate(), files, host -> List.of());
        try (Connection c = connections.open(source(), null, TIMEOUT, TIMEOUT); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM orders")).isInstanceOf(SQLException.class).hasMessageContaining("readonly");
            assertThatThrownBy(() -> s.execute("ATTACH DATABASE '" + dir.resolve("other.db") + "' AS other"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("too many attached databases");
        }
        assertThat(count("orders")).isEqualTo(3);
        assertThat(Files.exists(dir.resolve("other.db"))).isFalse();
    }

    @Test
    void nulBytesInCellsAreKeptEscapedInTheDetail() {
        CheckResult r = run("SELECT 'a' || char(0) || 'b' AS nul", true, Condition.anyRows());
        assertThat(r.detail()).contains("\\u0000").doesNotContain("\u0000");
    }
}
