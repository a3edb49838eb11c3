package io.bugmaster.events;

import io.bugmaster.common.PureLogic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds Sentry's event JSON (the API's shape: camelCase, {@code entries} of typed interfaces)
 * from a stored event and its normalized payload. The payload is attacker-controlled: only known
 * fields of known types are copied, anything else is skipped rather than trusted.
 */
@PureLogic
public final class EventDocument {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private EventDocument() {}

    /** Where the event sits: its issue (null for transactions), the events before and after it in that issue. */
    public record Context(Long issueId, String previousEventId, String nextEventId) {}

    public static JsonNode payload(StoredEvent event) {
        byte[] json = EventPayloads.decompress(event.payload());
        try {
            JsonNode node = JSON.readTree(new String(json, StandardCharsets.UTF_8));
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    /** The full event, as {@code GET .../events/{id}/} returns it. */
    public static ObjectNode full(StoredEvent event, JsonNode payload, Context context) {
        ObjectNode out = summary(event, payload, context.issueId());
        out.set("entries", entries(payload));
        out.set("contexts", objectOrEmpty(payload.get("contexts")));
        out.set("sdk", objectOrNull(payload.get("sdk")));
        out.set("fingerprints", strings(payload.get("fingerprint")));
        out.set("errors", JSON.createArrayNode());
        out.set("packages", objectOrEmpty(payload.get("modules")));
        out.set("context", objectOrEmpty(payload.get("extra")));
        out.put("dist", text(payload.get("dist")));
        out.put("size", event.payload().length);
        out.put("nextEventID", context.nextEventId());
        out.put("previousEventID", context.previousEventId());
        return out;
    }

    /** The event as lists show it: no entries. */
    public static ObjectNode summary(StoredEvent event, JsonNode payload, Long issueId) {
        ObjectNode out = JSON.createObjectNode();
        out.put("id", event.eventId());
        out.put("eventID", event.eventId());
        out.put("groupID", issueId == null ? null : String.valueOf(issueId));
        out.put("projectID", String.valueOf(event.projectId()));
        out.put("dateCreated", event.occurredAt().toString());
        out.put("dateReceived", event.receivedAt().toString());
        out.put("type", event.type());
        out.put("event.type", event.type());
        out.put("platform", text(payload.get("platform")));
        out.put("title", event.title() == null ? "<untitled>" : event.title());
        out.put("message", message(payload));
        out.put("culprit", culprit(payload));
        out.put("location", text(payload.get("transaction")));
        out.put("logger", text(payload.get("logger")));
        out.set("metadata", metadata(payload));
        out.set("tags", tags(event, payload));
        out.set("user", user(payload.get("user")));
        out.put("environment", event.environment());
        if (event.release() == null) {
            out.putNull("release");
        } else {
            ObjectNode release = out.putObject("release");
            release.put("version", event.release());
            release.put("shortVersion", shortVersion(event.release()));
        }
        return out;
    }

    static String shortVersion(String version) {
        int at = version.indexOf('@');
        String rest = at >= 0 && at < version.length() - 1 ? version.substring(at + 1) : version;
        return rest.matches("[0-9a-f]{40}") ? rest.substring(0, 12) : rest;
    }

    /** The grouping explanation the ingest stored under {@code _grouping}, or null. */
    public static JsonNode grouping(JsonNode payload) {
        JsonNode g = payload.get("_grouping");
        return g == null || g.isNull() ? null : g;
    }

    private static String message(JsonNode payload) {
        JsonNode logentry = payload.get("logentry");
        if (logentry != null && logentry.isObject()) {
            String formatted = text(logentry.get("formatted"));
            return formatted != null ? formatted : text(logentry.get("message"));
        }
        JsonNode message = payload.get("message");
        if (message != null && message.isString()) {
            return message.stringValue();
        }
        if (message != null && message.isObject()) {
            String formatted = text(message.get("formatted"));
            return formatted != null ? formatted : text(message.get("message"));
        }
        return "";
    }

    private static String culprit(JsonNode payload) {
        String culprit = text(payload.get("culprit"));
        return culprit != null ? culprit : text(payload.get("transaction"));
    }

    private static JsonNode metadata(JsonNode payload) {
        JsonNode stored = payload.get("metadata");
        if (stored != null && stored.isObject()) {
            return stored;
        }
        ObjectNode metadata = JSON.createObjectNode();
        JsonNode last = lastException(payload);
        if (last != null) {
            metadata.put("type", text(last.get("type")));
            metadata.put("value", text(last.get("value")));
        } else {
            metadata.put("title", message(payload));
        }
        return metadata;
    }

    private static JsonNode lastException(JsonNode payload) {
        JsonNode values = values(payload.get("exception"));
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static ArrayNode tags(StoredEvent event, JsonNode payload) {
        Set<String> seen = new LinkedHashSet<>();
        ArrayNode out = JSON.createArrayNode();
        JsonNode tags = payload.get("tags");
        if (tags != null && tags.isObject()) {
            for (Map.Entry<String, JsonNode> tag : tags.properties()) {
                addTag(out, seen, tag.getKey(), text(tag.getValue()));
            }
        } else if (tags != null && tags.isArray()) {
            for (JsonNode pair : tags) {
                if (pair.isArray() && pair.size() == 2) {
                    addTag(out, seen, text(pair.get(0)), text(pair.get(1)));
                } else if (pair.isObject()) {
                    addTag(out, seen, text(pair.get("key")), text(pair.get("value")));
                }
            }
        }
        addTag(out, seen, "level", event.level());
        addTag(out, seen, "environment", event.environment());
        addTag(out, seen, "release", event.release());
        return out;
    }

    private static void addTag(ArrayNode out, Set<String> seen, String key, String value) {
        if (key != null && value != null && seen.add(key)) {
            ObjectNode tag = out.addObject();
            tag.put("key", key);
            tag.put("value", value);
        }
    }

    private static JsonNode user(JsonNode user) {
        if (user == null || !user.isObject()) {
            return JSON.nullNode();
        }
        ObjectNode out = JSON.createObjectNode();
        for (String field : new String[] {"id", "email", "username", "ip_address", "name"}) {
            out.put(field, text(user.get(field)));
        }
        out.set("data", objectOrNull(user.get("data")));
        return out;
    }

    private static ArrayNode entries(JsonNode payload) {
        ArrayNode entries = JSON.createArrayNode();
        ArrayNode exceptions = values(payload.get("exception"));
        if (!exceptions.isEmpty()) {
            ObjectNode data = entry(entries, "exception");
            ArrayNode values = data.putArray("values");
            boolean systemFrames = false;
            for (JsonNode exception : exceptions) {
                ObjectNode value = values.addObject();
                value.put("type", text(exception.get("type")));
                value.put("value", text(exception.get("value")));
                value.put("module", text(exception.get("module")));
                value.set("mechanism", objectOrNull(exception.get("mechanism")));
                value.put("threadId", text(exception.get("thread_id")));
                JsonNode stacktrace = exception.get("stacktrace");
                if (stacktrace != null && stacktrace.isObject()) {
                    ObjectNode st = value.putObject("stacktrace");
                    ArrayNode frames = st.putArray("frames");
                    JsonNode rawFrames = stacktrace.get("frames");
                    if (rawFrames != null && rawFrames.isArray()) {
                        for (JsonNode frame : rawFrames) {
                            if (frame.isObject()) {
                                frames.add(frame(frame));
                                systemFrames |= !frame.path("in_app").asBoolean(false);
                            }
                        }
                    }
                    st.put("framesOmitted", (String) null);
                    st.put("hasSystemFrames", systemFrames);
                } else {
                    value.putNull("stacktrace");
                }
                value.putNull("rawStacktrace");
            }
            data.put("hasSystemFrames", systemFrames);
            data.putNull("excOmitted");
        }
        String message = message(payload);
        if (message != null && !message.isEmpty()) {
            ObjectNode data = entry(entries, "message");
            data.put("formatted", message);
            JsonNode logentry = payload.has("logentry") ? payload.get("logentry") : payload.get("message");
            if (logentry != null && logentry.isObject()) {
                data.put("message", text(logentry.get("message")));
                JsonNode params = logentry.get("params");
                if (params != null && (params.isArray() || params.isObject())) {
                    data.set("params", params);
                }
            }
        }
        ArrayNode crumbs = values(payload.get("breadcrumbs"));
        if (!crumbs.isEmpty()) {
            ArrayNode values = entry(entries, "breadcrumbs").putArray("values");
            for (JsonNode crumb : crumbs) {
                if (!crumb.isObject()) {
                    continue;
                }
                ObjectNode c = values.addObject();
                JsonNode ts = crumb.get("timestamp");
                c.put("timestamp", ts != null && ts.isNumber() ? Instant.ofEpochMilli((long) (ts.doubleValue() * 1000)).toString()
                        : text(ts));
                c.put("type", crumb.has("type") ? text(crumb.get("type")) : "default");
                c.put("category", text(crumb.get("category")));
                c.put("level", crumb.has("level") ? text(crumb.get("level")) : "info");
                c.put("message", text(crumb.get("message")));
                c.set("data", objectOrNull(crumb.get("data")));
                c.putNull("event_id");
            }
        }
        JsonNode request = payload.get("request");
        if (request != null && request.isObject()) {
            ObjectNode data = entry(entries, "request");
            data.put("url", text(request.get("url")));
            data.put("method", text(request.get("method")));
            data.set("query", pairs(request.get("query_string")));
            data.put("fragment", text(request.get("fragment")));
            JsonNode body = request.get("data");
            data.set("data", body == null ? JSON.nullNode() : body);
            data.set("headers", pairs(request.get("headers")));
            data.set("cookies", pairs(request.get("cookies")));
            data.set("env", objectOrNull(request.get("env")));
            data.put("inferredContentType", (String) null);
        }
        return entries;
    }

    private static ObjectNode entry(ArrayNode entries, String type) {
        ObjectNode entry = entries.addObject();
        entry.put("type", type);
        return entry.putObject("data");
    }

    private static ObjectNode frame(JsonNode frame) {
        ObjectNode out = JSON.createObjectNode();
        out.put("filename", text(frame.get("filename")));
        out.put("absPath", text(frame.get("abs_path")));
        out.put("module", text(frame.get("module")));
        out.put("package", text(frame.get("package")));
        out.put("platform", text(frame.get("platform")));
        out.put("function", text(frame.get("function")));
        out.put("rawFunction", text(frame.get("raw_function")));
        out.set("lineNo", number(frame.get("lineno")));
        out.set("colNo", number(frame.get("colno")));
        out.put("inApp", frame.path("in_app").asBoolean(false));
        ArrayNode context = out.putArray("context");
        JsonNode line = frame.get("lineno");
        if (line != null && line.isIntegralNumber() && frame.has("context_line")) {
            long lineNo = line.longValue();
            ArrayNode pre = values(frame.get("pre_context"));
            for (int i = 0; i < pre.size(); i++) {
                context.addArray().add(lineNo - pre.size() + i).add(text(pre.get(i)));
            }
            context.addArray().add(lineNo).add(text(frame.get("context_line")));
            ArrayNode post = values(frame.get("post_context"));
            for (int i = 0; i < post.size(); i++) {
                context.addArray().add(lineNo + 1 + i).add(text(post.get(i)));
            }
        }
        out.set("vars", objectOrNull(frame.get("vars")));
        return out;
    }

    /** A list given either as a JSON array or as {@code {"values": [...]}}. */
    private static ArrayNode values(JsonNode node) {
        if (node == null) {
            return JSON.createArrayNode();
        }
        if (node.isArray()) {
            return (ArrayNode) node;
        }
        JsonNode values = node.get("values");
        return values != null && values.isArray() ? (ArrayNode) values : JSON.createArrayNode();
    }

    /** Headers, cookies, query: an object or a list of pairs becomes a list of [name, value] pairs. */
    private static JsonNode pairs(JsonNode node) {
        if (node == null || node.isNull()) {
            return JSON.createArrayNode();
        }
        ArrayNode out = JSON.createArrayNode();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.addArray().add(field.getKey()).add(text(field.getValue()));
            }
        } else if (node.isArray()) {
            for (JsonNode pair : node) {
                if (pair.isArray() && pair.size() == 2) {
                    out.addArray().add(text(pair.get(0))).add(text(pair.get(1)));
                }
            }
        } else if (node.isString()) {
            for (String part : node.stringValue().split("&")) {
                if (!part.isEmpty()) {
                    int eq = part.indexOf('=');
                    out.addArray().add(eq < 0 ? part : part.substring(0, eq)).add(eq < 0 ? "" : part.substring(eq + 1));
                }
            }
        }
        return out;
    }

    private static JsonNode objectOrNull(JsonNode node) {
        return node != null && node.isObject() ? node : JSON.nullNode();
    }

    private static JsonNode objectOrEmpty(JsonNode node) {
        return node != null && node.isObject() ? node : JSON.createObjectNode();
    }

    private static JsonNode number(JsonNode node) {
        return node != null && node.isNumber() ? node : JSON.nullNode();
    }

    private static ArrayNode strings(JsonNode node) {
        ArrayNode out = JSON.createArrayNode();
        if (node != null && node.isArray()) {
            for (Iterator<JsonNode> it = node.iterator(); it.hasNext(); ) {
                String s = text(it.next());
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainer()) {
            return null;
        }
        return node.isString() ? node.stringValue() : node.asString();
    }
}
