package io.bugmaster.monitors.cron;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.Schedule;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronWordsTest {
    final MonitorConfig paris = new MonitorConfig(Schedule.crontab("0 3 * * *"), "Europe/Paris", 5, 45, 1, 1, null, null, null);

    @Test
    void missedSaysTheLastCheckInAndTheExpectedTimeInTheMonitorsZone() {
        assertThat(CronWords.missed(Instant.parse("2026-03-28T02:00:07Z"), Instant.parse("2026-03-29T01:00:00Z"), paris))
                .isEqualTo("no check-in since 03:00 (expected at 03:00, 5 min grace)");
        assertThat(CronWords.missed(Instant.parse("2026-03-20T02:00:07Z"), Instant.parse("2026-03-29T01:00:00Z"), paris))
                .isEqualTo("no check-in since Fri 20 Mar 03:00 (expected at 03:00, 5 min grace)");
        assertThat(CronWords.missed(null, Instant.parse("2026-10-25T02:00:00Z"), paris))
                .isEqualTo("no check-in yet (expected at 03:00, 5 min grace)");
    }

    @Test
    void failuresAndTimeoutsSayWhatHappened() {
        assertThat(CronWords.exitStatus(3)).isEqualTo("exit status 3");
        assertThat(CronWords.failed()).isEqualTo("failed");
        assertThat(CronWords.timedOut(paris)).isEqualTo("still running after 45 min (max runtime)");
    }
}
