package io.bugmaster.incidents;

import io.bugmaster.engine.Engine;
import io.bugmaster.engine.EngineModule;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.storage.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The escalation engine module: for each incident with a deadline passed, asks
 * {@link EscalationCalculator} what is due and applies it in a transaction of its own, as a
 * conditional update on the incident's version: two nodes that both see it due page once.
 */
@Component
class IncidentEscalationModule implements EngineModule {
    private static final Logger log = LoggerFactory.getLogger(IncidentEscalationModule.class);
    /** Incidents handled per run; when there may be more, the module pokes the engine so a cycle follows at once. */
    static final int BATCH = 500;

    private final IncidentStore incidents;
    private final ServiceStore services;
    private final EscalationPolicies policies;
    private final IncidentActions actions;
    private final Transactions tx;
    private final ObjectProvider<Engine> engine;

    IncidentEscalationModule(IncidentStore incidents, ServiceStore services, EscalationPolicies policies, IncidentActions actions,
            Transactions tx, ObjectProvider<Engine> engine) {
        this.incidents = incidents;
        this.services = services;
        this.policies = policies;
        this.actions = actions;
        this.tx = tx;
        this.engine = engine;
    }

    @Override
    public String name() {
        return "incident-escalation";
    }

    @Override
    public void run(Instant now) {
        List<Long> due = incidents.due(now, BATCH);
        for (long id : due) {
            try {
                tx.write(() -> step(id, now));
            } catch (RuntimeException e) {
                // one incident's failure (a policy gone wrong) holds up no other
                log.error("escalation of incident {} failed", id, e);
            }
        }
        if (due.size() == BATCH) {
            // a burst of new incidents (10,000 triggers in a minute) is paged batch after batch, not one batch per tick
            engine.ifAvailable(Engine::poke);
        }
    }

    /** Applies what is due for one incident, if it still is; true when this node acted. */
    boolean step(long id, Instant now) {
        Optional<Incident> found = incidents.findForUpdate(id);
        if (found.isEmpty()) {
            return false;
        }
        Incident i = found.get();
        EscalationCalculator.Shape shape = services.find(i.orgId(), i.serviceId())
                .flatMap(s -> s.escalationPolicyId() == null ? Optional.empty() : policies.policy(s.orgId(), s.escalationPolicyId()))
                .map(IncidentEscalationModule::shape).orElse(EscalationCalculator.Shape.NONE);
        return EscalationCalculator.due(i.escalationState(), shape, now).map(step -> actions.escalate(i, step, now)).orElse(false);
    }

    static EscalationCalculator.Shape shape(EscalationPolicy p) {
        return new EscalationCalculator.Shape(p.rules().stream().map(EscalationPolicy.Rule::escalationDelayInMinutes).toList(), p.numLoops());
    }
}
