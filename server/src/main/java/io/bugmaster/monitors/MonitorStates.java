package io.bugmaster.monitors;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The monitor state calculator: what one result (a check-in, a check's run, or the clock passing a
 * deadline) does to a monitor's state, and which signal it raises. Apart from the SQL that applies
 * it, tested with a fixed clock.
 *
 * <ul>
 * <li>A failing result (error, missed, timeout) counts towards the failure threshold; when the
 * count reaches it the monitor is down and raises {@code monitor.down} (nothing arrived in time:
 * missed, timeout) or {@code monitor.failing} (the job failed, the check's condition holds, the check
 * could not run). While down, a failing result that says something new ("Records: 97" after
 * "Records: 1") raises the same kind again marked {@code still}, which updates what was sent; the
 * same words again raise nothing.</li>
 * <li>A healthy result counts towards the recovery threshold; when it reaches it a down monitor is up
 * and raises {@code monitor.up}. New and late monitors are up with their first healthy result,
 * silently.</li>
 * <li>A paused monitor stays paused whatever comes.</li>
 * </ul>
 */
@PureLogic
public final class MonitorStates {
    private MonitorStates() {}

    /**
     * What happened. ERROR: the job reported failure, or the check's condition holds, or the check
     * could not run (the reason says which).
     */
    public enum Outcome {
        IN_PROGRESS, OK, ERROR, MISSED, TIMEOUT;

        public boolean failing() {
            return this == ERROR || this == MISSED || this == TIMEOUT;
        }
    }

    /** Reasons a monitor is down or late, stored in {@code monitors.state_reason} and signal bodies. */
    public static final String MISSED = "missed";
    public static final String TIMEOUT = "timeout";
    public static final String ERROR = "error";
    public static final String CONDITION = "condition";
    public static final String QUERY_ERROR = "query_error";
    public static final String LATE = "late";

    /**
     * @param reason one of the reasons above (for ERROR: error, condition or query_error)
     * @param said one line a person understands: "exit status 3", "Records: 97", "no check-in at 03:00"
     */
    public record Result(Outcome outcome, String reason, String said) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
        }

        public static Result ok() {
            return new Result(Outcome.OK, null, null);
        }
    }

    /** The part of a monitor the calculator reads and writes. */
    public record Snapshot(MonitorState state, int failStreak, int okStreak, String reason, String lastSaid) {}

    /**
     * @param signal the signal kind to raise ({@link MonitorSignals#DOWN}, {@link MonitorSignals#FAILING},
     *               {@link MonitorSignals#UP}), or null
     * @param still  the signal tells of a monitor that was already down (an update, not news)
     */
    public record Transition(Snapshot next, String signal, boolean still) {
        public boolean flipped(Snapshot before) {
            return before.state() != next.state();
        }
    }

    public static Transition apply(Snapshot now, Result result, MonitorConfig config) {
        if (now.state() == MonitorState.PAUSED) {
            return new Transition(now, null, false);
        }
        return switch (result.outcome()) {
            case IN_PROGRESS -> new Transition(now.state() == MonitorState.NEW || now.state() == MonitorState.LATE
                    ? new Snapshot(MonitorState.UP, now.failStreak(), now.okStreak(), null, now.lastSaid()) : now, null, false);
            case OK -> healthy(now, config);
            default -> failing(now, result, config);
        };
    }

    private static Transition healthy(Snapshot now, MonitorConfig config) {
        int ok = now.okStreak() + 1;
        if (now.state() != MonitorState.DOWN) {
            return new Transition(new Snapshot(MonitorState.UP, 0, ok, null, null), null, false);
        }
        if (ok < config.recoveryThreshold()) {
            return new Transition(new Snapshot(MonitorState.DOWN, 0, ok, now.reason(), now.lastSaid()), null, false);
        }
        return new Transition(new Snapshot(MonitorState.UP, 0, ok, null, null), MonitorSignals.UP, false);
    }

    private static Transition failing(Snapshot now, Result result, MonitorConfig config) {
        int fails = now.failStreak() + 1;
        String kind = result.outcome() == Outcome.ERROR ? MonitorSignals.FAILING : MonitorSignals.DOWN;
        String reason = result.reason() != null ? result.reason()
                : result.outcome() == Outcome.MISSED ? MISSED : result.outcome() == Outcome.TIMEOUT ? TIMEOUT : ERROR;
        if (now.state() == MonitorState.DOWN) {
            boolean news = !Objects.equals(now.lastSaid(), result.said()) || !Objects.equals(now.reason(), reason);
            return new Transition(new Snapshot(MonitorState.DOWN, fails, 0, reason, result.said()), news ? kind : null, news);
        }
        if (fails < config.failureThreshold()) {
            MonitorState stays = now.state() == MonitorState.NEW ? MonitorState.NEW : MonitorState.UP;
            return new Transition(new Snapshot(stays, fails, 0, null, null), null, false);
        }
        return new Transition(new Snapshot(MonitorState.DOWN, fails, 0, reason, result.said()), kind, false);
    }

    /** What the clock says about a cron monitor waiting for a check-in expected at {@code due}. */
    public enum Deadline {
        /** Not yet due, or nothing is awaited. */
        NONE,
        /** Due, within the margin: late, nobody is told. */
        LATE,
        /** The margin has passed without a check-in. */
        MISSED
    }

    public static Deadline deadline(MonitorState state, Instant due, MonitorConfig config, Instant now) {
        if (due == null || state == MonitorState.PAUSED || state == MonitorState.NEW || now.isBefore(due)) {
            return Deadline.NONE;
        }
        return now.isBefore(due.plus(config.margin())) ? Deadline.LATE : Deadline.MISSED;
    }

    /**
     * When the next check-in is expected after one arrived (or a slot was missed) at {@code at}: the
     * schedule's next time after it, in the monitor's zone; empty when the schedule never comes again.
     */
    public static Optional<Instant> nextDue(MonitorConfig config, Instant at) {
        return config.schedule().next(at, config.zone());
    }

    /** True when a run that started at {@code started} and is still in progress has passed its max runtime. */
    public static boolean timedOut(Instant started, MonitorConfig config, Instant now) {
        return !now.isBefore(started.plus(config.runtime()));
    }
}
