package io.bugmaster.monitors.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.monitors.MetricCheck;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.Schedule;
import io.bugmaster.notify.Notification;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Messages about monitors' signals, from the monitor and the row the signal names. */
class MonitorNotificationsTest {
    static final Instant NOW = Instant.parse("2026-12-05T03:02:00Z");

    static Monitor monitor(MonitorKind kind, String name, MonitorConfig config) {
        return new Monitor(3, 1, 2, "nightly-report", name, kind, config, MonitorState.DOWN, NOW, "error", false, "critical", null, false,
                "uuid", null, 1, 0, NOW, null, null, NOW, NOW);
    }

    static Monitor cron() {
        return monitor(MonitorKind.CRON, "nightly-report", MonitorConfig.cron(Schedule.crontab("0 3 * * *"), "UTC"));
    }

    static MonitorNotifications.Facts facts(Monitor m, String kind, String reason, String said, MonitorStore.CheckIn c,
            MonitorStore.Result r) {
        return new MonitorNotifications.Facts(77, kind, m, "billing", reason, said, 2, false, c, r, "acme",
                "https://bugs.example.com/orgs/acme/monitors/nightly-report");
    }

    @Test
    void aJobsFailureSaysWhatHappenedWithTheTailOfItsOutputAndLinksToTheMonitor() {
        String output = IntStream.rangeClosed(1, 30).mapToObj(i -> "step " + i).collect(Collectors.joining("\n"));
        var checkIn = new MonitorStore.CheckIn(9, 3, "abc", "error", NOW.minusSeconds(200), NOW, 192.4, 3, output, "sentry", null, null);
        Notification n = MonitorNotifications.of(facts(cron(), "monitor.failing", "error", "exit status 3", checkIn, null));
        assertThat(n.kind()).isEqualTo(Notification.Kind.ALERT);
        assertThat(n.subject()).isEqualTo("monitor:3");
        assertThat(n.event()).isEqualTo("monitor.failing");
        assertThat(n.headline()).isEqualTo("JOB FAILURE: nightly-report");
        assertThat(n.text()).isEqualTo("exit status 3");
        assertThat(n.link()).isEqualTo("https://bugs.example.com/orgs/acme/monitors/nightly-report");
        assertThat(n.facts()).containsEntry("Exit code", "3").containsEntry("Duration", "3 min 12 s").containsEntry("Tries", "2")
                .containsEntry("Schedule", "0 3 * * * (UTC)").containsEntry("Project", "billing");
        assertThat(n.body()).startsWith("Last output:\nstep 16\n").endsWith("step 30").doesNotContain("step 15\n");
        assertThat(n.severity()).isEqualTo("critical");
    }

    @Test
    void missedAndTimedOutRunsAreTitledSoAndARecoveryIsAResolveOfTheSameSubject() {
        assertThat(MonitorNotifications.of(facts(cron(), "monitor.down", "missed", "no check-in", null, null)).title())
                .isEqualTo("Missed: nightly-report");
        assertThat(MonitorNotifications.of(facts(cron(), "monitor.down", "timeout", "still running after 30 min", null, null)).title())
                .isEqualTo("Timed out: nightly-report");
        Notification up = MonitorNotifications.of(facts(cron(), "monitor.up", null, null, null, null));
        assertThat(up.kind()).isEqualTo(Notification.Kind.RESOLVE);
        assertThat(up.headline()).isEqualTo("Resolved: nightly-report");
        assertThat(up.subject()).isEqualTo("monitor:3");
    }

    @Test
    void theOutputTailIsAtMostFifteenLinesAndOneAndAHalfKilobytes() {
        assertThat(MonitorNotifications.tail(null)).isNull();
        assertThat(MonitorNotifications.tail(" \n ")).isNull();
        String longLines = IntStream.range(0, 15).mapToObj(i -> i + "x".repeat(300)).collect(Collectors.joining("\n"));
        String tail = MonitorNotifications.tail(longLines);
        assertThat(tail.length()).isLessThanOrEqualTo(MonitorNotifications.OUTPUT_CHARS + 1);
        assertThat(tail).startsWith("…");
        assertThat(tail).endsWith("14" + "x".repeat(300));
        assertThat(MonitorNotifications.runtime(4.2)).isEqualTo("4.2 s");
        assertThat(MonitorNotifications.runtime(59)).isEqualTo("59 s");
        assertThat(MonitorNotifications.runtime(3600 + 300)).isEqualTo("1 h 5 min");
        assertThat(MonitorNotifications.number(2100)).isEqualTo("2,100");
        assertThat(MonitorNotifications.number(0.93)).isEqualTo("0.93");
    }

    @Test
    void aMetricCheckShowsItsValueAndTheSeriesAsATableAndABrokenDetailLosesOnlyTheTable() {
        MonitorConfig config = new MonitorConfig(Schedule.every(1, "minute"), "UTC", 1, 30, 1, 1, null,
                new MetricCheck(5, "rate(http_errors[5m])", io.bugmaster.monitors.Condition.anyRows(), 5), null);
        Monitor m = monitor(MonitorKind.METRIC, "Error rate", config);
        var result = new MonitorStore.Result(4, 3, NOW, "firing", 0.93, null, 15L,
                "{\"series\":[{\"labels\":{\"job\":\"api\",\"le\":\"<script>\"},\"value\":0.93}]}");
        Notification n = MonitorNotifications.of(facts(m, "monitor.failing", "condition", "value 0.93 > 0.5 for 5 min", null, result));
        assertThat(n.title()).isEqualTo("Monitor Firing: [billing] Error rate, value 0.93 > 0.5 for 5 min");
        assertThat(n.facts()).containsEntry("Value", "0.93");
        assertThat(n.table().columns()).containsExactly("series", "value");
        assertThat(n.table().rows()).containsExactly(java.util.List.of("job=api, le=<script>", "0.93"));

        var broken = new MonitorStore.Result(5, 3, NOW, "error", null, null, 15L, "{not json");
        Notification err = MonitorNotifications.of(facts(m, "monitor.failing", "query_error", "could not reach prometheus", null, broken));
        assertThat(err.title()).isEqualTo("Monitor Error: [billing] Error rate");
        assertThat(err.table()).isNull();
    }
}
