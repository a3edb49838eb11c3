package io.bugmaster.monitors.metric;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectService;
import io.bugmaster.engine.EngineModule;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.MetricCheck;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.Schedule;
import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSourceKind;
import io.bugmaster.monitors.sources.DataSourceProbe;
import io.bugmaster.monitors.sources.DataSources;
import io.bugmaster.notify.Receiver;
import io.bugmaster.testing.IntegrationTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Metric monitors on a real database and the real engine, against a local HTTP server that answers
 * as Prometheus's query API documents (the end-to-end run with Debian's Prometheus is
 * {@link RealPrometheusMetricSqliteTest}): the {@code for} duration on the test clock, firing and
 * resolving through the monitor's state and signals, Prometheus's errors and a Prometheus that is gone.
 */
abstract class MetricMonitorContract extends IntegrationTest {
    @Autowired
    MonitorService monitors;
    @Autowired
    MonitorStore store;
    @Autowired
    DataSources dataSources;
    @Autowired
    ProjectService projects;
    @Autowired
    List<DataSourceProbe> probes;
    @Autowired
    JdbcClient db;
    @Autowired
    List<EngineModule> modules;

    Tenant tenant;
    long projectId;
    Receiver prometheus;
    final List<Monitor> made = new ArrayList<>();

    @BeforeEach
    void setUp() {
        tenant = newTenant();
        String org = tenant.org().slug();
        projectId = projects.create(tenant.owner(), org, org, "Shop", unique("shop"), "java").project().id();
        prometheus = new Receiver();
    }

    @AfterEach
    void tearDown() {
        made.forEach(m -> monitors.delete(m));
        prometheus.close();
    }

    static String vector(String value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"job\":\"checkout\"},"
                + "\"value\":[1764860000.781,\"" + value + "\"]}]}}";
    }

    DataSource source(String username, String secret) {
        return dataSources.create(tenant.org().id(), unique("prometheus"), DataSourceKind.PROMETHEUS, prometheus.url("/prom"), username,
                secret, null);
    }

    Monitor monitor(DataSource source, String query, Condition condition, int forMinutes) {
        MonitorConfig config = new MonitorConfig(Schedule.every(1, "minute"), "UTC", 1, 30, 1, 1, null,
                new MetricCheck(source.id(), query, condition, forMinutes), null);
        Monitor m = monitors.create(tenant.org().id(), projectId, unique("metric"),
                new MonitorStore.Settings("Checkout error rate", MonitorKind.METRIC, config, "error", null, false));
        made.add(m);
        return m;
    }

    /** The next minute: the check is due again, and the engine runs it (and waits for it). */
    MonitorStore.Result run(Monitor m) {
        clock.advance(Duration.ofMinutes(1));
        engine.runOnce();
        return store.latestResults(m.id(), 1).get(0);
    }

    List<String> signals(Monitor m) {
        return db.sql("SELECT kind || ' ' || body FROM signals WHERE subject = ? ORDER BY tx_id, id").param(m.subject().toString())
                .query(String.class).list();
    }

    MonitorState state(Monitor m) {
        return monitors.find(m.id()).orElseThrow().state();
    }

    @Test
    void aValueOverTheThresholdFiresOnceItHasHeldForTheForDurationAndResolvesWhenItFalls() {
        prometheus.answering(200, vector("0.93"));
        Monitor m = monitor(source(null, "prom-token"), "sum(rate(checkout_errors_total[5m])) / sum(rate(checkouts_total[5m]))",
                new Condition("gt", 0.5), 5);

        MonitorStore.Result pending = run(m);
        assertThat(pending.outcome()).isEqualTo("ok");
        assertThat(state(m)).isEqualTo(MonitorState.UP);
        Receiver.Request asked = prometheus.requests().get(0);
        assertThat(asked.method()).isEqualTo("POST");
        assertThat(asked.path()).isEqualTo("/prom/api/v1/query");
        assertThat(asked.header("Authorization")).isEqualTo("Bearer prom-token");
        assertThat(URLDecoder.decode(asked.body(), StandardCharsets.UTF_8))
                .isEqualTo("query=sum(rate(checkout_errors_total[5m])) / sum(rate(checkouts_total[5m]))");

        for (int minute = 2; minute <= 5; minute++) {
            assertThat(run(m).outcome()).as("minute %d: pending", minute).isEqualTo("ok");
        }
        assertThat(signals(m)).isEmpty();
        MonitorStore.Result firing = run(m);
        assertThat(firing.outcome()).isEqualTo("firing");
        assertThat(firing.value()).isEqualTo(0.93);
        assertThat(firing.detail()).contains("\"labels\":{\"job\":\"checkout\"},\"value\":0.93");
        assertThat(state(m)).isEqualTo(MonitorState.DOWN);
        assertThat(signals(m)).singleElement().asString().startsWith("monitor.failing ")
                .contains("\"said\":\"value 0.93 > 0.5 for 5 min\"").contains("\"result\":" + firing.id());

        prometheus.answering(200, vector("0.9312"));
        assertThat(run(m).outcome()).isEqualTo("firing");
        assertThat(signals(m)).as("the same words while it stays down tell nobody again").hasSize(1);

        prometheus.answering(200, vector("0.2"));
        assertThat(run(m).outcome()).isEqualTo("ok");
        assertThat(state(m)).isEqualTo(MonitorState.UP);
        assertThat(signals(m)).hasSize(2).last().asString().startsWith("monitor.up ");
    }

    @Test
    void aPrometheusThatHangsHoldsTwoWorkersAtMostSoChecksOnOtherDataSourcesKeepTheirSchedule() throws Exception {
        EngineModule checks = modules.stream().filter(x -> x.name().equals("monitor-checks")).findFirst().orElseThrow();
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver hanging = new Receiver()) {
            hanging.answering(200, vector("1")).holdingAnswersUntil(release);
            DataSource slow = dataSources.create(tenant.org().id(), unique("hanging"), DataSourceKind.PROMETHEUS, hanging.url("/prom"),
                    null, null, null);
            List<Monitor> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(monitor(slow, "up", new Condition("lt", 1), 0));
            }
            prometheus.answering(200, vector("1"));
            // made last: the last of the due checks, after every run on the hanging one
            Monitor healthy = monitor(source(null, null), "up", new Condition("lt", 1), 0);
            clock.advance(Duration.ofMinutes(1));
            try {
                checks.run(clock.instant()); // not engine.runOnce(): it waits for the runs that hang
                // the hanging runs end only at their HTTP timeout (an error result each): the healthy run comes first
                io.bugmaster.testing.Poll.until(Duration.ofMinutes(1), "a result of the healthy check or of a hanging one",
                        () -> !store.latestResults(healthy.id(), 1).isEmpty()
                                || held.stream().anyMatch(h -> !store.latestResults(h.id(), 1).isEmpty()), done -> done);
                assertThat(store.latestResults(healthy.id(), 1)).as("run while the other data source hangs").singleElement()
                        .extracting(MonitorStore.Result::outcome).isEqualTo("ok");
                assertThat(held).as("still hanging").allMatch(h -> store.latestResults(h.id(), 1).isEmpty());
            } finally {
                release.countDown();
                checks.awaitIdle();
            }
        }
    }

    @Test
    void aRunThatCouldNotReachPrometheusDoesNotRestartTheForClock() {
        prometheus.answering(200, vector("7"));
        Monitor m = monitor(source(null, null), "queue_depth", new Condition("gte", 5), 3);
        assertThat(run(m).outcome()).isEqualTo("ok");
        prometheus.answering(503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"rule manager not ready\"}");
        assertThat(run(m).outcome()).isEqualTo("error");
        prometheus.answering(200, vector("7"));
        assertThat(run(m).outcome()).isEqualTo("ok");
        assertThat(run(m).outcome()).as("held since the first run, 3 min ago").isEqualTo("firing");
        assertThat(monitors.find(m.id()).orElseThrow().lastSaid()).isEqualTo("value 7 >= 5 for 3 min");
    }

    @Test
    void anAnswerThatCannotBeComparedIsAnErrorThatSaysWhy() {
        DataSource source = source("grafana", "s3cret");
        prometheus.answering(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": "
                + "1:14: parse error: unclosed left parenthesis\"}");
        Monitor m = monitor(source, "sum(rate(x[5m]", new Condition("gt", 1), 0);
        MonitorStore.Result failed = run(m);
        assertThat(failed.outcome()).isEqualTo("error");
        String said = "could not run the query on " + source.name() + ": Prometheus: bad_data: invalid parameter \"query\": 1:14: parse error:"
                + " unclosed left parenthesis";
        assertThat(failed.detail()).contains("parse error: unclosed left parenthesis");
        assertThat(monitors.find(m.id()).orElseThrow().lastSaid()).isEqualTo(said);
        assertThat(signals(m)).singleElement().asString().startsWith("monitor.failing ").contains("\"reason\":\"query_error\"");
        assertThat(prometheus.requests().get(0).header("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("grafana:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(dataSources.find(tenant.org().id(), source.id()).orElseThrow().checkError()).startsWith("Prometheus: bad_data");

        prometheus.answering(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
        assertThat(run(m).detail()).contains("range vector (matrix)");

        prometheus.answering(200, "<html>login</html>");
        assertThat(monitors.find(m.id()).map(x -> x.lastSaid()).orElseThrow()).contains("matrix");
        assertThat(run(m).detail()).contains("not Prometheus's JSON");

        int port = prometheus.port();
        prometheus.close();
        MonitorStore.Result gone = run(m);
        assertThat(gone.outcome()).isEqualTo("error");
        assertThat(monitors.find(m.id()).orElseThrow().lastSaid())
                .isEqualTo("could not run the query on " + source.name() + ": cannot connect to 127.0.0.1:" + port
                        + " (connection refused or unreachable)");
        assertThat(state(m)).isEqualTo(MonitorState.DOWN);
    }

    @Test
    void theConnectionTestAsksForOneAndRefusesWhatThePolicyRefuses() {
        DataSourceProbe probe = probes.stream().filter(p -> p.handles(DataSourceKind.PROMETHEUS)).findFirst().orElseThrow();
        prometheus.answering(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1764860000,\"1\"]}}");
        DataSource source = source(null, null);
        assertThat(probe.probe(source, null)).isEmpty();
        assertThat(URLDecoder.decode(prometheus.only().body(), StandardCharsets.UTF_8)).isEqualTo("query=1");
        assertThat(prometheus.only().header("Authorization")).isNull();

        DataSource privateAddress = dataSources.create(tenant.org().id(), unique("internal"), DataSourceKind.PROMETHEUS,
                "http://10.20.30.40:9090", null, null, null);
        assertThat(probe.probe(privateAddress, null)).get().asString().contains("10.20.30.40").contains("BUGMASTER_OUTBOUND_ALLOW");
        DataSource notHttp = dataSources.create(tenant.org().id(), unique("ftp"), DataSourceKind.PROMETHEUS, "ftp://127.0.0.1/x",
                null, null, null);
        assertThat(probe.probe(notHttp, null)).contains("a Prometheus data source's URL is http(s)://host[:port][/path], like "
                + "http://prometheus:9090");
    }
}
