package io.bugmaster.alerting;

import io.bugmaster.common.PureLogic;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** What alert rules and their messages read of an event's payload: its tags and its attributes by name. */
@PureLogic
final class EventFacts {
    private EventFacts() {}

    /** The event's tags, from either form SDKs send ({@code [[k, v], ...]}, {@code [{key, value}]} or an object). */
    static Map<String, String> tags(JsonNode event) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode node = event.path("tags");
        if (node.isArray()) {
            for (JsonNode pair : node) {
                if (pair.isArray() && pair.size() == 2 && pair.get(0).isString()) {
                    tags.put(pair.get(0).asString(), pair.get(1).isNull() ? null : pair.get(1).asString());
                } else if (pair.isObject() && pair.path("key").isString()) {
                    tags.put(pair.path("key").asString(), pair.path("value").asString());
                }
            }
        } else if (node.isObject()) {
            node.properties().forEach(e -> tags.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
        }
        return tags;
    }

    /**
     * The attributes the event-attribute filter names (message, platform, type, value, http.url,
     * user.email, ...); {@code environment}, {@code release} and the issue's own facts come from the
     * caller, who knows better than the payload.
     */
    static Map<String, String> attributes(JsonNode event, String environment, String release, String title, String culprit,
            String level) {
        Map<String, String> a = new HashMap<>();
        String message = text(event.path("logentry"), "formatted");
        if (message == null) {
            message = event.path("message").isString() ? event.path("message").asString() : text(event.path("message"), "formatted");
        }
        a.put("message", message);
        a.put("platform", text(event, "platform"));
        a.put("environment", environment);
        a.put("title", title);
        a.put("culprit", culprit);
        a.put("level", level);
        a.put("release", release);
        JsonNode values = event.path("exception").path("values");
        if (values.isArray() && !values.isEmpty()) {
            JsonNode last = values.get(values.size() - 1);
            a.put("type", text(last, "type"));
            a.put("value", text(last, "value"));
        }
        a.put("http.url", text(event.path("request"), "url"));
        a.put("http.method", text(event.path("request"), "method"));
        a.put("user.id", text(event.path("user"), "id"));
        a.put("user.email", text(event.path("user"), "email"));
        a.put("user.username", text(event.path("user"), "username"));
        a.put("sdk.name", text(event.path("sdk"), "name"));
        a.values().removeIf(Objects::isNull);
        return a;
    }

    /** What Bugmaster knows of an event under the names of the default tags, for events that do not tag them. */
    static Map<String, String> knownTags(JsonNode event, String environment, String release, String level) {
        Map<String, String> known = new HashMap<>();
        known.put("environment", environment);
        known.put("release", release);
        known.put("level", level);
        known.put("url", text(event.path("request"), "url"));
        JsonNode contexts = event.path("contexts");
        known.put("browser", AlertTags.nameAndVersion(text(contexts.path("browser"), "name"), text(contexts.path("browser"), "version")));
        known.put("os", AlertTags.nameAndVersion(text(contexts.path("os"), "name"), text(contexts.path("os"), "version")));
        known.values().removeIf(Objects::isNull);
        return known;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.path(field);
        return v == null || !v.isValueNode() || v.isNull() ? null : v.asString();
    }
}
