package io.bugmaster.inbound;

import static io.bugmaster.inbound.InboundJson.absent;
import static io.bugmaster.inbound.InboundJson.clip;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.AlertIntake.Action;
import io.bugmaster.incidents.AlertIntake.InboundAlert;
import io.bugmaster.incidents.AlertIntake.InboundChange;
import io.bugmaster.incidents.AlertIntake.Link;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty Events API v2 bodies ({@code /v2/enqueue} and {@code /v2/change/enqueue}), read and
 * checked by PagerDuty's field rules. Every mistake of a body is listed, each naming its field.
 * Explicit JSON nulls count as absent everywhere a field is optional (pagerduty-client sends them).
 */
@PureLogic
final class EventsV2Parser {
    static final int ROUTING_KEY_LENGTH = 32;
    static final int MAX_DEDUP_KEY = 255;
    static final int MAX_SUMMARY = 1024;

    private EventsV2Parser() {}

    /** What a body says: an alert event, a change event, or what is wrong with it. */
    sealed interface Parsed permits AlertEvent, ChangeEvent, Invalid {
        /** The routing key when it is well-formed (even if the rest is not), else null. */
        String routingKey();
    }

    record AlertEvent(String routingKey, InboundAlert alert) implements Parsed {}

    record ChangeEvent(String routingKey, InboundChange change) implements Parsed {}

    record Invalid(String routingKey, List<String> errors) implements Parsed {
        Invalid {
            errors = List.copyOf(errors);
        }
    }

    /** An alert event for {@code /v2/enqueue}. */
    static Parsed event(byte[] body) {
        JsonNode root;
        try {
            root = InboundJson.object(body);
        } catch (InboundJson.NotAnObject e) {
            return new Invalid(null, List.of(e.getMessage()));
        }
        List<String> errors = new ArrayList<>();
        String routingKey = routingKey(root, errors);
        Action action = action(root, errors);
        String dedupKey = InboundJson.optionalString(root, "dedup_key", "dedup_key", errors);
        InboundJson.maxLength(dedupKey, MAX_DEDUP_KEY, "dedup_key", errors);
        if (dedupKey != null && dedupKey.isBlank()) {
            dedupKey = null;
        }
        if (dedupKey == null && (action == Action.ACKNOWLEDGE || action == Action.RESOLVE)) {
            errors.add("dedup_key is required to " + action.name().toLowerCase(java.util.Locale.ROOT) + " an alert");
        }
        List<Link> links = new ArrayList<>();
        images(root, links, errors);
        links(root, links, errors);
        String client = InboundJson.optionalString(root, "client", "client", errors);
        String clientUrl = InboundJson.optionalString(root, "client_url", "client_url", errors);
        if (clientUrl != null && !clientUrl.isBlank() && !InboundJson.webUrl(clientUrl)) {
            errors.add("client_url must be an http or https URL, got \"" + clip(clientUrl, 80) + "\"");
        }
        if (clientUrl != null && clientUrl.isBlank()) {
            clientUrl = null;
        }
        if (action != Action.TRIGGER) {
            // PagerDuty ignores the payload of an acknowledge or resolve (pagerduty-client sends one of nulls)
            if (!errors.isEmpty() || action == null) {
                return new Invalid(routingKey, errors);
            }
            return new AlertEvent(routingKey, new InboundAlert(action, dedupKey, null, null, null, null, null, null, null,
                    Map.of(), links, client, clientUrl));
        }
        JsonNode payload = root.get("payload");
        if (absent(payload)) {
            errors.add("payload is required to trigger an alert");
            return new Invalid(routingKey, errors);
        }
        if (!payload.isObject()) {
            errors.add("payload must be a JSON object, got " + InboundJson.type(payload));
            return new Invalid(routingKey, errors);
        }
        String summary = summary(payload, errors);
        String source = InboundJson.requiredString(payload, "source", "payload.source", errors);
        String severity = InboundJson.severity(payload, "severity", "payload.severity", errors);
        Instant timestamp = InboundJson.timestamp(payload, "timestamp", "payload.timestamp", errors);
        String component = InboundJson.optionalString(payload, "component", "payload.component", errors);
        String group = InboundJson.optionalString(payload, "group", "payload.group", errors);
        String className = InboundJson.optionalString(payload, "class", "payload.class", errors);
        if (!errors.isEmpty()) {
            return new Invalid(routingKey, errors);
        }
        return new AlertEvent(routingKey, new InboundAlert(Action.TRIGGER, dedupKey, summary, source, severity, timestamp,
                component, group, className, InboundJson.details(payload.get("custom_details"), "custom_details"), links,
                client, clientUrl));
    }

    /** A change event for {@code /v2/change/enqueue}: {@code routing_key}, {@code payload{summary, source, timestamp, custom_details}}, {@code links}. */
    static Parsed change(byte[] body) {
        JsonNode root;
        try {
            root = InboundJson.object(body);
        } catch (InboundJson.NotAnObject e) {
            return new Invalid(null, List.of(e.getMessage()));
        }
        List<String> errors = new ArrayList<>();
        String routingKey = routingKey(root, errors);
        List<Link> links = new ArrayList<>();
        links(root, links, errors);
        JsonNode payload = root.get("payload");
        if (absent(payload)) {
            errors.add("payload is required");
            return new Invalid(routingKey, errors);
        }
        if (!payload.isObject()) {
            errors.add("payload must be a JSON object, got " + InboundJson.type(payload));
            return new Invalid(routingKey, errors);
        }
        String summary = summary(payload, errors);
        String source = InboundJson.optionalString(payload, "source", "payload.source", errors);
        Instant timestamp = InboundJson.timestamp(payload, "timestamp", "payload.timestamp", errors);
        if (!errors.isEmpty()) {
            return new Invalid(routingKey, errors);
        }
        return new ChangeEvent(routingKey, new InboundChange(summary, source, timestamp,
                InboundJson.details(payload.get("custom_details"), "custom_details"), List.copyOf(links)));
    }

    private static String routingKey(JsonNode root, List<String> errors) {
        int before = errors.size();
        String key = InboundJson.requiredString(root, "routing_key", "routing_key", errors);
        if (key != null && key.length() != ROUTING_KEY_LENGTH) {
            errors.add("routing_key must be " + ROUTING_KEY_LENGTH + " characters, got " + key.length());
        }
        return errors.size() == before ? key : null;
    }

    private static Action action(JsonNode root, List<String> errors) {
        String value = InboundJson.requiredString(root, "event_action", "event_action", errors);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "trigger" -> Action.TRIGGER;
            case "acknowledge" -> Action.ACKNOWLEDGE;
            case "resolve" -> Action.RESOLVE;
            default -> {
                errors.add("event_action must be one of trigger, acknowledge, resolve, got \"" + clip(value, 40) + "\"");
                yield null;
            }
        };
    }

    private static String summary(JsonNode payload, List<String> errors) {
        String summary = InboundJson.requiredString(payload, "summary", "payload.summary", errors);
        InboundJson.maxLength(summary, MAX_SUMMARY, "payload.summary", errors);
        return summary;
    }

    /** {@code links: [{href, text}]}: href required, an http(s) URL. */
    private static void links(JsonNode root, List<Link> links, List<String> errors) {
        JsonNode array = InboundJson.optionalArray(root, "links", "links", errors);
        if (array == null) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            String path = "links[" + i + "]";
            JsonNode item = array.get(i);
            if (!item.isObject()) {
                errors.add(path + " must be a JSON object, got " + InboundJson.type(item));
                continue;
            }
            String href = InboundJson.requiredString(item, "href", path + ".href", errors);
            String text = InboundJson.optionalString(item, "text", path + ".text", errors);
            if (href != null) {
                Link link = InboundJson.link(href, text, path + ".href", errors);
                if (link != null) {
                    links.add(link);
                }
            }
        }
    }

    /**
     * {@code images: [{src, href, alt}]}: src required. An alert keeps them as links (to the image's
     * {@code href}, else its {@code src}), so nothing a sender attached is lost.
     */
    private static void images(JsonNode root, List<Link> links, List<String> errors) {
        JsonNode array = InboundJson.optionalArray(root, "images", "images", errors);
        if (array == null) {
            return;
        }
        for (int i = 0; i < array.size(); i++) {
            String path = "images[" + i + "]";
            JsonNode item = array.get(i);
            if (!item.isObject()) {
                errors.add(path + " must be a JSON object, got " + InboundJson.type(item));
                continue;
            }
            String src = InboundJson.requiredString(item, "src", path + ".src", errors);
            String href = InboundJson.optionalString(item, "href", path + ".href", errors);
            String alt = InboundJson.optionalString(item, "alt", path + ".alt", errors);
            if (src != null && !InboundJson.webUrl(src)) {
                errors.add(path + ".src must be an http or https URL, got \"" + clip(src, 80) + "\"");
                continue;
            }
            String target = href == null || href.isBlank() ? src : href;
            if (src != null) {
                Link link = InboundJson.link(target, alt == null || alt.isBlank() ? "image" : alt,
                        target == src ? path + ".src" : path + ".href", errors);
                if (link != null) {
                    links.add(link);
                }
            }
        }
    }
}
