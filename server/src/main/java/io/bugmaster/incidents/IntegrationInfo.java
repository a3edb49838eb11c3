package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.Set;

/**
 * An integration as people see it: its type, name and the last characters of its key ({@code keyHint});
 * the key itself is shown once, when made or rotated, and only its hash is kept.
 */
@PureLogic
public record IntegrationInfo(long id, long orgId, long serviceId, String type, String name, String keyHint, Instant createdAt) {
    public static final String EVENTS_API_V2 = "events_api_v2";
    public static final String ALERTMANAGER = "alertmanager";
    public static final String GENERIC = "generic";
    public static final Set<String> TYPES = Set.of(EVENTS_API_V2, ALERTMANAGER, GENERIC);

    public AlertIntake.Integration ref() {
        return new AlertIntake.Integration(id, orgId, serviceId, type);
    }
}
