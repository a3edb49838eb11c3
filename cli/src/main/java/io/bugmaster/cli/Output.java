package io.bugmaster.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Prints API replies: as tables and key/value lists by default, or as the raw JSON with --json. */
final class Output {
    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** True with --json: commands that print several replies print them as one JSON object. */
    boolean json() {
        return json;
    }

    /** A list reply as a table of {@code columns}, or {@code empty} when there is nothing. */
    void list(JsonNode items, List<Column> columns, String empty) {
        if (json) {
            printJson(items);
            return;
        }
        if (items.isEmpty()) {
            out.println(empty);
            out.flush();
            return;
        }
        out.print(table(items, columns).render());
        out.flush();
    }

    /** One object: a headline, then its fields as aligned {@code key: value} lines. */
    void object(String headline, JsonNode object) {
        if (json) {
            printJson(object);
            return;
        }
        if (headline != null) {
            out.println(headline);
        }
        out.print(keyValues(object));
        out.flush();
    }

    /** A plain line; suppressed with --json, where only the JSON is printed. */
    void line(String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    /**
     * A document printed as it is (a postmortem's Markdown), or {@code object} with --json. Control
     * characters other than newlines and tabs are left out: the text was written by others and must
     * not drive the terminal.
     */
    void document(String text, JsonNode object) {
        if (json) {
            printJson(object);
            return;
        }
        out.print(text.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", ""));
        if (!text.endsWith("\n")) {
            out.println();
        }
        out.flush();
    }

    private void printJson(JsonNode node) {
        out.println(node.toPrettyString());
        out.flush();
    }

    static Table table(JsonNode items, List<Column> columns) {
        Table table = new Table(columns.stream().map(Column::header).toList());
        for (JsonNode item : items.values()) {
            List<String> cells = new ArrayList<>(columns.size());
            for (Column column : columns) {
                cells.add(column.valueOf(item));
            }
            table.add(cells);
        }
        return table;
    }

    /** An object's fields flattened to {@code a.b: value} lines, keys aligned; empty values left out. */
    static String keyValues(JsonNode object) {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", object, fields);
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder text = new StringBuilder();
        fields.forEach((key, value) -> text.append(key).append(':').append(" ".repeat(width - key.length() + 1))
                .append(value.replaceAll("[\\r\\n\\t]+", " ")).append('\n'));
        return text.toString();
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> fields) {
        if (node.isObject()) {
            for (var field : node.properties()) {
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), fields);
            }
            return;
        }
        if (node.isArray() && node.values().stream().anyMatch(JsonNode::isContainer)) {
            int i = 0;
            for (JsonNode element : node.values()) {
                flatten(prefix + "[" + i++ + "]", element, fields);
            }
            return;
        }
        String value = Column.text(node, "");
        if (!value.isEmpty() && !prefix.isEmpty()) {
            fields.put(prefix, value);
        }
    }
}
