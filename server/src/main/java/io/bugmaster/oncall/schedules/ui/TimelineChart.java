package io.bugmaster.oncall.schedules.ui;

import io.bugmaster.common.PureLogic;
import io.bugmaster.oncall.schedules.Shift;
import io.bugmaster.oncall.schedules.Span;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The geometry of a schedule's timeline, drawn as SVG by the page: one row for the final schedule and
 * one per layer, a bar per shift (a colour per person), a tick at each local midnight, gaps in the final
 * row, and a line at now. Pure: the page only places what this computes.
 */
@PureLogic
record TimelineChart(int width, int height, List<Row> rows, List<Tick> ticks, List<Bar> gaps, Double nowX, double todayWidth,
        List<Legend> legend) {
    static final int LABEL_WIDTH = 120;
    static final int ROW_HEIGHT = 34;
    static final int TOP = 24;
    static final int PLOT_WIDTH = 1000;
    static final String[] PALETTE = {"#2563eb", "#d97706", "#059669", "#7c3aed", "#db2777", "#0891b2", "#65a30d", "#dc2626", "#4b5563", "#9333ea"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    record Row(String name, int y, List<Bar> bars) {}

    record Bar(double x, int y, double width, String fill, String label, String title) {}

    record Tick(double x, String label, boolean weekStart) {}

    record Legend(String name, String fill) {}

    static TimelineChart of(ZoneId zone, Instant since, Instant until, Instant now, List<Shift> finalShifts, List<String> layerNames,
            List<List<Shift>> layers, List<Span> gaps, Function<Long, String> names) {
        double total = Duration.between(since, until).toMillis();
        Function<Instant, Double> x = t -> LABEL_WIDTH + PLOT_WIDTH * (Duration.between(since, t).toMillis() / total);
        Map<Long, String> colours = new LinkedHashMap<>();
        Function<Long, String> colour = id -> colours.computeIfAbsent(id, k -> PALETTE[colours.size() % PALETTE.length]);
        List<Row> rows = new ArrayList<>();
        rows.add(row("Final", TOP, finalShifts, x, colour, names, zone));
        for (int i = 0; i < layers.size(); i++) {
            rows.add(row(layerNames.get(i), TOP + ROW_HEIGHT * (i + 1), layers.get(i), x, colour, names, zone));
        }
        List<Tick> ticks = new ArrayList<>();
        ticks.add(new Tick(LABEL_WIDTH, "Today", false));
        for (LocalDate d = since.atZone(zone).toLocalDate().plusDays(1); ; d = d.plusDays(1)) {
            Instant midnight = d.atStartOfDay(zone).toInstant();
            if (!midnight.isBefore(until)) {
                break;
            }
            ticks.add(new Tick(x.apply(midnight), DAY.format(d), d.getDayOfWeek() == java.time.DayOfWeek.MONDAY));
        }
        List<Bar> gapBars = gaps.stream().map(g -> new Bar(x.apply(g.start()), TOP, x.apply(g.end()) - x.apply(g.start()), "none", "",
                "Nobody on call: " + TIME.format(g.start().atZone(zone)) + " to " + TIME.format(g.end().atZone(zone)))).toList();
        Double nowX = now.isBefore(since) || !now.isBefore(until) ? null : x.apply(now);
        List<Legend> legend = colours.entrySet().stream().map(e -> new Legend(names.apply(e.getKey()), e.getValue())).toList();
        double todayWidth = (ticks.size() > 1 ? ticks.get(1).x() : LABEL_WIDTH + PLOT_WIDTH) - LABEL_WIDTH;
        return new TimelineChart(LABEL_WIDTH + PLOT_WIDTH + 10, TOP + ROW_HEIGHT * rows.size() + 6, rows, ticks, gapBars, nowX, todayWidth,
                legend);
    }

    private static Row row(String name, int y, List<Shift> shifts, Function<Instant, Double> x, Function<Long, String> colour,
            Function<Long, String> names, ZoneId zone) {
        List<Bar> bars = new ArrayList<>();
        for (Shift s : shifts) {
            double from = x.apply(s.start());
            double w = x.apply(s.end()) - from;
            String who = names.apply(s.userId());
            // a name is written in the bar only where it fits (about 7 px a character)
            String label = w > who.length() * 7 + 8 ? who : "";
            bars.add(new Bar(from, y, w, colour.apply(s.userId()), label,
                    who + ": " + TIME.format(s.start().atZone(zone)) + " to " + TIME.format(s.end().atZone(zone))));
        }
        return new Row(name, y, bars);
    }
}
