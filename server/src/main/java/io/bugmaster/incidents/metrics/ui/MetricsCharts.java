package io.bugmaster.incidents.metrics.ui;

import io.bugmaster.incidents.metrics.IncidentMetrics;
import io.bugmaster.incidents.metrics.IncidentMetricsService;
import io.bugmaster.incidents.metrics.ReadableDuration;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The four charts of the metrics page, from a report. */
final class MetricsCharts {
    /** The most paged people shown in the load chart (the table lists everyone). */
    static final int PEOPLE_CHARTED = 20;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private MetricsCharts() {}

    static BarChart perWeek(IncidentMetrics m) {
        List<IncidentMetrics.Week> weeks = m.weeks();
        List<String> labels = weeks.stream().map(w -> DAY.format(w.monday())).toList();
        return BarChart.of("Incidents per week", "Incidents created in each ISO week, " + window(weeks), labels, List.of(
                new BarChart.Series("Incidents", "bar-incidents", weeks.stream().map(w -> (double) w.summary().incidents()).toList(),
                        weeks.stream().map(w -> w.isoWeek() + " (from " + DAY.format(w.monday()) + "): " + count(w.summary().incidents())).toList())),
                false, BarChart.Scale.COUNT);
    }

    static BarChart responsePerWeek(IncidentMetrics m) {
        List<IncidentMetrics.Week> weeks = m.weeks();
        List<String> labels = weeks.stream().map(w -> DAY.format(w.monday())).toList();
        return BarChart.of("Median time to acknowledge and to resolve per week",
                "For the incidents created in each ISO week, " + window(weeks) + "; no bar where none was acknowledged or resolved", labels,
                List.of(new BarChart.Series("Median time to acknowledge", "bar-mtta", weeks.stream().map(w -> seconds(w.summary().toAcknowledge().median())).toList(),
                                weeks.stream().map(w -> w.isoWeek() + ": median time to acknowledge " + text(w.summary().toAcknowledge())).toList()),
                        new BarChart.Series("Median time to resolve", "bar-mttr", weeks.stream().map(w -> seconds(w.summary().toResolve().median())).toList(),
                                weeks.stream().map(w -> w.isoWeek() + ": median time to resolve " + text(w.summary().toResolve())).toList())),
                false, BarChart.Scale.DURATION);
    }

    static BarChart stages(IncidentMetrics m) {
        List<IncidentMetrics.StageTime> stages = m.stages();
        return BarChart.of("Mean time in each stage", "Per incident that entered the stage; an open incident's current stage counts up to now",
                stages.stream().map(s -> s.stage().id()).toList(),
                List.of(new BarChart.Series("Mean time per incident", "bar-stage", stages.stream().map(s -> seconds(s.mean())).toList(),
                        stages.stream().map(s -> s.stage().id() + ": mean " + ReadableDuration.of(s.mean()) + ", median " + ReadableDuration.of(s.median())
                                + " over " + count(s.incidents()) + ", " + ReadableDuration.of(s.total()) + " in all").toList())),
                false, BarChart.Scale.DURATION);
    }

    static BarChart load(IncidentMetricsService.Report r) {
        List<IncidentMetrics.Load> load = r.metrics().load().stream().limit(PEOPLE_CHARTED).toList();
        return BarChart.of("Pages per person", "Pages about the counted incidents; the dark part of each bar is pages at night (22:00 to 07:00, "
                + r.metrics().query().zone().getId() + ")", load.stream().map(l -> r.personName(l.userId())).toList(),
                List.of(new BarChart.Series("Daytime pages", "bar-day", load.stream().map(l -> (double) (l.pages() - l.nightPages())).toList(),
                                load.stream().map(l -> r.personName(l.userId()) + ": " + (l.pages() - l.nightPages()) + " daytime pages").toList()),
                        new BarChart.Series("Night pages", "bar-night", load.stream().map(l -> (double) l.nightPages()).toList(),
                                load.stream().map(l -> r.personName(l.userId()) + ": " + l.nightPages() + " night pages").toList())),
                true, BarChart.Scale.COUNT);
    }

    private static String window(List<IncidentMetrics.Week> weeks) {
        return weeks.isEmpty() ? "" : "weeks from " + DAY.format(weeks.get(0).monday()) + " to " + DAY.format(weeks.get(weeks.size() - 1).monday());
    }

    private static Double seconds(Duration d) {
        return d == null ? null : d.toMillis() / 1000.0;
    }

    private static String text(IncidentMetrics.Stat s) {
        return s.count() == 0 ? "none" : ReadableDuration.of(s.median()) + " (" + s.count() + ")";
    }

    private static String count(int n) {
        return n + (n == 1 ? " incident" : " incidents");
    }
}
