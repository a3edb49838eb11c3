package io.bugmaster.monitors.ui;

import io.bugmaster.common.PureLogic;
import io.bugmaster.monitors.MonitorStore;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A check result's detail JSON as the monitor page shows it: the SQL rows as a table (columns, rows,
 * whether more were cut), the metric's series as a table of labels and values, the volume's usual
 * range, or the error. Every value stays text for the template to escape.
 */
@PureLogic
record ResultDetail(MonitorStore.Result result, List<String> columns, List<List<String>> rows, boolean truncated, String error) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ResultDetail of(MonitorStore.Result r) {
        JsonNode d;
        try {
            d = r.detail() == null || r.detail().isBlank() ? JSON.readTree("{}") : JSON.readTree(r.detail());
        } catch (RuntimeException e) {
            return new ResultDetail(r, List.of(), List.of(), false, "unreadable detail: " + r.detail());
        }
        String error = d.hasNonNull("error") ? d.get("error").asString() : null;
        List<String> columns = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        if (d.path("columns").isArray()) {
            d.get("columns").forEach(c -> columns.add(text(c)));
            d.path("rows").forEach(row -> {
                List<String> cells = new ArrayList<>();
                row.forEach(c -> cells.add(text(c)));
                rows.add(cells);
            });
        } else if (d.path("series").isArray()) {
            columns.add("labels");
            columns.add("value");
            d.get("series").forEach(s -> rows.add(List.of(s.path("labels").toString(), text(s.path("value")))));
        } else if (d.has("count")) {
            columns.addAll(List.of("count", "usual low", "usual high", "weeks"));
            rows.add(List.of(text(d.path("count")), text(d.path("usual_low")), text(d.path("usual_high")), d.path("weeks").toString()));
        }
        return new ResultDetail(r, columns, rows, d.path("truncated").asBoolean(false), error);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? "NULL" : n.isValueNode() ? n.asString() : n.toString();
    }
}
