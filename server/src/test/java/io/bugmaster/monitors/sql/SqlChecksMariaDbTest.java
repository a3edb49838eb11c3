package io.bugmaster.monitors.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bugmaster.monitors.CheckResult;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSourceKind;
import io.bugmaster.testing.RealMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * SQL checks on Debian's MariaDB server (the MySQL/MariaDB kind), its own instance on loopback: the
 * check connects over TCP as a user with a password, through a {@code jdbc:mysql://} URL as a person
 * would type it.
 */
class SqlChecksMariaDbTest extends SqlChecksContract {
    private static RealMariaDb replica;
    private static String url;
    private static int port;

    @Override
    void ready() throws Exception {
        assumeTrue(RealMariaDb.installed(), "mariadb-server is not installed (apt-get install mariadb-server); .ci/run installs it");
        if (replica == null) {
            replica = RealMariaDb.start();
            url = replica.url("shop");
            port = replica.port();
            replica.execute("CREATE DATABASE shop");
            replica.execute(RealMariaDb.grantsForReader("shop", "reader", "reader-password").toArray(String[]::new));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (replica != null) {
            replica.close();
            replica = null;
        }
    }

    @Override
    DataSource source() {
        return source(DataSourceKind.MYSQL, url, "reader");
    }

    @Override
    String secret() {
        return "reader-password";
    }

    @Override
    void admin(String... statements) throws Exception {
        String[] inShop = new String[statements.length + 1];
        inShop[0] = "USE shop";
        System.arraycopy(statements, 0, inShop, 1, statements.length);
        replica.execute(inShop);
    }

    @Override
    long count(String table) throws Exception {
        try (Connection c = replica.admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM shop." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    String quote() {
        return "`";
    }

    @Override
    String sleepQuery() {
        return "SELECT SLEEP(60) AS slept FROM orders WHERE id = 1";
    }

    @Override
    void goAway() throws Exception {
        replica.close();
        replica = null;
    }

    @Override
    Path sqliteDir() {
        return null;
    }

    @Test
    void aWrongPasswordIsAnErrorInTheServersWords() {
        DataSource ds = source();
        SqlChecks.Ran ran = checks(TIMEOUT).run(ds, "not-the-password", new io.bugmaster.monitors.SqlCheck(1, INCOHERENT, true, null));
        assertThat(ran.result().outcome()).isEqualTo(CheckResult.Outcome.ERROR);
        assertThat(ran.connectError()).startsWith("could not connect to 127.0.0.1:" + port + ": ").contains("Access denied");
    }

    @Test
    void aWriteInsideAFunctionIsStoppedByTheReadOnlyTransaction() throws Exception {
        admin("DROP FUNCTION IF EXISTS wipe",
                "CREATE FUNCTION wipe() RETURNS INTEGER MODIFIES SQL DATA BEGIN DELETE FROM orders; RETURN 1; END",
                "GRANT EXECUTE ON FUNCTION shop.wipe TO 'reader'@'127.0.0.1'");
        CheckResult r = run("SELECT wipe() AS wiped", true, Condition.anyRows());
        assertThat(r.outcome()).as(r.said()).isEqualTo(CheckResult.Outcome.ERROR);
        assertThat(r.said()).contains("READ ONLY");
        assertThat(count("orders")).isEqualTo(3);
    }

    @Test
    void nulBytesInCellsAreKeptEscapedInTheDetail() {
        CheckResult r = run("SELECT CONCAT('a', CHAR(0 USING utf8mb4), 'b') AS nul", true, Condition.anyRows());
        assertThat(detail(r).path("rows").get(0).get(0).asString()).isEqualTo("a\u0000b");
        assertThat(r.detail()).contains("a\\u0000b").doesNotContain("\u0000");
    }
}
