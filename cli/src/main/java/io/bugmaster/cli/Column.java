package io.bugmaster.cli;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One table column: a header and where its value sits in each JSON object. A path is dotted
 * ({@code dsn.public}); a {@code []} segment collects from every element of an array
 * ({@code teams[].slug}); when several paths are given, the first that has a value wins (for
 * fields that Sentry and Bugmaster name differently).
 */
public record Column(String header, List<String> paths) {

    public static Column of(String header, String... paths) {
        return new Column(header, List.of(paths));
    }

    public String valueOf(JsonNode object) {
        for (String path : paths) {
            String value = text(object, path);
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    /** The text at {@code path}: scalars as they are, booleans as yes/no, arrays joined with ", ". */
    static String text(JsonNode node, String path) {
        List<JsonNode> found = new ArrayList<>();
        collect(node, path.isEmpty() ? new String[0] : path.split("\\."), 0, found);
        List<String> parts = new ArrayList<>();
        for (JsonNode value : found) {
            String text = scalar(value);
            if (!text.isEmpty()) {
                parts.add(text);
            }
        }
        return String.join(", ", parts);
    }

    private static void collect(JsonNode node, String[] segments, int index, List<JsonNode> found) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (index == segments.length) {
            if (node.isArray()) {
                node.values().forEach(found::add);
            } else {
                found.add(node);
            }
            return;
        }
        String segment = segments[index];
        boolean each = segment.endsWith("[]");
        JsonNode child = node.path(each ? segment.substring(0, segment.length() - 2) : segment);
        if (each) {
            if (child.isArray()) {
                for (JsonNode element : child.values()) {
                    collect(element, segments, index + 1, found);
                }
            }
        } else {
            collect(child, segments, index + 1, found);
        }
    }

    private static String scalar(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "yes" : "no";
        }
        if (value.isContainer()) {
            return value.toString();
        }
        return value.asString();
    }
}
