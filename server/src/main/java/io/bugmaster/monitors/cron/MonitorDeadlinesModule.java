package io.bugmaster.monitors.cron;

import io.bugmaster.engine.Engine;
import io.bugmaster.engine.EngineModule;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStates;
import io.bugmaster.monitors.MonitorStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The clock's side of cron monitors. A monitor whose expected check-in has come is late while its
 * margin lasts (a flip, nobody told), then missed: a {@code missed} run is written, the monitor is
 * told MISSED, and it next waits for the schedule's first time after now, so a long outage is one
 * missed run per slot the engine sees, never a backlog replayed at once. A run in progress past its
 * max runtime ends as {@code timeout}. Late monitors still within their margin are read past, never
 * locked, so any number of them cannot hide one whose margin has passed; at most {@value #BATCH}
 * change a cycle, and a full cycle pokes the engine for the next at once (other modules, such as
 * delivery, run in between). Each monitor is re-read under its lock and each run is ended
 * with a conditional update, so two nodes never count one slot or one run twice.
 */
@Component
class MonitorDeadlinesModule implements EngineModule {
    static final int BATCH = 200;

    private final MonitorStore store;
    private final MonitorService monitors;
    private final ObjectProvider<Engine> engine;

    MonitorDeadlinesModule(MonitorStore store, MonitorService monitors, ObjectProvider<Engine> engine) {
        this.store = store;
        this.monitors = monitors;
        this.engine = engine;
    }

    @Override
    public String name() {
        return "monitor-deadlines";
    }

    @Override
    public void run(Instant now) {
        // read first, lock only what has something to do: a late monitor is seen every cycle until its margin passes, so the
        // reading goes on past any number of those; at most BATCH are changed a cycle, and a full one asks for the next cycle now
        int changed = 0;
        List<Monitor> page = store.dueCron(now, null, BATCH);
        while (!page.isEmpty() && changed < BATCH) {
            for (Monitor due : page) {
                if (work(due, now)) {
                    changed++;
                    monitors.withLock(due.id(), locked -> {
                        deadline(locked, now);
                        return null;
                    });
                }
            }
            page = page.size() < BATCH ? List.of() : store.dueCron(now, page.get(page.size() - 1), BATCH);
        }
        if (changed >= BATCH) {
            Engine e = engine.getIfAvailable();
            if (e != null) {
                e.poke();
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
