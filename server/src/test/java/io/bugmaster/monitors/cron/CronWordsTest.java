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

    /**
     * What the docs promise of the hours DST skips and repeats (cron-utils reads the crontab in the
     * zone): 02:30 does not exist on 29 March, so nothing is expected that night (a run cron makes up
     * for it is an early check-in, no false alarm); the repeated 02:30 of 25 October is expected once.
     */
    @Test
    void theSkippedHourExpectsNothingAndTheRepeatedHourOnce() {
        java.time.ZoneId paris = java.time.ZoneId.of("Europe/Paris");
        Schedule halfPastTwo = Schedule.crontab("30 2 * * *");
        Instant skipped = halfPastTwo.next(Instant.parse("2026-03-28T01:30:00Z"), paris).orElseThrow();
        Instant repeated = halfPastTwo.next(Instant.parse("2026-10-24T00:30:00Z"), paris).orElseThrow();
        Instant after = halfPastTwo.next(repeated, paris).orElseThrow();
        assertThat(java.util.List.of(skipped, repeated, after)).containsExactly(Instant.parse("2026-03-30T00:30:00Z"),
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
    }
}
