package io.bugmaster.incidents.metrics;

import io.bugmaster.common.PureLogic;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One incident's response times: to acknowledge (null while not acknowledged) and to resolve (null
 * while open), how long it has been open, and its time in each stage it entered (the current one up to now).
 */
@PureLogic
public record ResponseTimes(Duration toAcknowledge, Duration toResolve, Duration openFor, boolean resolved,
        List<IncidentMetrics.StageTime> stages) {

    static ResponseTimes of(CountedIncident i, Instant now) {
        IncidentMetrics.Counted c = MetricsCalculator.measured(i);
        Duration open = Duration.between(i.createdAt(), i.resolved() ? i.resolvedAt() : now);
        return new ResponseTimes(c.toAcknowledge(), c.toResolve(), open.isNegative() ? Duration.ZERO : open, i.resolved(),
                MetricsCalculator.stagesOf(i, now));
    }

    public String toAcknowledgeText() {
        return toAcknowledge != null ? ReadableDuration.of(toAcknowledge)
                : resolved ? "never acknowledged (resolved without an acknowledgement)" : "not acknowledged yet (" + ReadableDuration.of(openFor)
                        + " so far)";
    }

    public String toResolveText() {
        return toResolve != null ? ReadableDuration.of(toResolve) : "open for " + ReadableDuration.of(openFor) + " so far";
    }
}
