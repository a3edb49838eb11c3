package io.bugmaster.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: a header row and data rows, columns left-aligned and separated by two
 * spaces, trailing blanks trimmed. Pure formatting, no I/O.
 */
public final class Table {
    private static final String GAP = "  ";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(List<String> headers) {
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.headers = List.copyOf(headers);
    }

    /** Adds a row; nulls print as empty cells, line breaks and tabs as spaces. */
    public Table add(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size() + " columns");
        }
        List<String> clean = new ArrayList<>(cells.size());
        for (String cell : cells) {
            clean.add(cell == null ? "" : cell.replaceAll("[\\r\\n\\t]+", " "));
        }
        rows.add(clean);
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** The table as lines ending in a line feed. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).codePointCount(0, headers.get(i).length());
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).codePointCount(0, row.get(i).length()));
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, headers, widths);
        for (List<String> row : rows) {
            appendLine(out, row, widths);
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()))).append(GAP);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
