package io.bugmaster.inbound;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.AlertIntake;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the JSON that alert senders post: one object per request, nesting and the number of
 * values bounded (a body is at most {@link InboundBody#MAX_BYTES}, so its tree is bounded too), and
 * the field rules every receiver shares. Every accessor records what is wrong in {@code errors}
 * (named by the field's JSON path) instead of throwing, so one reply lists every mistake.
 */
@PureLogic
final class InboundJson {
    /** Deepest nesting accepted: far more than any sender's custom details, far less than a stack. */
    static final int MAX_NESTING = 64;
    /** JSON values in one body at most (a 512 KB body of {@code [0,0,...]} has about 260,000). */
    static final int MAX_TOKENS = 100_000;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxNumberLength(100)
                            .maxTokenCount(MAX_TOKENS)
                            .build())
                    .build())
            .build();

    private InboundJson() {}

    /** Thrown when the body is not one JSON object; the message says why, for the 400's errors. */
    static final class NotAnObject extends Exception {
        NotAnObject(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses a body that must be exactly one JSON object. */
    static JsonNode object(byte[] body) throws NotAnObject {
        if (body.length == 0) {
            throw new NotAnObject("the request body is empty: send a JSON object");
        }
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new NotAnObject("the request body is not a JSON object");
            }
            JsonNode tree = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw new NotAnObject("the request body holds data after the JSON object");
            }
            return tree;
        } catch (JacksonException e) {
            String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            int newline = why.indexOf('\n');
            throw new NotAnObject("the request body is not valid JSON: "
                    + clip(newline < 0 ? why : why.substring(0, newline), 200));
        }
    }

    /** True when the field is absent or an explicit JSON null (senders such as pagerduty-client send nulls). */
    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** An optional string field: null when absent or null, else its value; anything else is an error. */
    static String optionalString(JsonNode parent, String field, String path, List<String> errors) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isString()) {
            errors.add(path + " must be a string, got " + type(node));
            return null;
        }
        return node.stringValue();
    }

    /** A required string field that must not be blank. */
    static String requiredString(JsonNode parent, String field, String path, List<String> errors) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            errors.add(path + " is required");
            return null;
        }
        String value = optionalString(parent, field, path, errors);
        if (value != null && value.isBlank()) {
            errors.add(path + " must not be blank");
            return null;
        }
        return value;
    }

    /** An optional object field: null when absent or null; anything but an object is an error. */
    static JsonNode optionalObject(JsonNode parent, String field, String path, List<String> errors) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(path + " must be a JSON object, got " + type(node));
            return null;
        }
        return node;
    }

    /** An optional array field: null when absent or null; anything but an array is an error. */
    static JsonNode optionalArray(JsonNode parent, String field, String path, List<String> errors) {
        JsonNode node = parent.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isArray()) {
            errors.add(path + " must be a JSON array, got " + type(node));
            return null;
        }
        return node;
    }

    /** Checks a length limit in characters (code points, as a person counts them). */
    static void maxLength(String value, int max, String path, List<String> errors) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            errors.add(path + " must be at most " + max + " characters, got " + value.codePointCount(0, value.length()));
        }
    }

    /** PagerDuty's severities. */
    static final List<String> SEVERITIES = List.of("critical", "error", "warning", "info");

    /** A required severity, one of PagerDuty's words. */
    static String severity(JsonNode parent, String field, String path, List<String> errors) {
        String value = requiredString(parent, field, path, errors);
        if (value != null && !SEVERITIES.contains(value)) {
            errors.add(path + " must be one of critical, error, warning, info, got \"" + clip(value, 40) + "\"");
            return null;
        }
        return value;
    }

    /**
     * An ISO 8601 date-time with an offset or {@code Z} ({@code 2026-12-04T17:50:31Z},
     * {@code 2026-12-04T18:50:31.123+01:00}); a value without an offset is read as UTC.
     */
    static Instant timestamp(JsonNode parent, String field, String path, List<String> errors) {
        String value = optionalString(parent, field, path, errors);
        if (value == null) {
            return null;
        }
        Instant parsed = parseTimestamp(value);
        if (parsed == null) {
            errors.add(path + " must be an ISO 8601 date-time such as 2026-12-04T17:50:31Z, got \"" + clip(value, 40) + "\"");
        }
        return parsed;
    }

    static Instant parseTimestamp(String value) {
        String text = value.strip();
        if (text.length() > 64) {
            return null;
        }
        try {
            var parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, java.time.LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((java.time.LocalDateTime) parsed).toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * Custom details as a map: an object as it is, any other JSON value under the key
     * {@code custom_details} (PagerDuty accepts any JSON there).
     */
    static Map<String, Object> details(JsonNode node, String key) {
        if (absent(node)) {
            return Map.of();
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (var entry : node.properties()) {
                map.put(entry.getKey(), value(entry.getValue()));
            }
            return map;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value(node));
        return map;
    }

    /** A JSON value as plain Java: maps, lists, strings, numbers, booleans and nulls. */
    static Object value(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }

    /** A link target must be an absolute http or https URL: anything else (javascript:, data:) would be unsafe to show. */
    static boolean webUrl(String value) {
        if (value == null || value.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme();
            return scheme != null && (scheme.toLowerCase(Locale.ROOT).equals("http") || scheme.toLowerCase(Locale.ROOT).equals("https"))
                    && uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** One link, or null (with an error) when its href is no web URL. */
    static AlertIntake.Link link(String href, String text, String path, List<String> errors) {
        if (!webUrl(href)) {
            errors.add(path + " must be an http or https URL, got \"" + clip(href, 80) + "\"");
            return null;
        }
        return new AlertIntake.Link(href.strip(), text);
    }

    /** Cuts text to at most {@code max} code points. */
    static String truncateCodePoints(String value, int max) {
        if (value == null || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }

    static String type(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isString()) {
            return "a string";
        }
        return "null";
    }

    /** Client text made safe to quote in an error: printable, short. */
    static String clip(String value, int max) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return value.length() > max ? out + "..." : out.toString();
    }
}
