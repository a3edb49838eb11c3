package io.bugmaster.monitors.metric;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the answer of Prometheus's instant query API ({@code /api/v1/query}): a vector (one series
 * per label set) or a scalar (one series without labels) is a list of {@link Series}; a range vector
 * (matrix), a string, a Prometheus error ({@code "status": "error"}), an HTTP error or an answer that
 * is not Prometheus's JSON is an error in words for the person who wrote the query.
 */
@PureLogic
public final class PrometheusAnswer {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PrometheusAnswer() {}

    /** One series of the answer: its labels (sorted by name) and its value (NaN, +Inf and -Inf as Prometheus sends them). */
    public record Series(Map<String, String> labels, double value) {
        public Series {
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        }

        /** {@code {instance="a",job="api"}} as Prometheus writes a label set; {@code {}} for none. */
        public String key() {
            StringBuilder out = new StringBuilder("{");
            labels.forEach((name, value) -> {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(name).append("=\"").append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                        .append('"');
            });
            return out.append('}').toString();
        }
    }

    /** Either the series or why there are none to compare. */
    public record Read(List<Series> series, String error) {
        static Read failed(String error) {
            return new Read(List.of(), error);
        }

        public boolean failed() {
            return error != null;
        }
    }

    /**
     * @param status    the HTTP status
     * @param body      the start of the answer (the HTTP client caps it)
     * @param truncated the body was cut at the client's cap
     */
    public static Read read(int status, String body, boolean truncated) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            if (truncated) {
                return Read.failed("Prometheus's answer is larger than Bugmaster reads (" + body.length() / 1024
                        + " KB); narrow the query, for example with sum by (...) or topk(20, ...)");
            }
            return Read.failed("the data source answered HTTP " + status + " with something that is not Prometheus's JSON"
                    + (body == null || body.isBlank() ? "" : ": " + clip(body.strip(), 200)) + " (is its URL the Prometheus base URL?)");
        }
        if ("error".equals(root.path("status").asString(""))) {
            String type = root.path("errorType").asString("");
            return Read.failed("Prometheus: " + (type.isEmpty() ? "" : type + ": ") + clip(root.path("error").asString("no reason given"), 500));
        }
        if (status < 200 || status > 299) {
            return Read.failed("Prometheus answered HTTP " + status);
        }
        if (!"success".equals(root.path("status").asString(""))) {
            return Read.failed("the data source's answer has no \"status\": \"success\" (is its URL the Prometheus base URL?)");
        }
        JsonNode data = root.path("data");
        String type = data.path("resultType").asString("");
        JsonNode result = data.path("result");
        return switch (type) {
            case "vector" -> vector(result);
            case "scalar" -> {
                Double v = sample(result);
                yield v == null ? Read.failed("Prometheus's scalar answer has no value") : new Read(List.of(new Series(Map.of(), v)), null);
            }
            case "matrix" -> Read.failed("the query returns a range vector (matrix), not one value per series: use an instant "
                    + "query, such as rate(http_requests_total[5m]) instead of http_requests_total[5m]");
            case "string" -> Read.failed("the query returns a string, not a number");
            default -> Read.failed("Prometheus's answer has an unknown resultType: " + clip(type, 50));
        };
    }

    private static Read vector(JsonNode result) {
        if (!result.isArray()) {
            return Read.failed("Prometheus's vector answer has no result list");
        }
        List<Series> series = new ArrayList<>(result.size());
        for (JsonNode item : result) {
            Map<String, String> labels = new TreeMap<>();
            item.path("metric").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asString("")));
            Double value = sample(item.path("value"));
            if (value == null) {
                return Read.failed("a series of Prometheus's answer has no value: " + new Series(labels, 0).key());
            }
            series.add(new Series(labels, value));
        }
        series.sort((a, b) -> a.key().compareTo(b.key()));
        return new Read(List.copyOf(series), null);
    }

    /** {@code [1764860000.781, "0.42"]}: the value is a string, with NaN, +Inf and -Inf spelled so. */
    private static Double sample(JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2) {
            return null;
        }
        String text = pair.get(1).asString("");
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
        };
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
