package io.bugmaster.monitors.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectService;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.Schedule;
import io.bugmaster.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Runs and results older than 90 days go, in batches, across cycles if need be; newer ones and state changes stay. */
abstract class MonitorRetentionContract extends IntegrationTest {
    @Autowired ProjectService projects;
    @Autowired MonitorService service;
    @Autowired MonitorStore store;
    @Autowired MonitorRetentionModule retention;

    @Test
    void runsAndResultsOlderThanNinetyDaysAreDeletedAndFlipsAreKept() {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        long projectId = projects.create(tenant.owner(), org, org, "Jobs", unique("jobs"), "java").project().id();
        Monitor m = service.create(tenant.org().id(), projectId, "old-job", new MonitorStore.Settings("Old job", MonitorKind.CRON,
                MonitorConfig.cron(Schedule.every(1, "hour"), "UTC"), "error", null, false));
        Instant now = clock.instant();
        Instant old = now.minus(Duration.ofDays(91));
        Instant recent = now.minus(Duration.ofDays(89));
        int oldRuns = MonitorRetentionModule.BATCH + 7;
        for (int i = 0; i < oldRuns; i++) {
            store.insertCheckIn(projectId, m, "old" + i, "ok", old.minusSeconds(i), old, 1.0, 0, null, "ping", null, null, null);
        }
        store.insertCheckIn(projectId, m, "recent", "ok", recent, recent, 1.0, 0, null, "ping", null, null, null);
        store.insertResult(m.id(), old, "ok", 0.0, 0L, 1L, null);
        long kept = store.insertResult(m.id(), recent, "ok", 0.0, 0L, 1L, null);
        store.insertFlip(m.id(), old, MonitorState.NEW, MonitorState.UP, null);

        retention.run(now);

        assertThat(store.checkInPage(m.id(), 0, 1000)).extracting(MonitorStore.CheckIn::checkInId).containsExactly("recent");
        assertThat(store.resultPage(m.id(), 0, 10)).extracting(MonitorStore.Result::id).containsExactly(kept);
        assertThat(store.flips(m.id(), old.minusSeconds(1))).extracting(MonitorStore.Flip::to).containsExactly(MonitorState.UP);
    }
}
