package io.bugmaster.incidents;

import io.bugmaster.common.ConflictException;
import io.bugmaster.common.Subject;
import io.bugmaster.signals.NewSignal;
import io.bugmaster.signals.Signals;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Moves an incident to a stage for the features built on incidents (a status update that says
 * "identified"), in the caller's transaction: the stage, its row in incident_stage_changes, a log
 * line (kind {@code stage}) and the signal {@code incident.stage_changed}. "resolved" resolves the
 * incident (its alerts, its pages); a resolved incident does not go back.
 */
@Component
public class IncidentStages {
    private final IncidentStore store;
    private final IncidentActions actions;
    private final Signals signals;

    IncidentStages(IncidentStore store, IncidentActions actions, Signals signals) {
        this.store = store;
        this.actions = actions;
        this.signals = signals;
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
        if (stage == IncidentStage.RESOLVED) {
            return actions.resolve(i, new IncidentActions.By(userId, actor, via), "Resolved by " + actor + " via " + via, now);
        }
        store.setStage(i.id(), stage);
        store.stageEntered(i.id(), stage, userId, now);
        store.log(i.id(), now, "stage", userId, actor, via, "Stage " + stage.id() + " (was " + i.stage().id() + ") by " + actor);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("number", i.number());
        body.put("stage", stage.id());
        body.put("from", i.stage().id());
        body.put("by", actor);
        signals.raise(new NewSignal(i.orgId(), Subject.of("incident", i.id()), "incident.stage_changed", body), now);
        return true;
    }
}
