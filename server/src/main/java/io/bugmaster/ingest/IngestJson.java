package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The one JSON mapper of the ingest layer and small lenient accessors over SDK JSON, where any
 * field may have any type. Nesting is capped below the recursion the normalizer and scrubber can take.
 */
@PureLogic
public final class IngestJson {
    /** Deepest nesting accepted in any ingested JSON document. */
    public static final int MAX_NESTING = 200;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxNumberLength(400)
                            .build())
                    .build())
            .build();

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IngestJson() {}

    /** Parses one JSON document or throws 400 naming {@code what}. */
    public static JsonNode parse(byte[] bytes, int offset, int length, String what) {
        try {
            return MAPPER.readTree(bytes, offset, length);
        } catch (JacksonException e) {
            throw IngestException.badRequest("invalid JSON in " + what, e);
        }
    }

    /** Parses one JSON object or throws 400 naming {@code what}. */
    public static JsonNode parseObject(byte[] bytes, String what) {
        JsonNode node = parse(bytes, 0, bytes.length, what);
        if (node == null || !node.isObject()) {
            throw IngestException.badRequest(what + " is not a JSON object");
        }
        return node;
    }

    /** Parses bytes that must be exactly one JSON object (nothing after it) or throws 400 naming {@code what}. */
    public static JsonNode readObject(byte[] bytes, String what) {
        try (JsonParser parser = MAPPER.createParser(bytes)) {
            if (parser.nextToken() != tools.jackson.core.JsonToken.START_OBJECT) {
                throw IngestException.badRequest(what + " is not a JSON object");
            }
            JsonNode tree = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw IngestException.badRequest("invalid JSON in " + what + ": data after the object");
            }
            return tree;
        } catch (JacksonException e) {
            throw IngestException.badRequest("invalid JSON in " + what, e);
        }
    }

    /** A scalar as text (strings as they are, numbers and booleans printed), else null. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        return node.toString();
    }

    /** A scalar as trimmed, non-empty text, else null. */
    public static String nonBlank(JsonNode node) {
        String value = text(node);
        if (value == null) {
            return null;
        }
        value = value.strip();
        return value.isEmpty() ? null : value;
    }

    /** A string node's value only, else null. */
    public static String string(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    /** An integral number, or a string holding one, else null. */
    public static Long integer(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            double value = node.doubleValue();
            return Double.isFinite(value) && Math.abs(value) < 9.0e18 ? (long) value : null;
        }
        if (node.isString()) {
            try {
                return Long.parseLong(node.stringValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A number, or a string holding one, else null. */
    public static Double number(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNumber()) {
            double value = node.doubleValue();
            return Double.isFinite(value) ? value : null;
        }
        if (node.isString()) {
            try {
                double value = Double.parseDouble(node.stringValue().strip());
                return Double.isFinite(value) ? value : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A boolean, or the strings "true"/"false", else null. */
    public static Boolean bool(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString()) {
            String value = node.stringValue().strip();
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
        }
        return null;
    }

    /** Cuts a string to at most {@code max} characters without splitting a surrogate pair. */
    public static String truncate(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }
}
