package io.bugmaster.e2e;

import io.bugmaster.events.EventPayloads;
import io.bugmaster.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events and issues the server stored for one project, read from the {@code events} and
 * {@code issues} tables (V2 migration). The issues API is not used yet: it is not on main.
 */
final class StoredEvents {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient db;
    private final long projectId;

    StoredEvents(JdbcClient db, long projectId) {
        this.db = db;
        this.projectId = projectId;
    }

    record Issue(long id, String type, String title, String culprit, String level, long timesSeen, String firstRelease) {}

    record Event(String eventId, Long issueId, String type, String level, String release, String environment, String title,
            JsonNode payload) {}

    List<Issue> issues() {
        return db.sql("SELECT id, type, title, culprit, level, times_seen, first_release FROM issues WHERE project_id = ? ORDER BY id")
                .param(projectId)
                .query((rs, i) -> new Issue(rs.getLong("id"), rs.getString("type"), rs.getString("title"), rs.getString("culprit"),
                        rs.getString("level"), rs.getLong("times_seen"), rs.getString("first_release")))
                .list();
    }

    List<Event> events() {
        return db.sql("SELECT event_id, issue_id, type, level, release, environment, title, payload FROM events WHERE project_id = ? ORDER BY id")
                .param(projectId)
                .query((rs, i) -> {
                    long issue = rs.getLong("issue_id");
                    Long issueId = rs.wasNull() ? null : issue;
                    return new Event(rs.getString("event_id"), issueId, rs.getString("type"), rs.getString("level"),
                            rs.getString("release"), rs.getString("environment"), rs.getString("title"),
                            JSON.readTree(EventPayloads.decompress(rs.getBytes("payload"))));
                })
                .list();
    }

    /** Waits (up to 10 s) until at least {@code count} events are stored, and returns them by event id. */
    Map<String, Event> awaitEvents(int count) {
        List<Event> events = Poll.until(Duration.ofSeconds(30), count + " stored events of project " + projectId, this::events,
                list -> list.size() >= count);
        Map<String, Event> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.put(normalizeId(e.eventId()), e));
        return byId;
    }

    static String normalizeId(String eventId) {
        return eventId.replace("-", "").toLowerCase(Locale.ROOT);
    }

    // --- tolerant readers of the stored event JSON: the protocol allows two shapes for several fields ---

    /** Tags as a map, whether stored as an object or as a list of pairs. */
    static Map<String, String> tags(JsonNode event) {
        return pairs(event.path("tags"));
    }

    /** Name-value pairs stored as an object, a list of pairs or a list of {key, value}. */
    static Map<String, String> pairs(JsonNode tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags.isObject()) {
            tags.properties().forEach(e -> map.put(e.getKey(), e.getValue().asString()));
        } else if (tags.isArray()) {
            for (JsonNode pair : tags) {
                if (pair.isArray() && pair.size() == 2) {
                    map.put(pair.get(0).asString(), pair.get(1).asString());
                } else if (pair.isObject()) {
                    map.put(pair.path("key").asString(), pair.path("value").asString());
                }
            }
        }
        return map;
    }

    /** Values of a field that may be a list or an object with {@code values}. */
    static List<JsonNode> values(JsonNode node) {
        JsonNode list = node.isArray() ? node : node.path("values");
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    static List<JsonNode> exceptions(JsonNode event) {
        return values(event.path("exception"));
    }

    static List<String> exceptionTypes(JsonNode event) {
        return exceptions(event).stream().map(e -> e.path("type").asString()).toList();
    }

    static List<JsonNode> breadcrumbs(JsonNode event) {
        return values(event.path("breadcrumbs"));
    }

    static List<String> breadcrumbMessages(JsonNode event) {
        return breadcrumbs(event).stream().map(b -> b.path("message").asString()).collect(Collectors.toList());
    }

    static List<JsonNode> frames(JsonNode exception) {
        return values(exception.path("stacktrace").path("frames"));
    }

    static List<String> functions(JsonNode exception) {
        return frames(exception).stream().map(f -> f.path("function").asString()).toList();
    }

    /** The message text, whether sent as {@code message} (string or object) or {@code logentry}. */
    static String message(JsonNode event) {
        for (JsonNode candidate : List.of(event.path("logentry"), event.path("message"))) {
            if (candidate.isString()) {
                return candidate.asString();
            }
            if (candidate.isObject()) {
                String formatted = candidate.path("formatted").asString("");
                return formatted.isEmpty() ? candidate.path("message").asString() : formatted;
            }
        }
        return null;
    }
}
