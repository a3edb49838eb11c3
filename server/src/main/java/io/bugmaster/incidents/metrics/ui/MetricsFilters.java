package io.bugmaster.incidents.metrics.ui;

import io.bugmaster.common.PureLogic;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The metrics page's parameters as the viewer set them, and links to the page with one of them
 * changed: how a number links to the incidents it counts (the same page, narrowed, at its list).
 * {@code list} narrows only the list of counted incidents: "never_acknowledged" or "open".
 */
@PureLogic
record MetricsFilters(String base, Map<String, String> values) {
    static final String LIST_NEVER_ACKNOWLEDGED = "never_acknowledged";
    static final String LIST_OPEN = "open";

    static MetricsFilters of(String base, String days, String from, String to, String tz, String serviceId, String teamId, String priority,
            String list) {
        Map<String, String> v = new LinkedHashMap<>();
        put(v, "days", days);
        put(v, "from", from);
        put(v, "to", to);
        put(v, "tz", tz);
        put(v, "service_id", serviceId);
        put(v, "team_id", teamId);
        put(v, "priority", priority);
        put(v, "list", list);
        return new MetricsFilters(base, v);
    }

    public String get(String key) {
        return values.getOrDefault(key, "");
    }

    /** The page with this parameter set (an empty value removes it), at the list of counted incidents. */
    public String with(String key, String value) {
        return with(Map.of(key, value));
    }

    public String with(Map<String, String> changes) {
        Map<String, String> v = new LinkedHashMap<>(values);
        if (changes.containsKey("days")) {
            v.remove("from");
            v.remove("to");
        }
        if (changes.containsKey("from")) {
            v.remove("days");
        }
        changes.forEach((k, value) -> put(v, k, value));
        return url(v) + "#counted";
    }

    /** The page over the last {@code days} days with the other filters kept. */
    public String days(int days) {
        Map<String, String> v = new LinkedHashMap<>(values);
        v.remove("from");
        v.remove("to");
        v.remove("list");
        v.put("days", Integer.toString(days));
        return url(v);
    }

    private String url(Map<String, String> v) {
        StringJoiner q = new StringJoiner("&");
        v.forEach((k, value) -> q.add(k + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return base + (q.length() == 0 ? "" : "?" + q);
    }

    private static void put(Map<String, String> v, String key, String value) {
        if (value == null || value.isBlank()) {
            v.remove(key);
        } else {
            v.put(key, value.strip());
        }
    }
}
