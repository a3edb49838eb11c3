package io.bugmaster.issues.ownership;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What ownership rules look at in an event: its in-app frames (filename, abs_path, module), its
 * request URL and its tags. Reads both the stored (SDK) shape ({@code exception.values[].stacktrace},
 * {@code threads}, {@code in_app}, {@code request.url}, tags as an object or pairs) and the API shape
 * ({@code entries} of type exception/threads/stacktrace/request, {@code inApp}, tags as key/value
 * objects). Event data is attacker-controlled: unknown shapes are skipped, never trusted.
 */
@PureLogic
public record EventOwnershipFacts(List<Frame> inAppFrames, String url, Map<String, List<String>> tags) {

    public record Frame(String filename, String absPath, String module) {}

    public EventOwnershipFacts {
        inAppFrames = List.copyOf(inAppFrames);
        tags = Map.copyOf(tags);
    }

    public List<String> tagValues(String key) {
        return tags.getOrDefault(key, List.of());
    }

    public static EventOwnershipFacts of(JsonNode event) {
        List<Frame> frames = new ArrayList<>();
        Map<String, List<String>> tags = new LinkedHashMap<>();
        String url = null;
        if (event == null || !event.isObject()) {
            return new EventOwnershipFacts(frames, null, tags);
        }
        // SDK / stored shape
        for (JsonNode exception : values(event.get("exception"))) {
            addFrames(frames, exception.get("stacktrace"));
        }
        for (JsonNode thread : values(event.get("threads"))) {
            addFrames(frames, thread.get("stacktrace"));
        }
        addFrames(frames, event.get("stacktrace"));
        JsonNode request = event.get("request");
        if (request != null && request.isObject()) {
            url = text(request.get("url"));
        }
        // API shape
        JsonNode entries = event.get("entries");
        if (entries != null && entries.isArray()) {
            for (JsonNode entry : entries) {
                String type = text(entry.get("type"));
                JsonNode data = entry.get("data");
                if (type == null || data == null || !data.isObject()) {
                    continue;
                }
                switch (type) {
                    case "exception", "threads" -> values(data).forEach(v -> addFrames(frames, v.get("stacktrace")));
                    case "stacktrace" -> addFrames(frames, data);
                    case "request" -> url = url != null ? url : text(data.get("url"));
                    default -> { }
                }
            }
        }
        JsonNode rawTags = event.get("tags");
        if (rawTags != null && rawTags.isObject()) {
            for (Map.Entry<String, JsonNode> tag : rawTags.properties()) {
                addTag(tags, tag.getKey(), text(tag.getValue()));
            }
        } else if (rawTags != null && rawTags.isArray()) {
            for (JsonNode pair : rawTags) {
                if (pair.isArray() && pair.size() == 2) {
                    addTag(tags, text(pair.get(0)), text(pair.get(1)));
                } else if (pair.isObject()) {
                    addTag(tags, text(pair.get("key")), text(pair.get("value")));
                }
            }
        }
        return new EventOwnershipFacts(frames, url, tags);
    }

    private static void addFrames(List<Frame> out, JsonNode stacktrace) {
        if (stacktrace == null || !stacktrace.isObject()) {
            return;
        }
        JsonNode frames = stacktrace.get("frames");
        if (frames == null || !frames.isArray()) {
            return;
        }
        for (JsonNode frame : frames) {
            if (!frame.isObject()) {
                continue;
            }
            JsonNode inApp = frame.has("in_app") ? frame.get("in_app") : frame.get("inApp");
            if (inApp == null || !inApp.isBoolean() || !inApp.booleanValue()) {
                continue;
            }
            String absPath = text(frame.has("abs_path") ? frame.get("abs_path") : frame.get("absPath"));
            out.add(new Frame(text(frame.get("filename")), absPath, text(frame.get("module"))));
        }
    }

    private static void addTag(Map<String, List<String>> tags, String key, String value) {
        if (key != null && value != null) {
            tags.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }

    /** A list given as an array or as {@code {"values": [...]}}. */
    private static List<JsonNode> values(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        JsonNode list = node.isArray() ? node : node.get("values");
        if (list != null && list.isArray()) {
            list.forEach(v -> {
                if (v.isObject()) {
                    out.add(v);
                }
            });
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node != null && node.isValueNode() && !node.isNull() ? node.asString() : null;
    }
}
