package io.bugmaster.monitors.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bugmaster.accounts.ProjectService;
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
import io.bugmaster.monitors.sources.DataSources;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.RealPrometheus;
import io.bugmaster.testing.SqliteTestDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The "a Prometheus query monitor fires and resolves", end to end: Debian's Prometheus
 * scrapes this server's own {@code /actuator/prometheus} (open: the test server sets no
 * BUGMASTER_METRICS_TOKEN), and a metric monitor queries it. The metric is a gauge the test moves;
 * the test waits (Poll) only for Prometheus's own scrape, and moves the test clock for the schedule
 * and the {@code for} duration.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class RealPrometheusMetricSqliteTest extends IntegrationTest {
    @Autowired
    MonitorService monitors;
    @Autowired
    MonitorStore store;
    @Autowired
    DataSources dataSources;
    @Autowired
    ProjectService projects;
    @Autowired
    MeterRegistry registry;
    @Autowired
    JdbcClient db;

    MonitorStore.Result run(Monitor m) {
        clock.advance(Duration.ofMinutes(1));
        engine.runOnce();
        return store.latestResults(m.id(), 1).get(0);
    }

    List<String> signals(Monitor m) {
        return db.sql("SELECT kind FROM signals WHERE subject = ? ORDER BY tx_id, id").param(m.subject().toString()).query(String.class).list();
    }

    @Test
    void aQueryOnBugmastersOwnMetricFiresWhenItPassesTheThresholdAndResolvesWhenItFallsBack() throws Exception {
        assumeTrue(RealPrometheus.installed() || System.getenv("CI") != null, "Debian's prometheus is not installed");
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        long projectId = projects.create(tenant.owner(), org, org, "Shop", unique("shop"), "java").project().id();
        String run = unique("run");
        AtomicLong queueDepth = new AtomicLong(0);
        Gauge gauge = Gauge.builder("bugmaster.test.queue.depth", queueDepth, AtomicLong::get).tag("run", run).register(registry);
        String query = "bugmaster_test_queue_depth{run=\"" + run + "\"}";
        Monitor m = null;
        try (RealPrometheus prometheus = RealPrometheus.scraping(port)) {
            DataSource source = dataSources.create(tenant.org().id(), "metrics", DataSourceKind.PROMETHEUS, prometheus.url(), null, null,
                    null);
            m = monitors.create(tenant.org().id(), projectId, "queue-depth", new MonitorStore.Settings("Queue depth", MonitorKind.METRIC,
                    new MonitorConfig(Schedule.every(1, "minute"), "UTC", 1, 30, 1, 1, null,
                            new MetricCheck(source.id(), query, new Condition("gt", 100), 2), null), "error", null, false));

            prometheus.awaitValue(query, 0);
            assertThat(run(m).outcome()).isEqualTo("ok");
            assertThat(monitors.find(m.id()).orElseThrow().state()).isEqualTo(MonitorState.UP);

            queueDepth.set(250);
            prometheus.awaitValue(query, 250);
            assertThat(run(m).outcome()).as("pending: over the threshold for less than 2 min").isEqualTo("ok");
            run(m);
            MonitorStore.Result firing = run(m);
            assertThat(firing.outcome()).isEqualTo("firing");
            assertThat(firing.value()).isEqualTo(250.0);
            assertThat(firing.detail()).contains("\"run\":\"" + run + "\"");
            Monitor down = monitors.find(m.id()).orElseThrow();
            assertThat(down.state()).isEqualTo(MonitorState.DOWN);
            assertThat(down.lastSaid()).isEqualTo("value 250 > 100 for 2 min");
            assertThat(signals(m)).containsExactly("monitor.failing");

            queueDepth.set(3);
            prometheus.awaitValue(query, 3);
            assertThat(run(m).outcome()).isEqualTo("ok");
            assertThat(monitors.find(m.id()).orElseThrow().state()).isEqualTo(MonitorState.UP);
            assertThat(signals(m)).containsExactly("monitor.failing", "monitor.up");
            assertThat(dataSources.find(tenant.org().id(), source.id()).orElseThrow().checkError()).isNull();
        } finally {
            registry.remove(gauge);
        }
        MonitorStore.Result gone = run(m);
        assertThat(gone.outcome()).as("Prometheus stopped").isEqualTo("error");
        assertThat(monitors.find(m.id()).orElseThrow().lastSaid()).startsWith("could not run the query on metrics: cannot connect to 127.0.0.1:");
        monitors.delete(m);
    }
}
