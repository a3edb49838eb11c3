package io.bugmaster.monitors.paging;

import io.bugmaster.incidents.IncidentIntake;
import io.bugmaster.monitors.MonitorSignals;
import io.bugmaster.monitors.messages.MonitorMessages;
import io.bugmaster.monitors.messages.MonitorNotifications;
import io.bugmaster.signals.Signal;
import io.bugmaster.signals.SignalConsumer;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pages a monitor's own service ({@code service_id}), no alert rule needed: monitor.down and
 * monitor.failing open (or, while it is open, update) the alert {@code monitor:<id>} on it, and
 * monitor.up resolves it (on every service it was opened on). A muted monitor raises no down or
 * failing signal, so it pages nobody. Runs in the signal bus's transaction.
 */
@Component
class MonitorPaging implements SignalConsumer {
    private static final Logger log = LoggerFactory.getLogger(MonitorPaging.class);

    private final MonitorMessages messages;
    private final IncidentIntake intake;

    MonitorPaging(MonitorMessages messages, IncidentIntake intake) {
        this.messages = messages;
        this.intake = intake;
    }

    @Override
    public String name() {
        return "monitor-paging";
    }

    @Override
    public void handle(List<Signal> signals, Instant now) {
        for (Signal signal : signals) {
            if (!signal.subject().is(MonitorSignals.SUBJECT)) {
                continue;
            }
            messages.facts(signal).ifPresent(facts -> {
                var m = facts.monitor();
                if (MonitorSignals.UP.equals(signal.kind())) {
                    intake.resolveBugmasterAlerts(m.orgId(), MonitorPages.dedupKey(m), "monitor recovered");
                    return;
                }
                if (m.serviceId() == null) {
                    return;
                }
                var message = MonitorNotifications.of(facts).withReason(facts.still() ? MonitorNotifications.stillFailing(facts) : null, null, now);
                if (intake.applyToService(m.orgId(), m.serviceId(), MonitorPages.alert(facts, message), "monitor '" + m.slug() + "'")
                        .isEmpty()) {
                    log.warn("monitor {} pages service {}, which no longer exists", m.id(), m.serviceId());
                }
            });
        }
    }
}
