package io.bugmaster.alerting;

import io.bugmaster.engine.EngineModule;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Engine step: the frequency triggers are checked over the issues that received events since the
 * last check. Signals reach alerting through the signal bus ({@link AlertingSignals}).
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
        dispatcher.checkFrequencies(now);
    }
}
