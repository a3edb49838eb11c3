package io.bugmaster.monitors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.accounts.ProjectService;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.monitors.sources.DataSourceKind;
import io.bugmaster.monitors.sources.DataSources;
import io.bugmaster.testing.IntegrationTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The monitors' shared pieces on a real database: creating monitors (settings checked against the
 * organization), applying results under the monitor's lock (state, flips, signals in the same
 * transaction), pause and resume, mute, data sources with their secrets encrypted.
 */
abstract class MonitorSeamsContract extends IntegrationTest {
    @Autowired
    MonitorService monitors;
    @Autowired
    MonitorStore store;
    @Autowired
    DataSources dataSources;
    @Autowired
    ProjectService projects;
    @Autowired
    JdbcClient db;

    Tenant tenant;
    long projectId;

    @BeforeEach
    void project() {
        tenant = newTenant();
        String org = tenant.org().slug();
        projectId = projects.create(tenant.owner(), org, org, "Jobs", unique("jobs"), "java").project().id();
    }

    MonitorStore.Settings cron(String name) {
        return new MonitorStore.Settings(name, MonitorKind.CRON, MonitorConfig.cron(Schedule.crontab("0 3 * * *"), "Europe/Paris"),
                "error", null, false);
    }

    List<String> signals(Monitor m) {
        return db.sql("SELECT kind || ' ' || body FROM signals WHERE subject = ? ORDER BY tx_id, id").param(m.subject().toString())
                .query(String.class).list();
    }

    @Test
    void aFailedRunFlipsTheMonitorDownAndRaisesOneSignalWithIt() {
        Monitor m = monitors.create(tenant.org().id(), projectId, "nightly-report", cron("Nightly report"));
        assertThat(m.state()).isEqualTo(MonitorState.NEW);
        assertThat(m.pingUuid()).hasSize(36);
        Instant at = clock.instant();
        monitors.withLock(m.id(), locked -> monitors.apply(locked, new MonitorStates.Result(MonitorStates.Outcome.ERROR, null,
                "exit status 3"), at, at.plusSeconds(86_400), at, null, "check_in", 42L));
        Monitor down = monitors.find(m.id()).orElseThrow();
        assertThat(down.state()).isEqualTo(MonitorState.DOWN);
        assertThat(down.stateReason()).isEqualTo("error");
        assertThat(down.lastSaid()).isEqualTo("exit status 3");
        assertThat(down.nextDueAt()).isEqualTo(at.plusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(store.flips(m.id(), at.minusSeconds(1))).extracting(MonitorStore.Flip::to).containsExactly(MonitorState.DOWN);
        assertThat(signals(m)).singleElement().asString().startsWith("monitor.failing ").contains("\"said\":\"exit status 3\"")
                .contains("\"check_in\":42").contains("\"slug\":\"nightly-report\"");
        monitors.withLock(m.id(), locked -> monitors.apply(locked, MonitorStates.Result.ok(), at, null, at, null, "check_in", 43L));
        assertThat(signals(m)).hasSize(2).last().asString().startsWith("monitor.up ");
    }

    @Test
    void aMutedMonitorTellsNobodyThatItIsDownButStillThatItRecovered() {
        Monitor m = monitors.mute(monitors.create(tenant.org().id(), projectId, "quiet", cron("Quiet")), true);
        Instant at = clock.instant();
        monitors.withLock(m.id(), locked -> monitors.apply(locked, new MonitorStates.Result(MonitorStates.Outcome.MISSED, null, "no check-in"),
                at, null, null, null, null, null));
        assertThat(monitors.find(m.id()).orElseThrow().state()).isEqualTo(MonitorState.DOWN);
        assertThat(signals(m)).isEmpty();
        monitors.withLock(m.id(), locked -> monitors.apply(locked, MonitorStates.Result.ok(), at, null, at, null, null, null));
        assertThat(signals(m)).singleElement().asString().startsWith("monitor.up ");
    }

    @Test
    void pausedMonitorsIgnoreResultsAndComeBackAsNew() {
        Monitor m = monitors.pause(monitors.create(tenant.org().id(), projectId, "paused", cron("Paused")));
        assertThat(m.state()).isEqualTo(MonitorState.PAUSED);
        Instant at = clock.instant();
        monitors.withLock(m.id(), locked -> monitors.apply(locked, new MonitorStates.Result(MonitorStates.Outcome.ERROR, null, "x"), at,
                null, at, null, null, null));
        assertThat(monitors.find(m.id()).orElseThrow().state()).isEqualTo(MonitorState.PAUSED);
        assertThat(monitors.resume(m).state()).isEqualTo(MonitorState.NEW);
        assertThat(signals(m)).isEmpty();
    }

    @Test
    void settingsAreCheckedAgainstTheOrganization() {
        monitors.create(tenant.org().id(), projectId, "taken", cron("Taken"));
        assertThatThrownBy(() -> monitors.create(tenant.org().id(), projectId, "taken", cron("Again"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> monitors.create(tenant.org().id(), projectId, "Not A Slug", cron("x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("slug");
        Tenant other = newTenant();
        long theirProject = projects.create(other.owner(), other.org().slug(), other.org().slug(), "Theirs", unique("theirs"), "java")
                .project().id();
        assertThatThrownBy(() -> monitors.create(tenant.org().id(), theirProject, "theirs", cron("x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("project");
        var theirSource = dataSources.create(other.org().id(), "their replica", DataSourceKind.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5/x",
                "reader", "secret", null);
        MonitorConfig sql = new MonitorConfig(Schedule.every(5, "minute"), "UTC", 1, 30, 1, 1,
                new SqlCheck(theirSource.id(), "SELECT 1", true, null), null, null);
        assertThatThrownBy(() -> monitors.create(tenant.org().id(), projectId, "orders",
                new MonitorStore.Settings("Orders", MonitorKind.SQL, sql, "error", null, false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("data_source_id");
        assertThatThrownBy(() -> monitors.create(tenant.org().id(), projectId, "mixed",
                new MonitorStore.Settings("Mixed", MonitorKind.CRON, sql, "error", null, false)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no query");
    }

    @Test
    void aCheckIsDueAtOnceAndItsSettingsSurviveTheDatabase() {
        var source = dataSources.create(tenant.org().id(), "replica", DataSourceKind.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5/shop",
                "reader", "s3cret-password", null);
        MonitorConfig config = new MonitorConfig(Schedule.every(5, "minute"), "UTC", 1, 30, 2, 1,
                new SqlCheck(source.id(), "SELECT id, status FROM orders WHERE status = 'incoherent'", true, Condition.anyRows()), null, null);
        Monitor m = monitors.create(tenant.org().id(), projectId, "incoherent-orders",
                new MonitorStore.Settings("Checkouts with incoherent order statuses", MonitorKind.SQL, config, "critical", null, true));
        assertThat(m.config()).isEqualTo(config);
        assertThat(m.nextDueAt()).isNotNull();
        assertThat(store.dueChecks(clock.instant(), 1000)).extracting(Monitor::id).contains(m.id());
        assertThat(dataSources.secret(source)).contains("s3cret-password");
        assertThat(db.sql("SELECT secret FROM data_sources WHERE id = ?").param(source.id()).query(String.class).single())
                .doesNotContain("s3cret").startsWith("v1:");
    }

    @Test
    void theProjectsPingKeyIsMadeOnceAndFindsTheProject() {
        String key = monitors.pingKey(projectId);
        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(monitors.pingKey(projectId)).isEqualTo(key);
        assertThat(store.projectOfPingKey(key)).contains(projectId);
    }
}
