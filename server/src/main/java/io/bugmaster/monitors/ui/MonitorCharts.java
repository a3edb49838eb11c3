package io.bugmaster.monitors.ui;

import io.bugmaster.common.PureLogic;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.MonitorStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of a monitor page's SVG charts, computed here so the template only draws: a job's
 * runs as bars (height by duration, colour by status) and a check's values as a line with the
 * condition's threshold and the firing points. Coordinates are in the SVG's viewBox units.
 */
@PureLogic
final class MonitorCharts {
    static final int WIDTH = 720;
    static final int HEIGHT = 120;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private MonitorCharts() {}

    record Bar(double x, double y, double width, double height, String status, String title) {}

    /** Runs oldest first; the tallest bar is the longest run. */
    static List<Bar> runs(List<MonitorStore.CheckIn> checkIns) {
        List<Bar> bars = new ArrayList<>(checkIns.size());
        if (checkIns.isEmpty()) {
            return bars;
        }
        double longest = checkIns.stream().mapToDouble(c -> c.duration() == null ? 0 : c.duration()).max().orElse(0);
        double slot = (double) WIDTH / Math.max(checkIns.size(), 30);
        for (int i = 0; i < checkIns.size(); i++) {
            MonitorStore.CheckIn c = checkIns.get(i);
            double share = longest <= 0 || c.duration() == null ? 0 : c.duration() / longest;
            double h = Math.max(4, share * (HEIGHT - 4));
            bars.add(new Bar(round(i * slot + 1), round(HEIGHT - h), round(Math.max(1, slot - 2)), round(h), c.status(),
                    WHEN.format(c.receivedAt()) + ": " + c.status().replace('_', ' ')
                            + (c.duration() == null ? "" : ", " + Formats.duration(c.duration()))
                            + (c.exitCode() == null ? "" : ", exit status " + c.exitCode())));
        }
        return bars;
    }

    record Point(double x, double y, String outcome, String title) {}

    /** A line of values with its threshold: {@code thresholdY} null without a condition; {@code points} oldest first. */
    record ValueChart(String line, List<Point> points, Double thresholdY, String thresholdLabel, String low, String high) {}

    static ValueChart values(List<MonitorStore.Result> results, Condition condition, Instant from, Instant to) {
        List<MonitorStore.Result> valued = results.stream().filter(r -> r.value() != null).toList();
        double min = valued.stream().mapToDouble(MonitorStore.Result::value).min().orElse(0);
        double max = valued.stream().mapToDouble(MonitorStore.Result::value).max().orElse(1);
        if (condition != null) {
            min = Math.min(min, condition.threshold());
            max = Math.max(max, condition.threshold());
        }
        min = Math.min(min, 0);
        if (max <= min) {
            max = min + 1;
        }
        double span = Math.max(1, to.toEpochMilli() - from.toEpochMilli());
        List<Point> points = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (MonitorStore.Result r : valued) {
            double x = round((r.at().toEpochMilli() - from.toEpochMilli()) / span * WIDTH);
            double y = y(r.value(), min, max);
            line.append(line.isEmpty() ? "" : " ").append(x).append(',').append(y);
            points.add(new Point(x, y, r.outcome(), WHEN.format(r.at()) + ": " + number(r.value()) + " (" + r.outcome() + ")"));
        }
        return new ValueChart(line.toString(), points, condition == null ? null : y(condition.threshold(), min, max),
                condition == null ? null : "fires when " + condition.describe(), number(min), number(max));
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static double y(double v, double min, double max) {
        return round(HEIGHT - 4 - (v - min) / (max - min) * (HEIGHT - 8));
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Durations for people: "850 ms", "12.4 s", "3 min 5 s", "2 h 10 min". */
    static final class Formats {
        private Formats() {}

        static String duration(double seconds) {
            if (seconds < 1) {
                return Math.round(seconds * 1000) + " ms";
            }
            if (seconds < 60) {
                return String.format(Locale.ROOT, "%.1f s", seconds);
            }
            long s = Math.round(seconds);
            if (s < 3600) {
                return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
            }
            return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + ((s % 3600) / 60) + " min");
        }
    }
}
