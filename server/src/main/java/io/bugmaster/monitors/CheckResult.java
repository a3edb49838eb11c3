package io.bugmaster.monitors;

import java.util.Objects;

/**
 * What one run of a check found.
 *
 * @param outcome    ok; firing (the condition holds); error (the check could not run: the query failed,
 *                   the data source is unreachable; never reported as "no rows")
 * @param value      the number the condition looked at (rows, first column, the metric, the event count), or null
 * @param records    rows returned (SQL), or null
 * @param said       one line for people: "Records: 97", "p99 latency 2.4 > 2", "312 in the last hour, usually 2,100-2,400",
 *                   "could not connect to replica: Connection refused"
 * @param detail     JSON text kept with the result and shown on the monitor page and in messages: for SQL
 *                   {@code {"columns": [...], "rows": [[...], ...]}} (the first rows, cells clipped); for an
 *                   error {@code {"error": "..."}}; anything the kind needs (the volume's weeks). May be null.
 * @param durationMs how long the check took
 */
public record CheckResult(Outcome outcome, Double value, Long records, String said, String detail, long durationMs) {
    public enum Outcome {
        OK, FIRING, ERROR;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CheckResult {
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The state calculator's view of it. */
    public MonitorStates.Result asStateResult() {
        return switch (outcome) {
            case OK -> MonitorStates.Result.ok();
            case FIRING -> new MonitorStates.Result(MonitorStates.Outcome.ERROR, MonitorStates.CONDITION, said);
            case ERROR -> new MonitorStates.Result(MonitorStates.Outcome.ERROR, MonitorStates.QUERY_ERROR, said);
        };
    }
}
