package io.bugmaster.incidents.metrics.ui;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.metrics.ReadableDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of a bar chart the metrics page draws as SVG: a column per category with a bar per
 * series side by side (or stacked), a y axis with round ticks (counts, or durations in seconds
 * labelled in words), each bar with its own title for screen readers and hover. Pure: the template
 * only places what this computes; every label is text the template escapes.
 */
@PureLogic
record BarChart(String title, String description, int width, int height, List<Tick> ticks, List<Column> columns, List<Legend> legend) {
    static final int WIDTH = 720;
    static final int LEFT = 64;
    static final int TOP = 10;
    static final int PLOT_HEIGHT = 170;
    static final int BOTTOM = 26;
    /** At most this many category labels are written under the axis; the others are in the bars' titles. */
    static final int MAX_LABELS = 14;

    enum Scale {
        COUNT, DURATION
    }

    record Tick(double y, String label) {}

    record Bar(double x, double y, double width, double height, String cssClass, String title) {}

    record Column(String label, double labelX, boolean labelShown, List<Bar> bars) {}

    record Legend(String name, String cssClass) {}

    /** A series: its name, the class of its bars, a value per category (null: no bar) and each bar's title. */
    record Series(String name, String cssClass, List<Double> values, List<String> titles) {}

    static BarChart of(String title, String description, List<String> labels, List<Series> series, boolean stacked, Scale scale) {
        double max = 0;
        for (int c = 0; c < labels.size(); c++) {
            double column = 0;
            for (Series s : series) {
                double v = value(s, c);
                column = stacked ? column + v : Math.max(column, v);
            }
            max = Math.max(max, column);
        }
        double step = step(max, scale);
        double top = Math.max(step, Math.ceil(max / step) * step);
        List<Tick> ticks = new ArrayList<>();
        for (double v = 0; v <= top + step / 2; v += step) {
            ticks.add(new Tick(y(v, top), scale == Scale.COUNT ? Long.toString(Math.round(v)) : ReadableDuration.of(Duration.ofSeconds(Math.round(v)))));
        }
        double columnWidth = labels.isEmpty() ? 0 : (double) (WIDTH - LEFT - 8) / labels.size();
        double gap = Math.min(8, columnWidth * 0.2);
        int every = (labels.size() + MAX_LABELS - 1) / Math.max(1, MAX_LABELS);
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            double x0 = LEFT + c * columnWidth + gap / 2;
            double inner = columnWidth - gap;
            double barWidth = stacked || series.isEmpty() ? inner : inner / series.size();
            List<Bar> bars = new ArrayList<>();
            double base = 0;
            for (int k = 0; k < series.size(); k++) {
                Series s = series.get(k);
                if (s.values().get(c) == null) {
                    continue;
                }
                double v = value(s, c);
                double x = stacked ? x0 : x0 + k * barWidth;
                double yTop = y(base + v, top);
                bars.add(new Bar(round(x), round(yTop), round(barWidth), round(y(base, top) - yTop), s.cssClass(), s.titles().get(c)));
                if (stacked) {
                    base += v;
                }
            }
            columns.add(new Column(fit(labels.get(c), columnWidth * Math.max(1, every)), round(x0 + inner / 2), c % Math.max(1, every) == 0, bars));
        }
        List<Legend> legend = series.stream().map(s -> new Legend(s.name(), s.cssClass())).toList();
        return new BarChart(title, description, WIDTH, TOP + PLOT_HEIGHT + BOTTOM, ticks, columns, legend);
    }

    /** The y of the axis (value 0). */
    public int axisY() {
        return TOP + PLOT_HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    /** The label cut to the room it has (about 7 units a character); the bars' titles keep it whole. */
    static String fit(String label, double room) {
        int chars = Math.max(3, (int) (room / 7));
        return label.length() <= chars ? label : label.substring(0, chars - 1) + "…";
    }

    private static double value(Series s, int c) {
        Double v = s.values().get(c);
        return v == null ? 0 : v;
    }

    private static double y(double v, double top) {
        return TOP + PLOT_HEIGHT - PLOT_HEIGHT * v / top;
    }

    /** A round step giving at most five ticks: 1, 2, 5, 10... for counts; 1 min, 5 min, 15 min, 1 h... for durations. */
    static double step(double max, Scale scale) {
        double[] steps = scale == Scale.COUNT ? new double[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000}
                : new double[] {1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 4 * 3600, 6 * 3600, 12 * 3600, 86_400, 2 * 86_400, 7 * 86_400,
                        14 * 86_400, 28 * 86_400};
        for (double s : steps) {
            if (max / s <= 5) {
                return s;
            }
        }
        double last = steps[steps.length - 1];
        return Math.ceil(max / 5 / last) * last;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
