package io.bugmaster.inbound;

import static io.bugmaster.inbound.InboundJson.clip;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.AlertIntake.Action;
import io.bugmaster.incidents.AlertIntake.InboundAlert;
import io.bugmaster.incidents.AlertIntake.Link;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Prometheus Alertmanager's webhook ({@code webhook_configs}, version 4): each alert of the group
 * becomes one alert event keyed by its {@code fingerprint}; {@code firing} triggers it and
 * {@code resolved} resolves it.
 *
 * <ul>
 *   <li>summary: the {@code summary} annotation, else the {@code description} annotation, else
 *       {@code alertname (other label values)} as Alertmanager's own PagerDuty summary reads;
 *   <li>severity: the {@code severity} label in PagerDuty's words ({@link #severity}); absent or
 *       unknown is {@code error}, the default of Alertmanager's own {@code pagerduty_configs};
 *   <li>source: the {@code instance} label, else {@code job}, else {@code Alertmanager};
 *   <li>details: the labels, annotations, {@code generatorURL}, {@code startsAt} and {@code endsAt};
 *   <li>links: the generator URL, the {@code runbook_url} annotation and Alertmanager itself.
 * </ul>
 */
@PureLogic
final class AlertmanagerParser {
    private AlertmanagerParser() {}

    /** The group's alerts in order, or what is wrong with the body. */
    record Parsed(List<InboundAlert> alerts, List<String> errors) {
        Parsed {
            alerts = List.copyOf(alerts);
            errors = List.copyOf(errors);
        }
    }

    static Parsed parse(byte[] body) {
        JsonNode root;
        try {
            root = InboundJson.object(body);
        } catch (InboundJson.NotAnObject e) {
            return new Parsed(List.of(), List.of(e.getMessage()));
        }
        List<String> errors = new ArrayList<>();
        String externalUrl = InboundJson.optionalString(root, "externalURL", "externalURL", errors);
        JsonNode alerts = InboundJson.optionalArray(root, "alerts", "alerts", errors);
        if (alerts == null && errors.isEmpty()) {
            errors.add("alerts is required (this is not an Alertmanager webhook body)");
        }
        List<InboundAlert> parsed = new ArrayList<>();
        if (alerts != null) {
            for (int i = 0; i < alerts.size(); i++) {
                InboundAlert alert = alert(alerts.get(i), "alerts[" + i + "]", externalUrl, errors);
                if (alert != null) {
                    parsed.add(alert);
                }
            }
        }
        return errors.isEmpty() ? new Parsed(parsed, List.of()) : new Parsed(List.of(), errors);
    }

    private static InboundAlert alert(JsonNode alert, String path, String externalUrl, List<String> errors) {
        if (!alert.isObject()) {
            errors.add(path + " must be a JSON object, got " + InboundJson.type(alert));
            return null;
        }
        int before = errors.size();
        String fingerprint = InboundJson.requiredString(alert, "fingerprint", path + ".fingerprint", errors);
        InboundJson.maxLength(fingerprint, EventsV2Parser.MAX_DEDUP_KEY, path + ".fingerprint", errors);
        String status = InboundJson.requiredString(alert, "status", path + ".status", errors);
        Action action = null;
        if ("firing".equals(status)) {
            action = Action.TRIGGER;
        } else if ("resolved".equals(status)) {
            action = Action.RESOLVE;
        } else if (status != null) {
            errors.add(path + ".status must be firing or resolved, got \"" + clip(status, 40) + "\"");
        }
        Map<String, String> labels = strings(alert, "labels", path, errors);
        Map<String, String> annotations = strings(alert, "annotations", path, errors);
        String generatorUrl = InboundJson.optionalString(alert, "generatorURL", path + ".generatorURL", errors);
        Instant startsAt = InboundJson.timestamp(alert, "startsAt", path + ".startsAt", errors);
        Instant endsAt = InboundJson.timestamp(alert, "endsAt", path + ".endsAt", errors);
        if (errors.size() > before) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("labels", labels);
        details.put("annotations", annotations);
        putIfPresent(details, "generatorURL", generatorUrl);
        putIfPresent(details, "startsAt", InboundJson.optionalString(alert, "startsAt", path, errors));
        if (action == Action.RESOLVE) {
            putIfPresent(details, "endsAt", InboundJson.optionalString(alert, "endsAt", path, errors));
        }
        List<Link> links = new ArrayList<>();
        // links a sender got wrong are left out rather than refusing the alert: the page matters more
        if (InboundJson.webUrl(generatorUrl)) {
            links.add(new Link(generatorUrl.strip(), "Source"));
        }
        if (InboundJson.webUrl(annotations.get("runbook_url"))) {
            links.add(new Link(annotations.get("runbook_url").strip(), "Runbook"));
        }
        String clientUrl = InboundJson.webUrl(externalUrl) ? externalUrl.strip() : null;
        if (clientUrl != null) {
            links.add(new Link(clientUrl, "Alertmanager"));
        }
        String summary = InboundJson.truncateCodePoints(summary(labels, annotations), EventsV2Parser.MAX_SUMMARY);
        String source = firstNonBlank(labels.get("instance"), labels.get("job"), "Alertmanager");
        return new InboundAlert(action, fingerprint, summary, source, severity(labels.get("severity")),
                action == Action.RESOLVE && endsAt != null ? endsAt : startsAt, null, null, labels.get("alertname"),
                details, links, "Alertmanager", clientUrl);
    }

    static String summary(Map<String, String> labels, Map<String, String> annotations) {
        String annotated = firstNonBlank(annotations.get("summary"), annotations.get("description"), null);
        if (annotated != null) {
            return annotated.strip();
        }
        String name = firstNonBlank(labels.get("alertname"), "alert", null);
        List<String> others = new TreeMap<>(labels).entrySet().stream()
                .filter(e -> !e.getKey().equals("alertname") && !e.getValue().isBlank())
                .map(Map.Entry::getValue)
                .toList();
        return others.isEmpty() ? name : name + " (" + String.join(" ", others) + ")";
    }

    /** The {@code severity} label in PagerDuty's words; absent or unknown is {@code error}. */
    static String severity(String label) {
        if (label == null) {
            return "error";
        }
        return switch (label.strip().toLowerCase(Locale.ROOT)) {
            case "critical", "crit", "fatal", "emergency", "alert", "page", "p1", "disaster" -> "critical";
            case "warning", "warn", "minor", "medium", "p3" -> "warning";
            case "info", "informational", "notice", "low", "none", "debug", "p4", "p5" -> "info";
            default -> "error";
        };
    }

    private static Map<String, String> strings(JsonNode alert, String field, String path, List<String> errors) {
        JsonNode object = InboundJson.optionalObject(alert, field, path + "." + field, errors);
        Map<String, String> map = new LinkedHashMap<>();
        if (object == null) {
            return map;
        }
        for (var entry : object.properties()) {
            if (entry.getValue().isString()) {
                map.put(entry.getKey(), entry.getValue().stringValue());
            } else if (!InboundJson.absent(entry.getValue())) {
                errors.add(path + "." + field + "." + clip(entry.getKey(), 60) + " must be a string, got "
                        + InboundJson.type(entry.getValue()));
            }
        }
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static String firstNonBlank(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        if (b != null && !b.isBlank()) {
            return b;
        }
        return fallback;
    }
}
