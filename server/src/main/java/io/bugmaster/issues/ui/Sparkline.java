package io.bugmaster.issues.ui;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Charts of an issue's event counts as SVG geometry: the template draws the elements, this class
 * only computes coordinates (no markup, no styles), from [epoch seconds, count] buckets.
 */
@PureLogic
public final class Sparkline {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private Sparkline() {}

    /** One bar of a bar chart: its rectangle and a label for its {@code <title>}. */
    public record Bar(double x, double y, double width, double height, long count, String label) {}

    /**
     * The path data of a filled area under the counts, in a {@code width} by {@code height} box;
     * a flat line along the bottom when every count is zero or there are no buckets.
     */
    public static String area(List<long[]> buckets, int width, int height) {
        if (buckets == null || buckets.isEmpty()) {
            return "M0 " + height + "H" + width + "V" + height + "Z";
        }
        long max = max(buckets);
        int n = buckets.size();
        double step = n == 1 ? width : (double) width / (n - 1);
        StringBuilder d = new StringBuilder("M0 ").append(height);
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? 0 : i * step;
            d.append('L').append(num(x)).append(' ').append(num(y(buckets.get(i)[1], max, height)));
            if (n == 1) {
                d.append('L').append(width).append(' ').append(num(y(buckets.get(i)[1], max, height)));
            }
        }
        d.append('L').append(width).append(' ').append(height).append('Z');
        return d.toString();
    }

    /** Bars for hourly buckets in a {@code width} by {@code height} box, a gap of one unit between bars. */
    public static List<Bar> bars(List<long[]> buckets, int width, int height) {
        return bars(buckets, width, height, false);
    }

    /** Bars for hourly or daily buckets, labelled with the hour or the day. */
    public static List<Bar> bars(List<long[]> buckets, int width, int height, boolean daily) {
        List<Bar> bars = new ArrayList<>();
        if (buckets == null || buckets.isEmpty()) {
            return bars;
        }
        long max = max(buckets);
        double slot = (double) width / buckets.size();
        double barWidth = Math.max(1, slot - 1);
        for (int i = 0; i < buckets.size(); i++) {
            long count = buckets.get(i)[1];
            double top = y(count, max, height);
            double h = height - top;
            if (count > 0 && h < 1) {
                h = 1;
                top = height - 1;
            }
            String when = (daily ? DAY : HOUR).format(Instant.ofEpochSecond(buckets.get(i)[0]));
            bars.add(new Bar(round(i * slot), round(top), round(barWidth), round(h), count,
                    when + ": " + count + (count == 1 ? " event" : " events")));
        }
        return bars;
    }

    /** Something that happened at a moment, to mark on a chart (a deploy), with what its {@code <title>} says. */
    public record Moment(Instant at, String label) {}

    /** A vertical marker at {@code x} of a chart, with the label for its {@code <title>}. */
    public record Marker(double x, String label) {}

    /**
     * Markers for moments within the chart of {@code buckets} (each {@code bucketSeconds} long,
     * [epoch seconds, count]) drawn {@code width} wide: the chart runs from the start of the first
     * bucket to the end of the last, so a moment halfway through a bucket sits halfway across its
     * bar. Moments outside the chart are left out; the order of the moments is kept.
     */
    public static List<Marker> markers(List<long[]> buckets, long bucketSeconds, int width, List<Moment> moments) {
        List<Marker> markers = new ArrayList<>();
        if (buckets == null || buckets.isEmpty() || moments == null || bucketSeconds <= 0) {
            return markers;
        }
        long from = buckets.get(0)[0] * 1000;
        long to = (buckets.get(buckets.size() - 1)[0] + bucketSeconds) * 1000;
        for (Moment m : moments) {
            long at = m.at().toEpochMilli();
            if (at < from || at >= to) {
                continue;
            }
            markers.add(new Marker(round((double) (at - from) / (to - from) * width), m.label()));
        }
        return markers;
    }

    /** The start of the chart of these buckets, and its end (exclusive); null when there are no buckets. */
    public static Instant[] window(List<long[]> buckets, long bucketSeconds) {
        if (buckets == null || buckets.isEmpty()) {
            return null;
        }
        return new Instant[] {Instant.ofEpochSecond(buckets.get(0)[0]),
                Instant.ofEpochSecond(buckets.get(buckets.size() - 1)[0] + bucketSeconds)};
    }

    /** The total of the counts. */
    public static long total(List<long[]> buckets) {
        long sum = 0;
        if (buckets != null) {
            for (long[] b : buckets) {
                sum += b[1];
            }
        }
        return sum;
    }

    private static long max(List<long[]> buckets) {
        long max = 0;
        for (long[] b : buckets) {
            max = Math.max(max, b[1]);
        }
        return max;
    }

    private static double y(long count, long max, int height) {
        if (max == 0) {
            return height;
        }
        return height - (double) count / max * height;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String num(double v) {
        double r = round(v);
        if (r == Math.rint(r)) {
            return Long.toString((long) r);
        }
        return String.format(Locale.ROOT, "%.2f", r);
    }
}
