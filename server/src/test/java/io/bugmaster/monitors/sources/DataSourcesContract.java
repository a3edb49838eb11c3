package io.bugmaster.monitors.sources;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.Schedule;
import io.bugmaster.monitors.SqlCheck;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.PostgresTestDatabase;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Data sources through the API on every database Bugmaster keeps its own data in, and an SQL monitor
 * run by the engine against a real PostgreSQL database as the team's replica: it fires "Records: 1"
 * with the row, resolves when the row is fixed, and its values are kept for the chart.
 */
abstract class DataSourcesContract extends IntegrationTest {
    @Autowired
    MonitorService monitors;
    @Autowired
    MonitorStore store;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient db;

    ApiClient http;
    Tenant tenant;
    String org;
    String token;
    long projectId;
    /** A fresh database on the tests' PostgreSQL server, playing the team's replica. */
    String replicaUrl;
    String replicaJdbc;

    @BeforeEach
    void setUp() throws Exception {
        http = new ApiClient(baseUrl());
        tenant = newTenant();
        org = tenant.org().slug();
        token = tenant.ownerToken();
        projectId = projects.create(tenant.owner(), org, org, "Shop", unique("shop"), "java").project().id();
        String url = PostgresTestDatabase.newDatabaseUrl();
        Matcher m = Pattern.compile("jdbc:postgresql://[^:/]+:([0-9]+)/([A-Za-z0-9_]+).*").matcher(url);
        assertThat(m.matches()).as(url).isTrue();
        replicaJdbc = url;
        replicaUrl = "jdbc:postgresql://127.0.0.1:" + m.group(1) + "/" + m.group(2);
        replica("CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL, paid BOOLEAN NOT NULL, note TEXT)",
                "INSERT INTO orders VALUES (1, 'shipped', true, NULL), (2, 'shipped', false, '<script>alert(1)</script>'),"
                        + " (3, 'new', false, NULL)");
    }

    void replica(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(replicaJdbc); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    String sources() {
        return "/api/0/organizations/" + org + "/data-sources/";
    }

    ApiClient.Response create(String name, String kind, String url, String username, String password) {
        return http.post(token, sources(), ApiClient.json("name", name, "kind", kind, "url", url, "username", username, "password", password));
    }

    String createReplica() {
        ApiClient.Response created = create("shop replica", "postgresql", replicaUrl, "postgres", "s3cret-Pa55word");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    Monitor sqlMonitor(String sourceId, String query) {
        MonitorConfig config = new MonitorConfig(Schedule.every(5, "minute"), "UTC", 1, 30, 1, 1,
                new SqlCheck(Long.parseLong(sourceId), query, true, Condition.anyRows()), null, null);
        return monitors.create(tenant.org().id(), projectId, unique("orders"),
                new MonitorStore.Settings("Checkouts with incoherent order statuses", MonitorKind.SQL, config, "critical", null, false));
    }

    List<String> signals(Monitor m) {
        return db.sql("SELECT kind || ' ' || body FROM signals WHERE subject = ? ORDER BY tx_id, id").param(m.subject().toString())
                .query(String.class).list();
    }

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void anOwnerAddsReadsChangesAndDeletesADataSourceAndThePasswordNeverComesBack() {
        String id = createReplica();
        ApiClient.Response one = http.get(token, sources() + id + "/");
        assertThat(one.status()).isEqualTo(200);
        JsonNode json = one.json();
        assertThat(json.path("kind").asString()).isEqualTo("postgresql");
        assertThat(json.path("url").asString()).isEqualTo(replicaUrl);
        assertThat(json.path("username").asString()).isEqualTo("postgres");
        assertThat(json.path("has_password").asBoolean()).isTrue();
        assertThat(json.has("password")).isFalse();
        ApiClient.Response list = http.get(token, sources());
        assertThat(list.body()).contains("shop replica").doesNotContain("s3cret-Pa55word");
        assertThat(db.sql("SELECT secret FROM data_sources WHERE id = ?").param(Long.parseLong(id)).query(String.class).single())
                .doesNotContain("s3cret");

        ApiClient.Response renamed = http.put(token, sources() + id + "/", ApiClient.json("name", "replica (eu)"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("replica (eu)");
        assertThat(renamed.json().path("has_password").asBoolean()).isTrue();
        ApiClient.Response cleared = http.put(token, sources() + id + "/", ApiClient.json("password", ""));
        assertThat(cleared.json().path("has_password").asBoolean()).isFalse();

        assertThat(http.delete(token, sources() + id + "/").status()).isEqualTo(204);
        assertThat(http.get(token, sources() + id + "/").status()).isEqualTo(404);
    }

    @Test
    void testingTheConnectionAnswersOkOrWhatWentWrongAndKeepsIt() throws Exception {
        String id = createReplica();
        ApiClient.Response ok = http.post(token, sources() + id + "/test/", null);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().path("ok").asBoolean()).as(ok.body()).isTrue();
        assertThat(http.get(token, sources() + id + "/").json().path("checked_at").isNull()).isFalse();

        ApiClient.Response gone = create("gone", "postgresql", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/shop", "reader", "pw");
        String goneId = gone.json().path("id").asString();
        ApiClient.Response refused = http.post(token, sources() + goneId + "/test/", null);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().path("ok").asBoolean()).isFalse();
        assertThat(refused.json().path("error").asString()).startsWith("could not connect to 127.0.0.1:");
        assertThat(http.get(token, sources() + goneId + "/").json().path("check_error").asString())
                .isEqualTo(refused.json().path("error").asString());
    }

    @Test
    void badUrlsAreRefusedSayingWhatIsWrong() {
        Map<String, String> refused = Map.of(
                "jdbc:postgresql://127.0.0.1/shop?socketFactory=org.springframework.context.support.FileSystemXmlApplicationContext",
                "URL parameter 'socketFactory' is not allowed",
                "jdbc:postgresql://a,b/shop", "one host",
                "jdbc:postgresql://10.0.0.5/shop", "private",
                "jdbc:postgresql://169.254.169.254/shop", "BUGMASTER_OUTBOUND_ALLOW");
        refused.forEach((url, says) -> {
            ApiClient.Response r = create(unique("bad"), "postgresql", url, "reader", "pw");
            assertThat(r.status()).as(url + " " + r).isEqualTo(400);
            assertThat(r.detail()).as(url).startsWith("url: ").contains(says);
        });
        ApiClient.Response mysql = create(unique("bad"), "mysql", "jdbc:mysql://127.0.0.1/shop?allowLoadLocalInfile=true", "r", "pw");
        assertThat(mysql.status()).isEqualTo(400);
        assertThat(mysql.detail()).contains("allowLoadLocalInfile");
        ApiClient.Response sqlite = create(unique("bad"), "sqlite", "jdbc:sqlite:/var/lib/bugmaster/bugmaster.db", null, null);
        assertThat(sqlite.status()).isEqualTo(400);
        assertThat(sqlite.detail()).contains("BUGMASTER_SQLITE_SOURCES_DIR");
        ApiClient.Response kind = create(unique("bad"), "oracle", "jdbc:oracle:thin:@db:1521:x", null, null);
        assertThat(kind.status()).isEqualTo(400);
        assertThat(kind.detail()).startsWith("kind: ");
        assertThat(create("x".repeat(101), "postgresql", replicaUrl, "r", "pw").status()).isEqualTo(400);
        createReplica();
        assertThat(create("shop replica", "postgresql", replicaUrl, "r", "pw").status()).isEqualTo(409);
    }

    @Test
    void membersReadDataSourcesButOnlyAdminsManageThem() {
        String id = createReplica();
        String member = memberToken(tenant, Role.MEMBER);
        assertThat(http.get(member, sources()).status()).isEqualTo(200);
        ApiClient.Response read = http.get(member, sources() + id + "/");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain("s3cret");
        assertThat(http.post(member, sources(), ApiClient.json("name", "mine", "kind", "postgresql", "url", replicaUrl)).status())
                .isEqualTo(403);
        assertThat(http.put(member, sources() + id + "/", ApiClient.json("url", "jdbc:postgresql://evil.example.com/x")).status())
                .isEqualTo(403);
        assertThat(http.post(member, sources() + id + "/test/", null).status()).isEqualTo(403);
        assertThat(http.delete(member, sources() + id + "/").status()).isEqualTo(403);
        String admin = memberToken(tenant, Role.ADMIN);
        assertThat(http.put(admin, sources() + id + "/", ApiClient.json("username", "reader")).status()).isEqualTo(200);
    }

    @Test
    void anotherOrganizationsDataSourceCannotBeReadChangedTestedOrDeleted() {
        String id = createReplica();
        Tenant other = newTenant();
        String theirs = "/api/0/organizations/" + other.org().slug() + "/data-sources/" + id + "/";
        assertThat(http.get(other.ownerToken(), theirs).status()).isEqualTo(404);
        assertThat(http.put(other.ownerToken(), theirs, ApiClient.json("name", "stolen")).status()).isEqualTo(404);
        assertThat(http.post(other.ownerToken(), theirs + "test/", null).status()).isEqualTo(404);
        assertThat(http.delete(other.ownerToken(), theirs).status()).isEqualTo(404);
        assertThat(http.get(other.ownerToken(), sources() + id + "/").status()).isIn(403, 404);
        assertThat(http.get(other.ownerToken(), "/api/0/organizations/" + other.org().slug() + "/data-sources/").body())
                .doesNotContain("shop replica");
        assertThat(http.get(token, sources() + id + "/").json().path("name").asString()).isEqualTo("shop replica");
    }

    @Test
    void aDataSourceAMonitorUsesCannotBeDeleted() {
        String id = createReplica();
        Monitor m = sqlMonitor(id, "SELECT 1");
        ApiClient.Response r = http.delete(token, sources() + id + "/");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.detail()).contains(m.slug());
        monitors.delete(m);
        assertThat(http.delete(token, sources() + id + "/").status()).isEqualTo(204);
    }

    @Test
    void anSqlMonitorFiresRecordsOneWithTheRowAndResolvesWhenTheRowIsFixed() throws Exception {
        String id = createReplica();
        Monitor m = sqlMonitor(id, "SELECT id, status, note FROM orders WHERE status = 'shipped' AND NOT paid ORDER BY id");
        engine.runOnce();
        Monitor firing = monitors.find(m.id()).orElseThrow();
        assertThat(firing.state()).isEqualTo(MonitorState.DOWN);
        assertThat(firing.lastSaid()).isEqualTo("Records: 1");
        assertThat(signals(m)).singleElement().asString().startsWith("monitor.failing ").contains("\"said\":\"Records: 1\"");
        List<MonitorStore.Result> results = store.results(m.id(), clock.instant().minusSeconds(60), clock.instant().plusSeconds(60), 10);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo("firing");
            assertThat(r.records()).isEqualTo(1L);
            assertThat(ApiClient.JSON.readTree(r.detail()).path("rows").toString())
                    .isEqualTo("[[\"2\",\"shipped\",\"<script>alert(1)</script>\"]]");
        });
        assertThat(http.get(token, sources() + id + "/").json().path("check_error").isNull()).isTrue();

        replica("UPDATE orders SET paid = true WHERE id = 2");
        clock.advance(Duration.ofMinutes(5));
        engine.runOnce();
        Monitor fixed = monitors.find(m.id()).orElseThrow();
        assertThat(fixed.state()).isEqualTo(MonitorState.UP);
        assertThat(signals(m)).hasSize(2).last().asString().startsWith("monitor.up ");
        assertThat(store.results(m.id(), clock.instant().minusSeconds(3600), clock.instant().plusSeconds(60), 10))
                .extracting(MonitorStore.Result::value).containsExactly(1.0, 0.0);
    }

    @Test
    void aReplicaThatGoesAwayIsAnErrorThatSaysCouldNotConnect() throws Exception {
        ApiClient.Response created = create("gone", "postgresql", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/shop", "reader", "pw");
        Monitor m = sqlMonitor(created.json().path("id").asString(), "SELECT 1");
        engine.runOnce();
        Monitor down = monitors.find(m.id()).orElseThrow();
        assertThat(down.state()).isEqualTo(MonitorState.DOWN);
        assertThat(down.stateReason()).isEqualTo("query_error");
        assertThat(down.lastSaid()).startsWith("could not connect to 127.0.0.1:").doesNotContain("Records");
        assertThat(signals(m)).singleElement().asString().startsWith("monitor.failing ");
        assertThat(http.get(token, sources() + created.json().path("id").asString() + "/").json().path("check_error").asString())
                .isEqualTo(down.lastSaid());
    }
}
