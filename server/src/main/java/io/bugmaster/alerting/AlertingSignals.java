package io.bugmaster.alerting;

import io.bugmaster.signals.Signal;
import io.bugmaster.signals.SignalConsumer;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Alert rules as a consumer of signals: each signal is evaluated against the rules in scope. */
@Component
class AlertingSignals implements SignalConsumer {
    private final AlertDispatcher dispatcher;

    AlertingSignals(AlertDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public String name() {
        return "alerting";
    }

    @Override
    public void handle(List<Signal> signals, Instant now) {
        dispatcher.handle(signals, now);
    }
}
