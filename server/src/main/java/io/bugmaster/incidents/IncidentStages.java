package io.bugmaster.incidents;

import io.bugmaster.common.ConflictException;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Moves an incident to a stage for the features built on incidents (a status update that says
 * "identified"), in the caller's transaction, through the same path as an incident's update
 * ({@link IncidentActions#enterStage}: the stage-change row, a log line, {@code incident.stage_changed}). "resolved" resolves the
 * incident (its alerts, its pages); a resolved incident does not go back.
 */
@Component
public class IncidentStages {
    private final IncidentStore store;
    private final IncidentActions actions;

    IncidentStages(IncidentStore store, IncidentActions actions) {
        this.store = store;
        this.actions = actions;
    }

    /**
     * Enters the stage; false when the incident is in it already. Throws a conflict for leaving
     * "resolved". {@code userId} and {@code actor} say who did it ({@code actor} in words), {@code via} how.
     */
    public boolean enter(long incidentId, IncidentStage stage, Long userId, String actor, String via, Instant now) {
        Incident i = store.findForUpdate(incidentId).orElseThrow();
        if (i.stage() == stage) {
            return false;
        }
        if (i.stage() == IncidentStage.RESOLVED || i.status() == IncidentStatus.RESOLVED) {
            throw new ConflictException("incident #" + i.number() + " is resolved; it cannot go back to " + stage.id());
        }
        IncidentActions.By by = new IncidentActions.By(userId, actor, via);
        return stage == IncidentStage.RESOLVED ? actions.resolve(i, by, "Resolved by " + actor + " via " + via, now)
                : actions.enterStage(i, stage, by, now);
    }
}
