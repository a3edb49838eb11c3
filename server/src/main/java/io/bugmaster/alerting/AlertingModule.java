package io.bugmaster.alerting;

import io.bugmaster.engine.EngineModule;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Engine step: signals in the outbox become notifications; frequency triggers are checked. Signals
 * that other modules raise in a cycle (snooze expiry, escalation) are handled in the next one.
 */
@Component
public class AlertingModule implements EngineModule {
    private final AlertDispatcher dispatcher;

    public AlertingModule(AlertDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public String name() {
        return "alerting";
    }

    @Override
    public void run(Instant now) {
        dispatcher.handleSignals(now);
        dispatcher.checkFrequencies(now);
    }
}
