package io.bugmaster.alerting;

import io.bugmaster.engine.EngineModule;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Engine step: the frequency triggers are checked over the issues that received events since the
 * last check. Signals reach alerting through the signal bus ({@link SignalAlerts}), in the
 * {@code signals} step just before this one (see {@link io.bugmaster.engine.EngineModules}).
 */
@Component
public class AlertingModule implements EngineModule {
    private final FrequencyCheck frequencies;

    AlertingModule(FrequencyCheck frequencies) {
        this.frequencies = frequencies;
    }

    @Override
    public String name() {
        return "alerting";
    }

    @Override
    public void run(Instant now) {
        frequencies.run(now);
    }
}
