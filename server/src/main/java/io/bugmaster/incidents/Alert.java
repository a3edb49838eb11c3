package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.Map;

/** One deduplicated alert of a service: open (triggered), acknowledged or resolved; always part of an incident. */
@PureLogic
public record Alert(long id, long orgId, long serviceId, Long integrationId, String dedupKey, String status, String summary,
        String source, String severity, Map<String, Object> details, long incidentId, Instant createdAt, Instant updatedAt,
        Instant acknowledgedAt, Instant resolvedAt) {
    public static final String OPEN = "open";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "resolved";
}
