package io.bugmaster.monitors.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.monitors.CheckResult;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.SqlCheck;
import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSourceKind;
import io.bugmaster.monitors.sources.SqlSourceProperties;
import io.bugmaster.monitors.sources.SqliteSourceFiles;
import io.bugmaster.notify.OutboundPolicy;
import io.bugmaster.testing.MutableClock;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL checks on a real database of each kind a team may have as its replica (PostgreSQL, MariaDB,
 * an SQLite file), through the same connection, transaction and timeout code the monitors use: an
 * orders table whose incoherent rows fire the check, a write that the read-only transaction stops,
 * a query that never ends, a database that goes away, hostile values in the rows.
 */
abstract class SqlChecksContract {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    /** The replica as a data source: its URL, a user with a password who may also write (the check must not). */
    abstract DataSource source();

    abstract String secret();

    /** Runs statements on the replica with full rights (the team's own application). */
    abstract void admin(String... statements) throws Exception;

    /** Counts rows with full rights. */
    abstract long count(String table) throws Exception;

    /** A query that runs for a minute. */
    abstract String sleepQuery();

    /** Makes the database go away. */
    abstract void goAway() throws Exception;

    abstract Path sqliteDir();

    MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));

    SqlChecks checks(Duration timeout) {
        OutboundPolicy loopback = OutboundPolicy.parse("127.0.0.0/8,::1");
        SqliteSourceFiles files = new SqliteSourceFiles(new SqlSourceProperties(timeout, sqliteDir()));
        ReplicaConnections connections = new ReplicaConnections(loopback, files, host -> List.of(InetAddress.getByName(host)));
        return new SqlChecks(connections, timeout, clock);
    }

    CheckResult run(String query, boolean countRows, Condition condition) {
        SqlChecks.Ran ran = checks(TIMEOUT).run(source(), secret(), new SqlCheck(1, query, countRows, condition));
        return ran.result();
    }

    static JsonNode detail(CheckResult r) {
        return JSON.readTree(r.detail());
    }

    /** Starts the replica if it is not running (a test may have stopped it). */
    void ready() throws Exception {}

    /** Gives the check's user its rights on the new orders table, where the database needs it. */
    void granted() throws Exception {}

    @BeforeEach
    void orders() throws Exception {
        ready();
        admin("DROP TABLE IF EXISTS orders",
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, status VARCHAR(40) NOT NULL, paid INTEGER NOT NULL, note TEXT)",
                "INSERT INTO orders (id, status, paid, note) VALUES (1, 'shipped', 1, NULL), (2, 'shipped', 0, 'pay later'),"
                        + " (3, 'new', 0, NULL)");
        granted();
    }

    static final String INCOHERENT = "SELECT id, status, paid FROM orders WHERE status = 'shipped' AND paid = 0 ORDER BY id";

    @Test
    void anIncoherentOrderFiresRecordsOneWithTheRowAndFixingItMakesItOk() throws Exception {
        CheckResult firing = run(INCOHERENT, true, Condition.anyRows());
        assertThat(firing.outcome()).as(firing.said()).isEqualTo(CheckResult.Outcome.FIRING);
        assertThat(firing.said()).isEqualTo("Records: 1");
        assertThat(firing.value()).isEqualTo(1.0);
        assertThat(firing.records()).isEqualTo(1L);
        JsonNode detail = detail(firing);
        assertThat(detail.path("columns").toString()).isEqualToIgnoringCase("[\"id\",\"status\",\"paid\"]");
        assertThat(detail.path("rows").toString()).isEqualTo("[[\"2\",\"shipped\",\"0\"]]");
        assertThat(detail.path("truncated").asBoolean()).isFalse();

        admin("UPDATE orders SET paid = 1 WHERE id = 2");
        CheckResult fixed = run(INCOHERENT, true, Condition.anyRows());
        assertThat(fixed.outcome()).as(fixed.said()).isEqualTo(CheckResult.Outcome.OK);
        assertThat(fixed.said()).isEqualTo("Records: 0");
        assertThat(fixed.value()).isEqualTo(0.0);
    }

    @Test
    void theFirstColumnIsComparedWithTheThresholdAndSaidWithItsName() {
        CheckResult ok = run("SELECT COUNT(*) AS unpaid FROM orders WHERE paid = 0", false, new Condition("gt", 1000));
        assertThat(ok.outcome()).isEqualTo(CheckResult.Outcome.OK);
        assertThat(ok.said()).isEqualToIgnoringCase("unpaid = 2 (> 1,000)");
        assertThat(ok.value()).isEqualTo(2.0);
        CheckResult firing = run("SELECT COUNT(*) AS unpaid FROM orders WHERE paid = 0;", false, new Condition("gte", 2));
        assertThat(firing.outcome()).isEqualTo(CheckResult.Outcome.FIRING);
        assertThat(firing.said()).isEqualToIgnoringCase("unpaid = 2 (>= 2)");

        CheckResult none = run("SELECT id FROM orders WHERE id < 0", false, new Condition("gt", 0));
        assertThat(none.outcome()).isEqualTo(CheckResult.Outcome.ERROR);
        assertThat(none.said()).contains("returned no rows");
        CheckResult text = run("SELECT status FROM orders WHERE id = 1", false, new Condition("gt", 0));
        assertThat(text.outcome()).isEqualTo(CheckResult.Outcome.ERROR);
        assertThat(text.said()).contains("'shipped', not a number");
    }

    @Test
    void writesFailAsReadOnlyAndChangeNothing() throws Exception {
        for (String write : List.of("DELETE FROM orders", "SELECT 1; DELETE FROM orders", "SELECT 1; COMMIT; DELETE FROM orders",
                "UPDATE orders SET paid = 1", "DROP TABLE orders")) {
            CheckResult r = run(write, true, Condition.anyRows());
            assertThat(r.outcome()).as(write + " -> " + r.said()).isEqualTo(CheckResult.Outcome.ERROR);
            assertThat(r.said()).as(write).startsWith("the query failed: ").doesNotContain("Records");
            assertThat(detail(r).path("error").asString()).isEqualTo(r.said());
        }
        assertThat(count("orders")).isEqualTo(3);
    }

    @Test
    void aQueryThatNeverEndsIsStoppedByTheTimeout() {
        CheckResult r = run(sleepQuery(), true, Condition.anyRows());
        assertThat(r.outcome()).as(r.said()).isEqualTo(CheckResult.Outcome.ERROR);
        assertThat(r.said()).isEqualTo("the query ran longer than 2 s and was stopped (BUGMASTER_SQL_MONITOR_TIMEOUT)");
    }

    @Test
    void moreThanAThousandRowsAreCountedAsOneThousandPlusAndTwentyAreKept() {
        CheckResult r = run("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000) SELECT x FROM n", true,
                Condition.anyRows());
        assertThat(r.outcome()).isEqualTo(CheckResult.Outcome.FIRING);
        assertThat(r.said()).isEqualTo("Records: 1,000+");
        assertThat(r.records()).isEqualTo(1000L);
        assertThat(detail(r).path("rows").size()).isEqualTo(20);
        assertThat(detail(r).path("truncated").asBoolean()).isTrue();
    }

    @Test
    void hostileValuesAreKeptAsTextClippedAndEscapedInTheDetail() throws Exception {
        String script = "<script>alert(1)</script>";
        admin("UPDATE orders SET note = '" + script + "' WHERE id = 1", "UPDATE orders SET note = '" + "x".repeat(5000) + "' WHERE id = 3");
        CheckResult r = run("SELECT id, note AS \"<b>note</b>\" FROM orders WHERE note IS NOT NULL ORDER BY id".replace("\"",
                quote()), true, Condition.anyRows());
        assertThat(r.outcome()).as(r.said()).isEqualTo(CheckResult.Outcome.FIRING);
        JsonNode d = detail(r);
        assertThat(d.path("columns").get(1).asString()).isEqualTo("<b>note</b>");
        assertThat(d.path("rows").get(0).get(1).asString()).isEqualTo(script);
        assertThat(d.path("rows").get(1).get(1).isNull()).isFalse();
        assertThat(d.path("rows").get(2).get(1).asString()).hasSize(200).endsWith("…");
        assertThat(r.detail()).doesNotContain("x".repeat(201));
    }

    /** The identifier quote of the database ({@code "} or {@code `}). */
    String quote() {
        return "\"";
    }

    @Test
    void aDatabaseThatIsGoneIsAnErrorThatSaysSoNeverNoRows() throws Exception {
        goAway();
        SqlChecks.Ran ran = checks(TIMEOUT).run(source(), secret(), new SqlCheck(1, INCOHERENT, true, Condition.anyRows()));
        assertThat(ran.result().outcome()).isEqualTo(CheckResult.Outcome.ERROR);
        assertThat(ran.result().said()).doesNotContain("Records").doesNotContain("no rows");
        assertThat(ran.connectError()).isEqualTo(ran.result().said());
        assertThat(ran.result().said()).satisfiesAnyOf(s -> assertThat(s).startsWith("could not connect to"),
                s -> assertThat(s).startsWith("cannot open"));
    }

    static DataSource source(DataSourceKind kind, String url, String user) {
        Instant t = Instant.parse("2026-12-05T09:00:00Z");
        return new DataSource(1, 1, "replica", kind, url, user, true, null, null, t, t);
    }
}
