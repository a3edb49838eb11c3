package io.bugmaster.issues;

import java.time.Instant;

/** An issue as stored, with the project and organization it belongs to. */
public record Issue(
        long id,
        long projectId,
        String projectSlug,
        String projectName,
        String projectPlatform,
        long orgId,
        String orgSlug,
        long shortNumber,
        String type,
        String title,
        String culprit,
        String level,
        String platform,
        String metadataJson,
        String status,
        String substatus,
        StatusDetails statusDetails,
        String statusDetailsJson,
        Instant resolvedAt,
        Long assigneeUserId,
        Long assigneeTeamId,
        Instant firstSeen,
        Instant lastSeen,
        long timesSeen,
        long userCount,
        String firstRelease,
        String lastRelease,
        String groupingStrategy) {

    /** Sentry's short id: the project slug in capitals, a dash, the per-project number. */
    public String shortId() {
        return projectSlug.toUpperCase(java.util.Locale.ROOT) + "-" + Long.toString(shortNumber, 10);
    }
}
