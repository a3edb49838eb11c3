package io.bugmaster.monitors;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.monitors.MonitorStates.Outcome;
import io.bugmaster.monitors.MonitorStates.Result;
import io.bugmaster.monitors.MonitorStates.Snapshot;
import io.bugmaster.monitors.MonitorStates.Transition;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MonitorStatesTest {
    static final MonitorConfig ONE = MonitorConfig.cron(Schedule.crontab("0 3 * * *"), "Europe/Paris");
    static final MonitorConfig THREE_TWO = new MonitorConfig(Schedule.every(10, "minute"), "UTC", 5, 30, 3, 2, null, null, null);

    static Snapshot at(MonitorState s) {
        return new Snapshot(s, 0, 0, null, null);
    }

    @Test
    void aFailedRunMakesAHealthyMonitorFailingAndARecoveryBringsItUp() {
        Transition down = MonitorStates.apply(at(MonitorState.UP), new Result(Outcome.ERROR, null, "exit status 3"), ONE);
        assertThat(down.next().state()).isEqualTo(MonitorState.DOWN);
        assertThat(down.signal()).isEqualTo(MonitorSignals.FAILING);
        assertThat(down.next().reason()).isEqualTo(MonitorStates.ERROR);
        assertThat(down.still()).isFalse();
        Transition up = MonitorStates.apply(down.next(), Result.ok(), ONE);
        assertThat(up.next().state()).isEqualTo(MonitorState.UP);
        assertThat(up.signal()).isEqualTo(MonitorSignals.UP);
    }

    @Test
    void missedAndTimedOutRunsRaiseDown() {
        assertThat(MonitorStates.apply(at(MonitorState.LATE), new Result(Outcome.MISSED, null, "no check-in at 03:00"), ONE).signal())
                .isEqualTo(MonitorSignals.DOWN);
        Transition t = MonitorStates.apply(at(MonitorState.UP), new Result(Outcome.TIMEOUT, null, "still running after 30 minutes"), ONE);
        assertThat(t.signal()).isEqualTo(MonitorSignals.DOWN);
        assertThat(t.next().reason()).isEqualTo(MonitorStates.TIMEOUT);
    }

    @Test
    void thresholdsCountResultsInARow() {
        Snapshot s = at(MonitorState.UP);
        for (int i = 1; i <= 2; i++) {
            Transition t = MonitorStates.apply(s, new Result(Outcome.ERROR, MonitorStates.CONDITION, "Records: 1"), THREE_TWO);
            assertThat(t.signal()).as("failure %d of 3", i).isNull();
            assertThat(t.next().state()).isEqualTo(MonitorState.UP);
            s = t.next();
        }
        // a healthy result in between starts the count again
        s = MonitorStates.apply(s, Result.ok(), THREE_TWO).next();
        for (int i = 1; i <= 2; i++) {
            s = MonitorStates.apply(s, new Result(Outcome.ERROR, MonitorStates.CONDITION, "Records: 1"), THREE_TWO).next();
        }
        Transition third = MonitorStates.apply(s, new Result(Outcome.ERROR, MonitorStates.CONDITION, "Records: 1"), THREE_TWO);
        assertThat(third.signal()).isEqualTo(MonitorSignals.FAILING);
        assertThat(third.next().failStreak()).isEqualTo(3);
        Transition oneOk = MonitorStates.apply(third.next(), Result.ok(), THREE_TWO);
        assertThat(oneOk.next().state()).isEqualTo(MonitorState.DOWN);
        assertThat(oneOk.signal()).isNull();
        Transition twoOk = MonitorStates.apply(oneOk.next(), Result.ok(), THREE_TWO);
        assertThat(twoOk.next().state()).isEqualTo(MonitorState.UP);
        assertThat(twoOk.signal()).isEqualTo(MonitorSignals.UP);
    }

    @Test
    void whileDownOnlyNewWordsAreToldAgainMarkedStill() {
        Snapshot down = MonitorStates.apply(at(MonitorState.UP), new Result(Outcome.ERROR, MonitorStates.CONDITION, "Records: 1"), ONE).next();
        Transition same = MonitorStates.apply(down, new Result(Outcome.ERROR, MonitorStates.CONDITION, "Records: 1"), ONE);
        assertThat(same.signal()).isNull();
        Transition more = MonitorStates.apply(same.next(), new Result(Outcome.ERROR, MonitorStates.CONDITION, "Records: 97"), ONE);
        assertThat(more.signal()).isEqualTo(MonitorSignals.FAILING);
        assertThat(more.still()).isTrue();
        assertThat(more.next().lastSaid()).isEqualTo("Records: 97");
    }

    @Test
    void pausedStaysPausedAndNewComesUpSilently() {
        Transition paused = MonitorStates.apply(at(MonitorState.PAUSED), new Result(Outcome.ERROR, null, "x"), ONE);
        assertThat(paused.next().state()).isEqualTo(MonitorState.PAUSED);
        assertThat(paused.signal()).isNull();
        Transition first = MonitorStates.apply(at(MonitorState.NEW), Result.ok(), ONE);
        assertThat(first.next().state()).isEqualTo(MonitorState.UP);
        assertThat(first.signal()).isNull();
        Transition running = MonitorStates.apply(at(MonitorState.LATE), new Result(Outcome.IN_PROGRESS, null, null), ONE);
        assertThat(running.next().state()).isEqualTo(MonitorState.UP);
    }

    @Test
    void deadlinesAreLateWithinTheMarginAndMissedAfter() {
        Instant due = Instant.parse("2026-03-29T01:00:00Z");
        MonitorConfig fiveMinutes = new MonitorConfig(Schedule.crontab("0 3 * * *"), "Europe/Paris", 5, 30, 1, 1, null, null, null);
        assertThat(MonitorStates.deadline(MonitorState.UP, due, fiveMinutes, due.minusSeconds(1))).isEqualTo(MonitorStates.Deadline.NONE);
        assertThat(MonitorStates.deadline(MonitorState.UP, due, fiveMinutes, due.plusSeconds(299))).isEqualTo(MonitorStates.Deadline.LATE);
        assertThat(MonitorStates.deadline(MonitorState.UP, due, fiveMinutes, due.plusSeconds(300))).isEqualTo(MonitorStates.Deadline.MISSED);
        assertThat(MonitorStates.deadline(MonitorState.NEW, due, fiveMinutes, due.plusSeconds(900))).isEqualTo(MonitorStates.Deadline.NONE);
        assertThat(MonitorStates.deadline(MonitorState.PAUSED, due, fiveMinutes, due.plusSeconds(900))).isEqualTo(MonitorStates.Deadline.NONE);
    }

    @Test
    void crontabIsReadInTheMonitorsZoneAcrossDaylightSavingTime() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Schedule nightly = Schedule.crontab("0 3 * * *");
        // the night Paris moves to summer time (02:00 -> 03:00 on 29 March 2026): 03:00 is 01:00 UTC
        assertThat(nightly.next(Instant.parse("2026-03-28T02:00:00Z"), paris)).contains(Instant.parse("2026-03-29T01:00:00Z"));
        // in winter 03:00 in Paris is 02:00 UTC
        assertThat(nightly.next(Instant.parse("2026-01-10T02:30:00Z"), paris)).contains(Instant.parse("2026-01-11T02:00:00Z"));
        assertThat(Schedule.every(2, "hour").next(Instant.parse("2026-01-10T02:30:00Z"), paris))
                .contains(Instant.parse("2026-01-10T04:30:00Z"));
    }

    @Test
    void aVolumeFilterIsBounded() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new VolumeCheck(null, null, "x".repeat(201), null, "drop", 4, 50, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 200 characters");
        assertThat(new VolumeCheck(null, null, "x".repeat(200), null, "drop", 4, 50, 10).message()).hasSize(200);
    }
}
