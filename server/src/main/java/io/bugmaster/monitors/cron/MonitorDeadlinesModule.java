package io.bugmaster.monitors.cron;

import io.bugmaster.engine.EngineModule;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStates;
import io.bugmaster.monitors.MonitorStore;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The clock's side of cron monitors. A monitor whose expected check-in has come is late while its
 * margin lasts (a flip, nobody told), then missed: a {@code missed} run is written, the monitor is
 * told MISSED, and it next waits for the schedule's first time after now, so a long outage is one
 * missed run per slot the engine sees, never a backlog replayed at once. A run in progress past its
 * max runtime ends as {@code timeout}. Each monitor is re-read under its lock and each run is ended
 * with a conditional update, so two nodes never count one slot or one run twice.
 */
@Component
class MonitorDeadlinesModule implements EngineModule {
    static final int BATCH = 200;

    private final MonitorStore store;
    private final MonitorService monitors;

    MonitorDeadlinesModule(MonitorStore store, MonitorService monitors) {
        this.store = store;
        this.monitors = monitors;
    }

    @Override
    public String name() {
        return "monitor-deadlines";
    }

    @Override
    public void run(Instant now) {
        // read first, lock only what has something to do: a late monitor is seen every cycle until its margin passes
        for (Monitor due : store.dueCron(now, BATCH)) {
            if (work(due, now)) {
                monitors.withLock(due.id(), locked -> {
                    deadline(locked, now);
                    return null;
                });
            }
        }
        for (MonitorStore.CheckIn run : store.allInProgress(BATCH)) {
            boolean over = store.find(run.monitorId()).filter(m -> MonitorStates.timedOut(run.receivedAt(), m.config(), now)).isPresent();
            if (over) {
                monitors.withLock(run.monitorId(), locked -> {
                    timeout(locked, run, now);
                    return null;
                });
            }
        }
    }

    private static boolean work(Monitor m, Instant now) {
        return switch (MonitorStates.deadline(m.state(), m.nextDueAt(), m.config(), now)) {
            case NONE -> false;
            case LATE -> m.state() == MonitorState.UP;
            case MISSED -> true;
        };
    }

    private void deadline(Monitor m, Instant now) {
        if (m.kind() != MonitorKind.CRON || m.nextDueAt() == null) {
            return;
        }
        switch (MonitorStates.deadline(m.state(), m.nextDueAt(), m.config(), now)) {
            case NONE -> { }
            case LATE -> monitors.markLate(m, now);
            case MISSED -> missed(m, now);
        }
    }

    private void missed(Monitor m, Instant now) {
        // while down for missed runs the words stay those of the first one: one message, not one per slot
        String said = m.state() == MonitorState.DOWN && MonitorStates.MISSED.equals(m.stateReason()) && m.lastSaid() != null
                ? m.lastSaid() : CronWords.missed(m.lastCheckinAt(), m.nextDueAt(), m.config());
        long row = store.insertCheckIn(m.projectId(), m, CronRuns.newCheckInId(), "missed", m.nextDueAt(), now, null, null, null,
                null, null, null, null);
        Instant next = MonitorStates.nextDue(m.config(), now).orElse(null);
        monitors.apply(m, new MonitorStates.Result(MonitorStates.Outcome.MISSED, MonitorStates.MISSED, said), now, next,
                m.lastCheckinAt(), null, "check_in", row);
    }

    private void timeout(Monitor m, MonitorStore.CheckIn run, Instant now) {
        if (m.kind() != MonitorKind.CRON || !MonitorStates.timedOut(run.receivedAt(), m.config(), now)) {
            return;
        }
        double seconds = Duration.between(run.receivedAt(), now).toMillis() / 1000.0;
        if (!store.timeOutCheckIn(run.id(), now, seconds)) {
            return;
        }
        monitors.apply(m, new MonitorStates.Result(MonitorStates.Outcome.TIMEOUT, MonitorStates.TIMEOUT, CronWords.timedOut(m.config())),
                now, m.nextDueAt(), m.lastCheckinAt(), null, "check_in", run.id());
    }
}
