package io.bugmaster.monitors.metric;

import io.bugmaster.common.PureLogic;
import io.bugmaster.monitors.CheckResult;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.MetricCheck;
import io.bugmaster.monitors.metric.PrometheusAnswer.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares each series of a PromQL answer with the monitor's condition, and fires as a Prometheus
 * alerting rule with {@code for} does: a series whose condition holds is pending until it has held
 * for {@code forMinutes}, then firing; the monitor fires when any series fires. Since when each
 * series has held is carried from one run to the next in the result's detail ({@code "holding"}:
 * label set -> epoch millis), so the state survives restarts and other nodes; a series that stops
 * holding, or is gone from the answer, starts again from zero.
 */
@PureLogic
public final class MetricEvaluation {
    /** Series shown in the detail (the rest are counted). */
    public static final int SHOWN = 20;
    /**
     * Holding series whose start is remembered (the first by labels), which bounds the detail kept every run; with more,
     * the rest start again each run, and the monitor still fires through the remembered ones.
     */
    static final int REMEMBERED = 200;
    /** Series named in the one line. */
    private static final int NAMED = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MetricEvaluation() {}

    /** What a run found: the outcome with its words and detail. */
    public record Found(CheckResult.Outcome outcome, Double value, String said, String detail) {}

    /**
     * @param previousDetail the detail of this monitor's last run that read an answer (null: none), for {@code "holding"}
     */
    public static Found evaluate(List<Series> series, MetricCheck check, String previousDetail, Instant now) {
        Condition condition = check.condition();
        Map<String, Long> before = holdingSince(previousDetail);
        Duration needed = Duration.ofMinutes(check.forMinutes());
        Map<String, Long> holding = new LinkedHashMap<>();
        List<Series> firing = new ArrayList<>();
        List<Series> pending = new ArrayList<>();
        List<Series> quiet = new ArrayList<>();
        for (Series s : series) {
            if (Double.isNaN(s.value()) || !condition.holds(s.value())) {
                quiet.add(s);
                continue;
            }
            long since = before.getOrDefault(s.key(), now.toEpochMilli());
            if (holding.size() < REMEMBERED) {
                holding.put(s.key(), since);
            }
            if (!Instant.ofEpochMilli(since).plus(needed).isAfter(now)) {
                firing.add(s);
            } else {
                pending.add(s);
            }
        }
        List<Series> shown = new ArrayList<>(firing);
        shown.addAll(pending);
        shown.addAll(quiet);
        String detail = detail(shown, holding, series.size(), firing.size(), pending.size(), check.forMinutes());
        if (!firing.isEmpty()) {
            return new Found(CheckResult.Outcome.FIRING, extreme(firing, condition), said(firing, series.size(), check), detail);
        }
        Double value = series.isEmpty() ? null : extreme(series.stream().filter(s -> !Double.isNaN(s.value())).toList(), condition);
        String said = series.isEmpty() ? "no series"
                : !pending.isEmpty() ? pending.size() + " series " + condition.describe() + " for less than " + check.forMinutes() + " min"
                : series.size() == 1 ? "value " + Figures.two(series.get(0).value())
                : series.size() + " series, none " + condition.describe();
        return new Found(CheckResult.Outcome.OK, value, said, detail);
    }

    /** "value 0.93 > 0.5 for 5 min"; with several series, which ones (values left out: the words stay the same while it fires). */
    private static String said(List<Series> firing, int total, MetricCheck check) {
        String rule = check.condition().describe() + (check.forMinutes() > 0 ? " for " + check.forMinutes() + " min" : "");
        if (firing.size() == 1) {
            Series s = firing.get(0);
            return "value " + Figures.two(s.value()) + " " + rule + (total > 1 ? ": " + s.key() : "");
        }
        String named = firing.stream().limit(NAMED).map(Series::key).collect(Collectors.joining(", "));
        return firing.size() + " series " + rule + ": " + named + (firing.size() > NAMED ? ", …" : "");
    }

    /** The value that is furthest past the threshold: the lowest for "<" conditions, else the highest. */
    private static Double extreme(List<Series> series, Condition condition) {
        boolean low = condition.operator().startsWith("lt");
        return series.stream().map(Series::value).reduce((a, b) -> low ? Math.min(a, b) : Math.max(a, b)).orElse(null);
    }

    private static String detail(List<Series> shown, Map<String, Long> holding, int total, int firing, int pending, int forMinutes) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("series");
        for (Series s : shown.subList(0, Math.min(SHOWN, shown.size()))) {
            ObjectNode item = list.addObject();
            ObjectNode labels = item.putObject("labels");
            s.labels().forEach(labels::put);
            if (Double.isFinite(s.value())) {
                item.put("value", s.value());
            } else {
                item.put("value", Figures.two(s.value())); // JSON has no NaN or infinity
            }
            Long since = holding.get(s.key());
            if (since != null) {
                item.put("holding_since", since);
            }
        }
        out.put("total", total);
        out.put("firing", firing);
        out.put("pending", pending);
        out.put("for_minutes", forMinutes);
        ObjectNode kept = out.putObject("holding");
        holding.forEach(kept::put);
        return out.toString();
    }

    /** The previous run's {@code "holding"} map; empty when there was none or it could not be read. */
    static Map<String, Long> holdingSince(String detail) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (detail == null || detail.isBlank()) {
            return out;
        }
        try {
            JsonNode holding = JSON.readTree(detail).path("holding");
            holding.properties().forEach(e -> {
                if (e.getValue().isIntegralNumber()) {
                    out.put(e.getKey(), e.getValue().asLong());
                }
            });
        } catch (tools.jackson.core.JacksonException e) {
            return out;
        }
        return out;
    }
}
