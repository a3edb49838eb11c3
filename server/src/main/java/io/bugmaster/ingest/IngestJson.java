package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The one JSON mapper of the ingest layer and small lenient accessors over SDK JSON, where any
 * field may have any type. Nesting is capped below the recursion the normalizer and scrubber can take,
 * and the number of JSON values of one document is capped, which bounds the memory of its parsed
 * tree: a 1 MB event of {@code [{},{},...]} would otherwise be a 30 MB tree.
 */
@PureLogic
public final class IngestJson {
    /** Deepest nesting accepted in any ingested JSON document. */
    public static final int MAX_NESTING = 200;

    /**
     * JSON values (tokens: each scalar, each start and end of an object or array, each field name)
     * in one ingested document, at most. A real 1 MB event has about 130,000 (8 bytes each); a
     * document of empty objects has 700,000 per MB.
     */
    public static final int MAX_TOKENS = 200_000;

    /** Heap one parsed token may take at most (measured: 72 bytes for a one-letter string). */
    private static final long TREE_BYTES_PER_TOKEN = 80;
    /** Heap one byte of JSON may become at most (measured: 36 bytes for {@code [{"a":[{}]},...]}). */
    private static final long TREE_BYTES_PER_BYTE = 40;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxNumberLength(400)
                            .maxTokenCount(MAX_TOKENS)
                            .build())
                    .build())
            .build();

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IngestJson() {}

    /**
     * An upper bound on the heap the tree of a JSON document of this many bytes can take, to reserve
     * before parsing it.
     */
    public static long treeBytes(long jsonBytes) {
        return Math.min(jsonBytes * TREE_BYTES_PER_BYTE, MAX_TOKENS * TREE_BYTES_PER_TOKEN);
    }

    /** Parses one JSON document or throws 400 naming {@code what} (413 past {@link #MAX_TOKENS}). */
    public static JsonNode parse(byte[] bytes, int offset, int length, String what) {
        try {
            return MAPPER.readTree(bytes, offset, length);
        } catch (JacksonException e) {
            throw refusal(what, e);
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
            throw refusal(what, e);
        }
    }

    private static IngestException refusal(String what, JacksonException e) {
        if (e instanceof StreamConstraintsException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Token count")) {
            return new PayloadTooLargeException(what + " holds more than " + MAX_TOKENS + " JSON values", MAX_TOKENS);
        }
        return IngestException.badRequest("invalid JSON in " + what, e);
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
