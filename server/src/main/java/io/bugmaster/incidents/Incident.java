package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;
import io.bugmaster.oncall.Urgency;
import java.time.Instant;

/**
 * An incident: alerts of a service rolled up, numbered per organization, and its escalation state
 * (level 1-based, 0 before the first page; loop 0-based; deadlines null when none is due).
 * {@code version} grows with every change of that state: the engine's conditional updates name it.
 * The human side: {@code priority} (1 = P1; null until someone sets one), the {@code stage} people
 * report, the first {@code description} and who declared it (null for incidents an alert opened).
 */
@PureLogic
public record Incident(long id, long orgId, long number, long serviceId, String title, Urgency urgency, IncidentStatus status,
        String groupKey, int level, int loop, Instant nextEscalationAt, Instant ackTimeoutAt, Instant autoResolveAt, long version,
        Instant lastAlertAt, Instant createdAt, Instant acknowledgedAt, Instant resolvedAt, Integer priority, IncidentStage stage,
        String description, Long declaredBy) {

    public EscalationCalculator.State escalationState() {
        return new EscalationCalculator.State(status, urgency, level, loop, nextEscalationAt, ackTimeoutAt, autoResolveAt);
    }

    /** {@code incident:7}: signals, pages and their stops are about this subject. */
    public String subject() {
        return "incident:" + id;
    }
}
