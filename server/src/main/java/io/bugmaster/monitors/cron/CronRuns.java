package io.bugmaster.monitors.cron;

import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorStates;
import io.bugmaster.monitors.MonitorStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Records one report of a job's run (a Sentry check-in, Sentry's HTTP check-in, a ping) on a cron
 * monitor the caller has locked ({@link MonitorService#withLock}), and applies it to the monitor's
 * state in the caller's transaction. A start inserts a run in progress, which counts as the slot's
 * check-in; a success or failure finishes the run it names (its check_in_id, or the latest run in
 * progress for the all-zero id or a ping without run id), else it is one complete run on its own.
 * A report about a run that has already ended (sent twice, or after the run timed out) changes nothing.
 */
@Service
public class CronRuns {
    /** Sentry's "the latest run in progress". */
    public static final String LATEST = "00000000000000000000000000000000";

    public enum Status {
        IN_PROGRESS("in_progress"), OK("ok"), ERROR("error"),
        /** Output only (a ping's {@code /log}): kept on the latest run, no state change. */
        LOG("log");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * @param checkInId       32 lower-case hex digits, {@link #LATEST}, or null (a start gets a new id; an end finishes the latest run)
     * @param durationSeconds as the sender measured it, or null (then computed from the run's start)
     * @param exitCode        a ping's exit status, or null
     * @param output          the first 10 KB of what the job printed ({@link JobOutput}), or null
     * @param source          sentry, http or ping
     * @param payload         JSON text kept with the run ({@code {"monitor_config": ...}}), or null
     */
    public record Report(String checkInId, Status status, Double durationSeconds, Integer exitCode, String output, String source,
            String environment, String release, String payload) {}

    /** The run a report was recorded on: its row, and its check_in_id (Sentry answers with it). Row id -1: nothing to record on. */
    public record Recorded(long rowId, String checkInId) {}

    private final MonitorStore store;
    private final MonitorService monitors;

    CronRuns(MonitorStore store, MonitorService monitors) {
        this.store = store;
        this.monitors = monitors;
    }

    public Recorded report(long projectId, Monitor locked, Report r, Instant at) {
        boolean latest = r.checkInId() == null || LATEST.equals(r.checkInId());
        Optional<MonitorStore.CheckIn> named = latest ? Optional.empty() : store.checkInById(locked.id(), r.checkInId());
        return switch (r.status()) {
            case IN_PROGRESS -> named.map(c -> new Recorded(c.id(), c.checkInId())).orElseGet(() -> start(projectId, locked, r, at, latest));
            case LOG -> log(locked, latest ? store.latestInProgress(locked.id()).or(() -> store.checkIns(locked.id(), null, 1).stream()
                    .findFirst()) : named, r);
            case OK, ERROR -> end(projectId, locked, r, at, latest ? store.latestInProgress(locked.id()) : named);
        };
    }

    private Recorded start(long projectId, Monitor locked, Report r, Instant at, boolean latest) {
        String id = latest ? newCheckInId() : r.checkInId();
        long row = store.insertCheckIn(projectId, locked, id, Status.IN_PROGRESS.id(), at, null, null, null, r.output(), r.source(),
                r.environment(), r.release(), r.payload());
        monitors.apply(locked, new MonitorStates.Result(MonitorStates.Outcome.IN_PROGRESS, null, null), at, nextDue(locked, at),
                later(locked.lastCheckinAt(), at), null, "check_in", row);
        return new Recorded(row, id);
    }

    private Recorded log(Monitor locked, Optional<MonitorStore.CheckIn> run, Report r) {
        if (run.isEmpty() || r.output() == null) {
            return new Recorded(-1, r.checkInId());
        }
        MonitorStore.CheckIn c = run.get();
        store.setCheckInOutput(c.id(), JobOutput.append(c.output(), r.output()));
        return new Recorded(c.id(), c.checkInId());
    }

    private Recorded end(long projectId, Monitor locked, Report r, Instant at, Optional<MonitorStore.CheckIn> run) {
        if (run.isPresent() && !Status.IN_PROGRESS.id().equals(run.get().status())) {
            return new Recorded(run.get().id(), run.get().checkInId());
        }
        boolean ok = r.status() == Status.OK;
        String status = r.status().id();
        long row;
        String id;
        Instant started;
        if (run.isPresent()) {
            MonitorStore.CheckIn c = run.get();
            Double duration = r.durationSeconds() != null ? r.durationSeconds()
                    : Duration.between(c.receivedAt(), at).toMillis() / 1000.0;
            store.finishCheckIn(c.id(), status, at, duration, r.exitCode(), r.output());
            row = c.id();
            id = c.checkInId();
            started = c.receivedAt();
        } else {
            id = r.checkInId() == null || LATEST.equals(r.checkInId()) ? newCheckInId() : r.checkInId();
            row = store.insertCheckIn(projectId, locked, id, status, at, at, r.durationSeconds(), r.exitCode(), r.output(), r.source(),
                    r.environment(), r.release(), r.payload());
            started = at;
        }
        String said = ok ? null : r.exitCode() != null ? CronWords.exitStatus(r.exitCode()) : CronWords.failed();
        MonitorStates.Result result = ok ? MonitorStates.Result.ok()
                : new MonitorStates.Result(MonitorStates.Outcome.ERROR, MonitorStates.ERROR, said);
        monitors.apply(locked, result, at, nextDue(locked, started), later(locked.lastCheckinAt(), at), null, "check_in", row);
        return new Recorded(row, id);
    }

    /** The schedule's next time after the run's start, never earlier than what the monitor already expects. */
    private static Instant nextDue(Monitor locked, Instant started) {
        Instant next = MonitorStates.nextDue(locked.config(), started).orElse(null);
        return later(locked.nextDueAt(), next);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    static String newCheckInId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
