package io.bugmaster.incidents;

import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Writes a line to an incident's log (its timeline's automatic entries) from the features built on
 * incidents: roles, status updates, the checklist, postmortems. In the caller's transaction.
 * {@code kind} is a short word (role, stage, priority, status_update, checklist, decision...).
 */
@Component
public class IncidentLog {
    private final IncidentStore store;

    IncidentLog(IncidentStore store) {
        this.store = store;
    }

    public void append(long incidentId, Instant at, String kind, Long userId, String actor, String via, String message) {
        store.log(incidentId, at, kind, userId, actor, via, message);
    }
}
