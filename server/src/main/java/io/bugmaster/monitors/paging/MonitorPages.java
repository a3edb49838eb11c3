package io.bugmaster.monitors.paging;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.messages.MonitorNotifications;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Texts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A monitor's failure as an alert on a service: one alert per monitor, keyed {@code monitor:<id>}
 * (whoever pages: the monitor's own service or an alert rule), updated while the monitor stays down,
 * resolved when it is up. Severity is the monitor's (critical, error, warning, info: PagerDuty's words).
 */
@PureLogic
public final class MonitorPages {
    private MonitorPages() {}

    public static String dedupKey(Monitor m) {
        return m.subject().toString();
    }

    public static AlertIntake.InboundAlert alert(MonitorNotifications.Facts facts, Notification message) {
        Monitor m = facts.monitor();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("monitor", m.slug());
        details.put("kind", m.kind().id());
        if (facts.said() != null) {
            details.put("said", facts.said());
        }
        details.put("tries", facts.tries());
        details.put("link", facts.link());
        message.facts().forEach(details::putIfAbsent);
        if (message.reason() != null) {
            details.put("reason", message.reason());
        }
        if (message.body() != null) {
            details.put("output", message.body());
        }
        String summary = Texts.truncate(Texts.oneLine(message.headline()), 1024);
        return new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, dedupKey(m), summary, facts.projectSlug(), m.severity(), null,
                facts.said() == null ? null : Texts.truncate(Texts.oneLine(facts.said()), 255), null, m.kind().id(), details,
                List.of(new AlertIntake.Link(facts.link(), m.name())), "Bugmaster", facts.link());
    }
}
