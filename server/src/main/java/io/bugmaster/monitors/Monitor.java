package io.bugmaster.monitors;

import java.time.Instant;

/**
 * A monitor as stored. {@code nextDueAt}: a cron monitor's next expected check-in (null until its
 * first one), a check's next run. {@code lastSaid}: the one line its last failing result said
 * ("exit status 3", "Records: 97"), so a monitor that keeps failing the same way is told once.
 * {@code issueId}: not stored here (the optional error issue is found through its fingerprint).
 */
public record Monitor(
        long id,
        long orgId,
        long projectId,
        String slug,
        String name,
        MonitorKind kind,
        MonitorConfig config,
        MonitorState state,
        Instant stateSince,
        String stateReason,
        boolean muted,
        String severity,
        Long serviceId,
        boolean createIssue,
        String pingUuid,
        Instant nextDueAt,
        int failStreak,
        int okStreak,
        Instant lastCheckinAt,
        Double lastValue,
        String lastSaid,
        Instant createdAt,
        Instant updatedAt) {

    /** The subject of its signals and notifications: {@code monitor:3}. */
    public io.bugmaster.common.Subject subject() {
        return io.bugmaster.common.Subject.of(MonitorSignals.SUBJECT, id);
    }

    public MonitorStates.Snapshot snapshot() {
        return new MonitorStates.Snapshot(state, failStreak, okStreak, stateReason, lastSaid);
    }
}
