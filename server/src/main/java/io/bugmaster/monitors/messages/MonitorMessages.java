package io.bugmaster.monitors.messages;

import io.bugmaster.accounts.Directory;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorSignals;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.notify.Notification;
import io.bugmaster.signals.Signal;
import io.bugmaster.web.Links;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The message about a monitor's signal ({@link MonitorNotifications}), with the monitor as it is now
 * and the check-in or result row the signal's body names. Empty when the monitor is gone.
 */
@Component
public class MonitorMessages {
    private final MonitorStore store;
    private final Directory directory;
    private final Links links;

    MonitorMessages(MonitorStore store, Directory directory, Links links) {
        this.store = store;
        this.directory = directory;
        this.links = links;
    }

    /** The monitor a signal is about, if it is a monitor's signal and the monitor still exists. */
    public Optional<Monitor> monitor(Signal signal) {
        if (!signal.subject().is(MonitorSignals.SUBJECT)) {
            return Optional.empty();
        }
        return store.find(signal.subject().number()).filter(m -> m.orgId() == signal.orgId());
    }

    /** What a message about the signal tells; empty for another subject's signal or a monitor that is gone. */
    public Optional<MonitorNotifications.Facts> facts(Signal signal) {
        return monitor(signal).map(m -> {
            JsonNode body = signal.json();
            MonitorStore.CheckIn checkIn = body.path("check_in").isIntegralNumber()
                    ? store.checkIn(body.path("check_in").asLong()).filter(c -> c.monitorId() == m.id()).orElse(null) : null;
            MonitorStore.Result result = body.path("result").isIntegralNumber()
                    ? store.result(body.path("result").asLong()).filter(r -> r.monitorId() == m.id()).orElse(null) : null;
            String org = directory.orgSlug(m.orgId()).orElse("");
            return new MonitorNotifications.Facts(signal.id(), signal.kind(), m, directory.projectSlug(m.projectId()).orElse("?"),
                    signal.text("reason"), signal.text("said"), body.path("tries").asInt(0), body.path("still").asBoolean(false),
                    checkIn, result, org, links.monitor(org, m.slug()));
        });
    }

    /** The notification about a monitor's signal, keyed {@code monitor:<id>:s<signal>}. */
    public Optional<Notification> of(Signal signal) {
        return facts(signal).map(MonitorNotifications::of);
    }
}
