package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an SDK's event JSON into a {@link NormalizedEvent}: the shapes Sentry allows are made one
 * shape, values are validated and cut to Sentry-like limits, the timestamp is corrected, and the
 * data scrubber runs over the result. Never fails on odd input: invalid parts are dropped.
 *
 * <p>Shapes unified: {@code message} (string or object) and {@code logentry} become
 * {@code logentry {formatted, message, params}}; tags (object or pairs) become ordered pairs;
 * {@code exception}, {@code threads} and {@code breadcrumbs} (list or {@code {values}}) become
 * {@code {values: [...]}}; request headers, cookies and query string (string, object or pairs)
 * become pairs.
 *
 * <p>Limits: message 8192 characters; strings in extra, contexts, request data, breadcrumb data,
 * frame vars and user data 512; containers nested deeper than 5 levels inside such data are
 * replaced by a cut string of their JSON, and more than 100 entries per container are dropped;
 * 50 frames per stacktrace (the first 25 and the last 25, recorded in {@code frames_omitted});
 * the last 100 breadcrumbs; tag keys and values 200 characters; release and dist 250.
 *
 * <p>Time: the event's {@code timestamp} (now if missing), shifted by the SDK's clock error when
 * the envelope's {@code sent_at} differs from the receive time by more than a minute, then
 * clamped to the receive time when more than a minute in the future or more than 30 days old.
 */
@PureLogic
public final class EventNormalizer {
    public static final int MAX_MESSAGE = 8192;
    public static final int MAX_DATA_STRING = 512;
    public static final int MAX_DATA_DEPTH = 5;
    public static final int MAX_DATA_ENTRIES = 100;
    public static final int MAX_FRAMES = 50;
    public static final int MAX_BREADCRUMBS = 100;
    public static final int MAX_TAG_KEY = 200;
    public static final int MAX_TAG_VALUE = 200;
    public static final int MAX_RELEASE = 250;
    public static final int MAX_TAGS = 200;
    static final Duration DRIFT_TOLERANCE = Duration.ofMinutes(1);
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(1);
    static final Duration MAX_AGE = Duration.ofDays(30);

    private static final int MAX_SHORT = 256;
    private static final int MAX_PATH = 1024;
    private static final int MAX_EXCEPTIONS = 50;
    private static final int MAX_THREADS = 100;
    private static final int MAX_CONTEXT_LINES = 10;
    private static final int MAX_FINGERPRINT = 32;
    private static final int MAX_TOP_LEVEL_EXTRA_FIELDS = 50;

    private static final Set<String> LEVELS = Set.of("fatal", "error", "warning", "info", "debug");
    private static final Set<String> PLATFORMS = Set.of(
            "as3", "c", "cfml", "cocoa", "csharp", "dart", "dotnet", "elixir", "erlang", "flutter", "go", "groovy",
            "haskell", "java", "javascript", "kotlin", "native", "node", "objc", "other", "perl", "php", "python",
            "react-native", "ruby", "rust", "scala", "swift", "unity", "unreal", "xbox", "playstation", "nintendo-switch");
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9_.:\\-]+");

    /** Fields this normalizer writes itself; any other top-level field is copied as bounded data. */
    private static final Set<String> HANDLED = Set.of(
            "event_id", "timestamp", "received", "platform", "level", "logger", "transaction", "server_name", "release",
            "dist", "environment", "tags", "fingerprint", "message", "logentry", "exception", "threads", "breadcrumbs",
            "user", "request", "contexts", "sdk", "extra", "modules", "type", "culprit", "start_timestamp");

    private EventNormalizer() {}

    /**
     * Normalizes and scrubs one event.
     *
     * @param event     the item's JSON; anything but an object is treated as an empty event
     * @param itemType  {@code event}, {@code transaction} or {@code feedback}
     * @param header    the envelope header (its event id wins over the event's, {@code sent_at}, sdk fallback)
     * @param received  when the server received the request (the caller's clock)
     * @param clientIp  the client's address, used for {@code user.ip_address = "{{auto}}"}; may be null
     * @param scrubbing the project's scrubbing settings
     */
    public static NormalizedEvent normalize(JsonNode event, String itemType, EnvelopeHeader header, Instant received,
                                            String clientIp, ScrubbingSettings scrubbing) {
        JsonNode in = event != null && event.isObject() ? event : IngestJson.NODES.objectNode();
        ObjectNode out = IngestJson.NODES.objectNode();

        // The envelope header's id wins, as in Sentry's Relay: it is the id the SDK recorded and the id answered.
        String eventId = header == null ? null : header.eventId();
        if (eventId == null) {
            eventId = EventIds.normalize(IngestJson.string(in.get("event_id")));
        }
        if (eventId == null) {
            eventId = EventIds.random();
        }
        out.put("event_id", eventId);
        out.put("type", itemType);

        Instant timestamp = timestamp(Timestamps.parse(in.get("timestamp")), header == null ? null : header.sentAt(), received);
        out.put("timestamp", timestamp.toString());
        out.put("received", received.toString());
        Instant start = Timestamps.parse(in.get("start_timestamp"));
        if (start != null) {
            out.put("start_timestamp", start.toString());
        }

        String platform = IngestJson.nonBlank(in.get("platform"));
        platform = platform != null && PLATFORMS.contains(platform.toLowerCase(Locale.ROOT)) ? platform.toLowerCase(Locale.ROOT) : "other";
        out.put("platform", platform);
        String level = level(in.get("level"), "error");
        out.put("level", level);
        putShort(out, "logger", in.get("logger"), 64);
        putShort(out, "transaction", in.get("transaction"), 200);
        putShort(out, "server_name", in.get("server_name"), MAX_SHORT);
        putShort(out, "culprit", in.get("culprit"), 200);
        String release = releaseLike(in.get("release"));
        if (release != null) {
            out.put("release", release);
        }
        String dist = releaseLike(in.get("dist"));
        if (dist != null) {
            out.put("dist", dist);
        }
        String environment = environment(in.get("environment"));
        out.put("environment", environment);

        List<NormalizedEvent.Tag> tags = tags(in.get("tags"));
        ArrayNode tagArray = out.putArray("tags");
        for (NormalizedEvent.Tag tag : tags) {
            tagArray.addArray().add(tag.key()).add(tag.value());
        }
        List<String> fingerprint = fingerprint(in.get("fingerprint"));
        if (fingerprint != null) {
            ArrayNode array = out.putArray("fingerprint");
            fingerprint.forEach(array::add);
        }
        ObjectNode logentry = logentry(in.get("logentry"), in.get("message"));
        if (logentry != null) {
            out.set("logentry", logentry);
        }
        ArrayNode exceptions = exceptions(in.get("exception"));
        if (!exceptions.isEmpty()) {
            out.putObject("exception").set("values", exceptions);
        }
        ArrayNode threads = threads(in.get("threads"));
        if (!threads.isEmpty()) {
            out.putObject("threads").set("values", threads);
        }
        ArrayNode breadcrumbs = breadcrumbs(in.get("breadcrumbs"));
        if (!breadcrumbs.isEmpty()) {
            out.putObject("breadcrumbs").set("values", breadcrumbs);
        }
        ObjectNode user = user(in.get("user"), clientIp);
        if (user != null) {
            out.set("user", user);
        }
        ObjectNode request = request(in.get("request"));
        if (request != null) {
            out.set("request", request);
        }
        ObjectNode contexts = contexts(in.get("contexts"));
        if (contexts != null) {
            out.set("contexts", contexts);
        }
        ObjectNode sdk = sdk(in.get("sdk"), header);
        if (sdk != null) {
            out.set("sdk", sdk);
        }
        JsonNode extra = in.get("extra");
        if (extra != null && extra.isObject()) {
            out.set("extra", data(extra, 0));
        }
        ObjectNode modules = modules(in.get("modules"));
        if (modules != null) {
            out.set("modules", modules);
        }
        int copied = 0;
        for (Map.Entry<String, JsonNode> entry : in.properties()) {
            if (HANDLED.contains(entry.getKey()) || entry.getValue().isNull() || copied >= MAX_TOP_LEVEL_EXTRA_FIELDS) {
                continue;
            }
            out.set(IngestJson.truncate(entry.getKey(), MAX_SHORT), data(entry.getValue(), 0));
            copied++;
        }

        new DataScrubber(scrubbing).scrub(out);
        return typed(out, eventId, timestamp, received, itemType, platform, level, release, dist, environment, tags,
                fingerprint);
    }

    // ---- time

    static Instant timestamp(Instant sent, Instant sentAt, Instant received) {
        Instant timestamp = sent == null ? received : sent;
        if (sent != null && sentAt != null) {
            Duration drift = Duration.between(sentAt, received);
            if (drift.abs().compareTo(DRIFT_TOLERANCE) > 0) {
                timestamp = timestamp.plus(drift);
            }
        }
        if (timestamp.isAfter(received.plus(FUTURE_TOLERANCE)) || timestamp.isBefore(received.minus(MAX_AGE))) {
            timestamp = received;
        }
        return timestamp;
    }

    // ---- scalars

    static String level(JsonNode node, String fallback) {
        String value = IngestJson.nonBlank(node);
        if (value == null) {
            return fallback;
        }
        value = value.toLowerCase(Locale.ROOT);
        return switch (value) {
            case "warn" -> "warning";
            case "critical" -> "fatal";
            case "log" -> "info";
            default -> LEVELS.contains(value) ? value : fallback;
        };
    }

    private static void putShort(ObjectNode out, String field, JsonNode node, int max) {
        String value = IngestJson.nonBlank(node);
        if (value != null) {
            out.put(field, IngestJson.truncate(value, max));
        }
    }

    /** Release or dist: trimmed, at most 250 characters, no line breaks or slashes, not a reserved name. */
    static String releaseLike(JsonNode node) {
        String value = IngestJson.nonBlank(node);
        if (value == null || value.length() > MAX_RELEASE || value.equals(".") || value.equals("..")
                || value.equalsIgnoreCase("latest")) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t' || c == '/' || c == '\\' || Character.isISOControl(c)) {
                return null;
            }
        }
        return value;
    }

    /** Trimmed, at most 64 characters, no slash or control characters; else {@code production}. */
    static String environment(JsonNode node) {
        String value = IngestJson.nonBlank(node);
        if (value == null || value.length() > 64 || value.indexOf('/') >= 0
                || value.chars().anyMatch(Character::isISOControl)) {
            return "production";
        }
        return value;
    }

    // ---- tags, fingerprint, message

    static List<NormalizedEvent.Tag> tags(JsonNode node) {
        List<NormalizedEvent.Tag> tags = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (node == null) {
            return tags;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                addTag(tags, seen, entry.getKey(), entry.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode pair : node) {
                if (pair.isArray() && pair.size() == 2) {
                    addTag(tags, seen, IngestJson.text(pair.get(0)), pair.get(1));
                } else if (pair.isObject() && pair.has("key")) {
                    addTag(tags, seen, IngestJson.text(pair.get("key")), pair.get("value"));
                }
            }
        }
        return tags;
    }

    private static void addTag(List<NormalizedEvent.Tag> tags, Set<String> seen, String rawKey, JsonNode rawValue) {
        if (rawKey == null || tags.size() >= MAX_TAGS) {
            return;
        }
        String key = rawKey.strip();
        String value = IngestJson.text(rawValue);
        if (value == null) {
            return;
        }
        value = value.strip();
        if (key.isEmpty() || key.length() > MAX_TAG_KEY || !TAG_KEY.matcher(key).matches()
                || value.isEmpty() || value.length() > MAX_TAG_VALUE || value.indexOf('\n') >= 0
                || value.chars().anyMatch(Character::isISOControl) || !seen.add(key)) {
            return;
        }
        tags.add(new NormalizedEvent.Tag(key, value));
    }

    static List<String> fingerprint(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : node) {
            String text = IngestJson.text(part);
            if (text != null && parts.size() < MAX_FINGERPRINT) {
                parts.add(IngestJson.truncate(text, MAX_PATH));
            }
        }
        return parts.isEmpty() ? null : List.copyOf(parts);
    }

    /** {@code logentry} wins; {@code message} fills what it lacks. */
    static ObjectNode logentry(JsonNode logentry, JsonNode message) {
        String formatted = null;
        String template = null;
        JsonNode params = null;
        for (JsonNode source : new JsonNode[] {logentry, message}) {
            if (source == null || source.isNull()) {
                continue;
            }
            if (source.isObject()) {
                if (formatted == null) {
                    formatted = IngestJson.text(source.get("formatted"));
                }
                if (template == null) {
                    template = IngestJson.text(source.get("message"));
                }
                if (params == null && source.get("params") != null && source.get("params").isContainer()) {
                    params = source.get("params");
                }
            } else if (source.isString() && formatted == null) {
                formatted = source.stringValue();
            }
        }
        if (formatted == null && template != null) {
            formatted = params != null ? format(template, params) : template;
        }
        if (formatted == null || formatted.isBlank()) {
            return null;
        }
        ObjectNode out = IngestJson.NODES.objectNode();
        out.put("formatted", IngestJson.truncate(formatted, MAX_MESSAGE));
        if (template != null && !template.equals(formatted)) {
            out.put("message", IngestJson.truncate(template, MAX_MESSAGE));
        }
        if (params != null) {
            out.set("params", data(params, 1));
        }
        return out;
    }

    /** Fills {@code %s} placeholders in order (list params) or {@code %(name)s} (object params). */
    private static String format(String template, JsonNode params) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < template.length() && out.length() < MAX_MESSAGE; i++) {
            char c = template.charAt(i);
            if (c == '%' && i + 1 < template.length()) {
                char n = template.charAt(i + 1);
                if (n == 's' && params.isArray()) {
                    JsonNode value = params.get(next++);
                    out.append(value == null ? "%s" : value.isString() ? value.stringValue() : value.toString());
                    i++;
                    continue;
                }
                if (n == '(' && params.isObject()) {
                    int close = template.indexOf(")s", i);
                    if (close > 0) {
                        JsonNode value = params.get(template.substring(i + 2, close));
                        if (value != null) {
                            out.append(value.isString() ? value.stringValue() : value.toString());
                            i = close + 1;
                            continue;
                        }
                    }
                }
                if (n == '%') {
                    out.append('%');
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    // ---- exceptions, threads, frames

    /** A list or {@code {values: [...]}}; anything else is none. */
    private static JsonNode values(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            return node;
        }
        if (node.isObject()) {
            JsonNode values = node.get("values");
            if (values != null && values.isArray()) {
                return values;
            }
            if (node.has("type") || node.has("value") || node.has("stacktrace")) {
                return IngestJson.NODES.arrayNode().add(node);
            }
        }
        return null;
    }

    private static ArrayNode exceptions(JsonNode node) {
        ArrayNode out = IngestJson.NODES.arrayNode();
        JsonNode values = values(node);
        if (values == null) {
            return out;
        }
        // Keep the newest (last) exceptions: the last one is the one that was raised.
        int skip = Math.max(0, values.size() - MAX_EXCEPTIONS);
        for (int i = skip; i < values.size(); i++) {
            JsonNode value = values.get(i);
            if (!value.isObject()) {
                continue;
            }
            ObjectNode exception = IngestJson.NODES.objectNode();
            putShort(exception, "type", value.get("type"), MAX_SHORT);
            String text = IngestJson.text(value.get("value"));
            if (text == null && value.get("value") != null && value.get("value").isContainer()) {
                text = value.get("value").toString();
            }
            if (text != null) {
                exception.put("value", IngestJson.truncate(text, MAX_MESSAGE));
            }
            putShort(exception, "module", value.get("module"), MAX_SHORT);
            JsonNode threadId = value.get("thread_id");
            if (threadId != null && (threadId.isNumber() || threadId.isString())) {
                exception.put("thread_id", IngestJson.truncate(IngestJson.text(threadId), 64));
            }
            JsonNode mechanism = value.get("mechanism");
            if (mechanism != null && mechanism.isObject()) {
                ObjectNode m = exception.putObject("mechanism");
                String type = IngestJson.nonBlank(mechanism.get("type"));
                m.put("type", type == null ? "generic" : IngestJson.truncate(type, MAX_SHORT));
                putBool(m, "handled", mechanism.get("handled"));
                putBool(m, "synthetic", mechanism.get("synthetic"));
                for (Map.Entry<String, JsonNode> entry : mechanism.properties()) {
                    String key = entry.getKey();
                    if (!key.equals("type") && !key.equals("handled") && !key.equals("synthetic") && m.size() < 20) {
                        m.set(IngestJson.truncate(key, MAX_SHORT), data(entry.getValue(), 1));
                    }
                }
            }
            ObjectNode stacktrace = stacktrace(value.get("stacktrace"));
            if (stacktrace != null) {
                exception.set("stacktrace", stacktrace);
            }
            ObjectNode raw = stacktrace(value.get("raw_stacktrace"));
            if (raw != null) {
                exception.set("raw_stacktrace", raw);
            }
            if (exception.size() > 0) {
                out.add(exception);
            }
        }
        return out;
    }

    private static ArrayNode threads(JsonNode node) {
        ArrayNode out = IngestJson.NODES.arrayNode();
        JsonNode values = values(node);
        if (values == null) {
            return out;
        }
        for (JsonNode value : values) {
            if (!value.isObject() || out.size() >= MAX_THREADS) {
                continue;
            }
            ObjectNode thread = out.addObject();
            JsonNode id = value.get("id");
            if (id != null && (id.isNumber() || id.isString())) {
                thread.put("id", IngestJson.truncate(IngestJson.text(id), 64));
            }
            putShort(thread, "name", value.get("name"), MAX_SHORT);
            putBool(thread, "crashed", value.get("crashed"));
            putBool(thread, "current", value.get("current"));
            putBool(thread, "main", value.get("main"));
            putShort(thread, "state", value.get("state"), 64);
            ObjectNode stacktrace = stacktrace(value.get("stacktrace"));
            if (stacktrace != null) {
                thread.set("stacktrace", stacktrace);
            }
        }
        return out;
    }

    private static ObjectNode stacktrace(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode frames = node.get("frames");
        if (frames == null || !frames.isArray()) {
            return null;
        }
        List<ObjectNode> all = new ArrayList<>();
        for (JsonNode frame : frames) {
            if (frame.isObject()) {
                all.add(frame(frame));
            }
        }
        ObjectNode out = IngestJson.NODES.objectNode();
        ArrayNode kept = out.putArray("frames");
        if (all.size() > MAX_FRAMES) {
            int head = MAX_FRAMES / 2;
            int tail = MAX_FRAMES - head;
            all.subList(0, head).forEach(kept::add);
            all.subList(all.size() - tail, all.size()).forEach(kept::add);
            out.putArray("frames_omitted").add(head).add(all.size() - tail);
        } else {
            all.forEach(kept::add);
        }
        JsonNode registers = node.get("registers");
        if (registers != null && registers.isObject()) {
            out.set("registers", data(registers, 1));
        }
        return out;
    }

    private static ObjectNode frame(JsonNode in) {
        ObjectNode frame = IngestJson.NODES.objectNode();
        putShort(frame, "filename", in.get("filename"), MAX_PATH);
        putShort(frame, "abs_path", in.get("abs_path"), MAX_PATH);
        putShort(frame, "module", in.get("module"), MAX_SHORT);
        putShort(frame, "package", in.get("package"), MAX_PATH);
        putShort(frame, "function", in.get("function"), MAX_SHORT);
        putShort(frame, "raw_function", in.get("raw_function"), MAX_SHORT);
        putShort(frame, "symbol", in.get("symbol"), MAX_SHORT);
        putShort(frame, "platform", in.get("platform"), 64);
        putShort(frame, "instruction_addr", in.get("instruction_addr"), 64);
        putShort(frame, "symbol_addr", in.get("symbol_addr"), 64);
        putShort(frame, "image_addr", in.get("image_addr"), 64);
        putInt(frame, "lineno", in.get("lineno"));
        putInt(frame, "colno", in.get("colno"));
        putBool(frame, "in_app", in.get("in_app"));
        putBool(frame, "native", in.get("native"));
        String contextLine = IngestJson.text(in.get("context_line"));
        if (contextLine != null) {
            frame.put("context_line", IngestJson.truncate(contextLine, MAX_DATA_STRING));
        }
        putLines(frame, "pre_context", in.get("pre_context"), true);
        putLines(frame, "post_context", in.get("post_context"), false);
        JsonNode vars = in.get("vars");
        if (vars != null && vars.isObject()) {
            frame.set("vars", data(vars, 1));
        }
        return frame;
    }

    private static void putLines(ObjectNode frame, String field, JsonNode node, boolean keepLast) {
        if (node == null || !node.isArray()) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode line : node) {
            String text = IngestJson.text(line);
            lines.add(text == null ? "" : IngestJson.truncate(text, MAX_DATA_STRING));
        }
        if (lines.size() > MAX_CONTEXT_LINES) {
            lines = keepLast ? lines.subList(lines.size() - MAX_CONTEXT_LINES, lines.size()) : lines.subList(0, MAX_CONTEXT_LINES);
        }
        ArrayNode array = frame.putArray(field);
        lines.forEach(array::add);
    }

    private static void putInt(ObjectNode out, String field, JsonNode node) {
        Long value = IngestJson.integer(node);
        if (value != null && value >= 0 && value <= Integer.MAX_VALUE) {
            out.put(field, value.intValue());
        }
    }

    private static void putBool(ObjectNode out, String field, JsonNode node) {
        Boolean value = IngestJson.bool(node);
        if (value != null) {
            out.put(field, value);
        }
    }

    // ---- breadcrumbs, user, request, contexts, sdk, modules

    private static ArrayNode breadcrumbs(JsonNode node) {
        ArrayNode out = IngestJson.NODES.arrayNode();
        JsonNode values = values(node);
        if (values == null) {
            return out;
        }
        int skip = Math.max(0, values.size() - MAX_BREADCRUMBS);
        for (int i = skip; i < values.size(); i++) {
            JsonNode crumb = values.get(i);
            if (!crumb.isObject()) {
                continue;
            }
            ObjectNode c = out.addObject();
            Instant at = Timestamps.parse(crumb.get("timestamp"));
            if (at != null) {
                c.put("timestamp", at.toString());
            }
            String type = IngestJson.nonBlank(crumb.get("type"));
            c.put("type", type == null ? "default" : IngestJson.truncate(type, 64));
            putShort(c, "category", crumb.get("category"), MAX_SHORT);
            String message = IngestJson.text(crumb.get("message"));
            if (message != null) {
                c.put("message", IngestJson.truncate(message, MAX_MESSAGE));
            }
            c.put("level", level(crumb.get("level"), "info"));
            JsonNode data = crumb.get("data");
            if (data != null && data.isObject()) {
                c.set("data", data(data, 1));
            }
        }
        return out;
    }

    private static ObjectNode user(JsonNode node, String clientIp) {
        if (node == null || !node.isObject()) {
            return null;
        }
        ObjectNode out = IngestJson.NODES.objectNode();
        putShort(out, "id", node.get("id"), 128);
        putShort(out, "email", node.get("email"), 128);
        putShort(out, "username", node.get("username"), 128);
        String ip = IngestJson.nonBlank(node.get("ip_address"));
        if ("{{auto}}".equals(ip)) {
            ip = clientIp;
        }
        if (ip != null && ip.length() <= 64 && ip.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '%')) {
            out.put("ip_address", ip);
        }
        int extra = 0;
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            if (key.equals("id") || key.equals("email") || key.equals("username") || key.equals("ip_address")
                    || entry.getValue().isNull() || extra >= MAX_DATA_ENTRIES) {
                continue;
            }
            out.set(IngestJson.truncate(key, MAX_SHORT), data(entry.getValue(), 1));
            extra++;
        }
        return out.isEmpty() ? null : out;
    }

    private static ObjectNode request(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        ObjectNode out = IngestJson.NODES.objectNode();
        String url = IngestJson.nonBlank(node.get("url"));
        JsonNode query = node.get("query_string");
        if (url != null) {
            int fragment = url.indexOf('#');
            if (fragment >= 0) {
                out.put("fragment", IngestJson.truncate(url.substring(fragment + 1), MAX_DATA_STRING));
                url = url.substring(0, fragment);
            }
            int q = url.indexOf('?');
            if (q >= 0) {
                if (query == null || query.isNull()) {
                    query = IngestJson.NODES.stringNode(url.substring(q + 1));
                }
                url = url.substring(0, q);
            }
            out.put("url", IngestJson.truncate(url, 2048));
        }
        String method = IngestJson.nonBlank(node.get("method"));
        if (method != null && method.length() <= 16) {
            out.put("method", method.toUpperCase(Locale.ROOT));
        }
        ArrayNode queryPairs = pairs(query, '&', true);
        if (queryPairs != null) {
            out.set("query_string", queryPairs);
        }
        ArrayNode headers = pairs(node.get("headers"), '\n', false);
        if (headers != null) {
            out.set("headers", headers);
        }
        ArrayNode cookies = pairs(node.get("cookies"), ';', false);
        if (cookies != null) {
            out.set("cookies", cookies);
        }
        JsonNode data = node.get("data");
        if (data != null && !data.isNull()) {
            out.set("data", data(data, 1));
        }
        JsonNode env = node.get("env");
        if (env != null && env.isObject()) {
            out.set("env", data(env, 1));
        }
        putShort(out, "api_target", node.get("api_target"), 64);
        return out.isEmpty() ? null : out;
    }

    /** An object, a list of pairs, or a string split on {@code separator} into {@code name=value} pairs. */
    static ArrayNode pairs(JsonNode node, char separator, boolean urlDecode) {
        if (node == null || node.isNull()) {
            return null;
        }
        ArrayNode out = IngestJson.NODES.arrayNode();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                addPair(out, entry.getKey(), entry.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode pair : node) {
                if (pair.isArray() && pair.size() == 2) {
                    addPair(out, IngestJson.text(pair.get(0)), pair.get(1));
                }
            }
        } else if (node.isString()) {
            String text = node.stringValue();
            if (text.startsWith("?")) {
                text = text.substring(1);
            }
            for (String part : text.split(String.valueOf(separator))) {
                if (part.isBlank() || out.size() >= MAX_DATA_ENTRIES) {
                    continue;
                }
                int eq = part.indexOf(separator == '\n' ? ':' : '=');
                String name = (eq >= 0 ? part.substring(0, eq) : part).strip();
                String value = eq >= 0 ? part.substring(eq + 1).strip() : "";
                if (urlDecode) {
                    name = urlDecode(name);
                    value = urlDecode(value);
                }
                addPair(out, name, IngestJson.NODES.stringNode(value));
            }
        } else {
            return null;
        }
        return out;
    }

    private static void addPair(ArrayNode out, String name, JsonNode value) {
        if (name == null || out.size() >= MAX_DATA_ENTRIES) {
            return;
        }
        String text = IngestJson.text(value);
        if (text == null && value != null && value.isContainer()) {
            text = value.toString();
        }
        out.addArray().add(IngestJson.truncate(name, MAX_SHORT)).add(text == null ? null : IngestJson.truncate(text, MAX_DATA_STRING));
    }

    private static String urlDecode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static ObjectNode contexts(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        ObjectNode out = IngestJson.NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isObject() || out.size() >= MAX_DATA_ENTRIES) {
                continue;
            }
            String key = IngestJson.truncate(entry.getKey(), MAX_SHORT);
            ObjectNode context = (ObjectNode) data(entry.getValue(), 1);
            if (!context.has("type")) {
                context.put("type", key);
            }
            out.set(key, context);
        }
        return out.isEmpty() ? null : out;
    }

    private static ObjectNode sdk(JsonNode node, EnvelopeHeader header) {
        JsonNode source = node != null && node.isObject() ? node : header == null ? null : header.raw().get("sdk");
        if (source == null || !source.isObject()) {
            return null;
        }
        ObjectNode out = IngestJson.NODES.objectNode();
        putShort(out, "name", source.get("name"), MAX_SHORT);
        putShort(out, "version", source.get("version"), 64);
        for (String field : List.of("integrations", "packages", "features")) {
            JsonNode value = source.get(field);
            if (value != null && value.isArray()) {
                out.set(field, data(value, 2));
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static ObjectNode modules(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        ObjectNode out = IngestJson.NODES.objectNode();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String version = IngestJson.text(entry.getValue());
            if (version != null && out.size() < 1000) {
                out.put(IngestJson.truncate(entry.getKey(), MAX_SHORT), IngestJson.truncate(version, MAX_SHORT));
            }
        }
        return out.isEmpty() ? null : out;
    }

    // ---- bounded data

    /**
     * A copy of arbitrary data with strings cut to 512 characters, at most 100 entries per
     * container, and containers below depth 5 replaced by a cut string of their JSON.
     */
    static JsonNode data(JsonNode node, int depth) {
        if (node.isString()) {
            String value = node.stringValue();
            return value.length() > MAX_DATA_STRING ? IngestJson.NODES.stringNode(IngestJson.truncate(value, MAX_DATA_STRING)) : node;
        }
        if (!node.isContainer()) {
            return node;
        }
        if (depth >= MAX_DATA_DEPTH) {
            return IngestJson.NODES.stringNode(IngestJson.truncate(node.toString(), MAX_DATA_STRING));
        }
        if (node.isObject()) {
            ObjectNode out = IngestJson.NODES.objectNode();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (out.size() >= MAX_DATA_ENTRIES) {
                    break;
                }
                out.set(IngestJson.truncate(entry.getKey(), MAX_SHORT), data(entry.getValue(), depth + 1));
            }
            return out;
        }
        ArrayNode out = IngestJson.NODES.arrayNode();
        for (JsonNode element : node) {
            if (out.size() >= MAX_DATA_ENTRIES) {
                break;
            }
            out.add(data(element, depth + 1));
        }
        return out;
    }

    // ---- typed view of the normalized tree

    private static NormalizedEvent typed(ObjectNode out, String eventId, Instant timestamp, Instant received, String type,
                                         String platform, String level, String release, String dist, String environment,
                                         List<NormalizedEvent.Tag> tags, List<String> fingerprint) {
        NormalizedEvent.LogEntry logentry = null;
        JsonNode entry = out.get("logentry");
        if (entry != null) {
            List<String> params = new ArrayList<>();
            for (JsonNode param : entry.path("params")) {
                String text = IngestJson.text(param);
                params.add(text == null ? param.toString() : text);
            }
            logentry = new NormalizedEvent.LogEntry(IngestJson.text(entry.get("formatted")),
                    IngestJson.text(entry.get("message")), List.copyOf(params));
        }
        List<NormalizedEvent.ExceptionValue> exceptions = new ArrayList<>();
        for (JsonNode e : out.path("exception").path("values")) {
            NormalizedEvent.Mechanism mechanism = null;
            JsonNode m = e.get("mechanism");
            if (m != null) {
                mechanism = new NormalizedEvent.Mechanism(IngestJson.text(m.get("type")), IngestJson.bool(m.get("handled")),
                        IngestJson.bool(m.get("synthetic")));
            }
            List<NormalizedEvent.Frame> frames = new ArrayList<>();
            for (JsonNode f : e.path("stacktrace").path("frames")) {
                frames.add(new NormalizedEvent.Frame(IngestJson.text(f.get("filename")), IngestJson.text(f.get("abs_path")),
                        IngestJson.text(f.get("module")), IngestJson.text(f.get("function")), intOrNull(f.get("lineno")),
                        intOrNull(f.get("colno")), IngestJson.bool(f.get("in_app")), IngestJson.text(f.get("context_line")),
                        strings(f.get("pre_context")), strings(f.get("post_context")), f.get("vars")));
            }
            exceptions.add(new NormalizedEvent.ExceptionValue(IngestJson.text(e.get("type")), IngestJson.text(e.get("value")),
                    IngestJson.text(e.get("module")), mechanism, List.copyOf(frames)));
        }
        NormalizedEvent.User user = null;
        JsonNode u = out.get("user");
        if (u != null) {
            ObjectNode data = IngestJson.NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : u.properties()) {
                if (!Set.of("id", "email", "username", "ip_address").contains(field.getKey())) {
                    data.set(field.getKey(), field.getValue());
                }
            }
            user = new NormalizedEvent.User(IngestJson.text(u.get("id")), IngestJson.text(u.get("email")),
                    IngestJson.text(u.get("username")), IngestJson.text(u.get("ip_address")), data);
        }
        JsonNode sdk = out.path("sdk");
        return new NormalizedEvent(eventId, timestamp, received, type, platform, level, IngestJson.text(out.get("logger")),
                IngestJson.text(out.get("transaction")), IngestJson.text(out.get("server_name")), release, dist, environment,
                List.copyOf(tags), fingerprint, logentry, List.copyOf(exceptions), user, IngestJson.text(sdk.get("name")),
                IngestJson.text(sdk.get("version")), IngestJson.text(out.path("request").get("url")), out);
    }

    private static Integer intOrNull(JsonNode node) {
        return node != null && node.isIntegralNumber() ? node.intValue() : null;
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        node.forEach(line -> out.add(IngestJson.text(line)));
        return List.copyOf(out);
    }
}
