package io.bugmaster.monitors.paging;

import io.bugmaster.common.PureLogic;
import io.bugmaster.digest.DigestItem;
import io.bugmaster.events.EventPayloads;
import io.bugmaster.grouping.Component;
import io.bugmaster.grouping.Hashing;
import io.bugmaster.grouping.Strategies;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.messages.MonitorNotifications;
import io.bugmaster.notify.Texts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The error event a failing monitor with {@code create_issue} adds to its project, as Sentry does:
 * one issue per monitor ("Monitor failure: nightly-report"), fingerprinted by the monitor as an SDK
 * event with {@code "fingerprint": ["bugmaster-monitor", "<slug>"]} would be, at the level its
 * severity says; each down or failing signal is one event of it. Its id comes from the signal, so
 * handling a signal twice writes one event.
 */
@PureLogic
public final class MonitorIssueEvents {
    public static final String FINGERPRINT = "bugmaster-monitor";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MonitorIssueEvents() {}

    /** A monitor's severity as an event level: critical is fatal, the others keep their name. */
    static String level(String severity) {
        return "critical".equals(severity) ? "fatal" : severity == null ? "error" : severity;
    }

    static String title(Monitor m) {
        return "Monitor failure: " + Texts.truncate(Texts.oneLine(m.name()), 200);
    }

    public static DigestItem event(MonitorNotifications.Facts facts, Instant now) {
        Monitor m = facts.monitor();
        String eventId = UUID.nameUUIDFromBytes(("monitor-signal:" + facts.signalId()).getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "");
        String level = level(m.severity());
        String title = title(m);
        String said = facts.said() == null ? facts.reason() : Texts.truncate(Texts.oneLine(facts.said()), 500);
        List<String> fingerprint = List.of(FINGERPRINT, m.slug());
        String hash = Hashing.hash(List.of(new Component("fingerprint", true, fingerprint, null)));
        ObjectNode metadata = JSON.createObjectNode().put("type", "Monitor failure").put("value", said);
        ObjectNode payload = JSON.createObjectNode();
        payload.put("event_id", eventId);
        payload.put("level", level);
        payload.put("platform", "other");
        payload.put("timestamp", now.getEpochSecond());
        payload.put("title", title);
        payload.put("culprit", said);
        payload.putObject("logentry").put("formatted", title + (said == null ? "" : ": " + said));
        payload.set("fingerprint", JSON.valueToTree(fingerprint));
        payload.set("metadata", metadata);
        ObjectNode monitor = payload.putObject("contexts").putObject("monitor");
        monitor.put("type", "monitor");
        monitor.put("id", m.id());
        monitor.put("slug", m.slug());
        monitor.put("name", m.name());
        monitor.put("kind", m.kind().id());
        monitor.put("reason", facts.reason());
        monitor.put("tries", facts.tries());
        monitor.put("url", facts.link());
        List<Map.Entry<String, String>> tags = List.of(Map.entry("level", level), Map.entry("monitor.slug", m.slug()),
                Map.entry("monitor.kind", m.kind().id()));
        payload.set("tags", JSON.valueToTree(tags.stream().map(t -> List.of(t.getKey(), t.getValue())).toList()));
        return new DigestItem(m.orgId(), m.projectId(), eventId, DigestItem.EventType.ERROR, now, now, level, "other", null, null, title,
                said, metadata.toString(), Strategies.current().name(), List.of(hash), tags, null,
                EventPayloads.compress(JSON.writeValueAsBytes(payload)));
    }
}
