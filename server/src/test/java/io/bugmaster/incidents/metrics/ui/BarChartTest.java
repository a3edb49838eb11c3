package io.bugmaster.incidents.metrics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The geometry of the metrics page's bar charts: round ticks, bars to scale, stacked parts, labels that fit, links that keep the filters. */
class BarChartTest {

    static BarChart.Series series(String css, Double... values) {
        return new BarChart.Series(css, css, Arrays.asList(values), Arrays.stream(values).map(v -> css + " " + v).toList());
    }

    @Test
    void barsAreToScaleOnRoundTicks() {
        BarChart c = BarChart.of("t", "d", List.of("a", "b"), List.of(series("n", 3.0, 7.0)), false, BarChart.Scale.COUNT);
        assertThat(c.ticks()).extracting(BarChart.Tick::label).containsExactly("0", "2", "4", "6", "8");
        BarChart.Bar seven = c.columns().get(1).bars().get(0);
        assertThat(seven.height()).isEqualTo(Math.round(BarChart.PLOT_HEIGHT * 7 / 8.0 * 10) / 10.0);
        assertThat(seven.y() + seven.height()).isCloseTo(c.axisY(), org.assertj.core.data.Offset.offset(0.2));
        assertThat(seven.title()).isEqualTo("n 7.0");
    }

    @Test
    void durationsTickInWordsAndAMissingValueHasNoBar() {
        BarChart c = BarChart.of("t", "d", List.of("w1", "w2"), List.of(series("mtta", 90.0, null), series("mttr", 3000.0, 7200.0)), false,
                BarChart.Scale.DURATION);
        assertThat(c.ticks()).extracting(BarChart.Tick::label).containsExactly("0s", "30m", "1h", "1h 30m", "2h");
        assertThat(c.columns().get(1).bars()).extracting(BarChart.Bar::cssClass).containsExactly("mttr");
        assertThat(c.columns().get(0).bars().get(1).x()).as("side by side").isGreaterThan(c.columns().get(0).bars().get(0).x());
    }

    @Test
    void stackedPartsSitOnEachOther() {
        BarChart c = BarChart.of("t", "d", List.of("ann"), List.of(series("day", 2.0), series("night", 3.0)), true, BarChart.Scale.COUNT);
        List<BarChart.Bar> bars = c.columns().get(0).bars();
        assertThat(bars.get(1).y() + bars.get(1).height()).isCloseTo(bars.get(0).y(), org.assertj.core.data.Offset.offset(0.2));
        assertThat(bars.get(1).x()).isEqualTo(bars.get(0).x());
    }

    @Test
    void emptyAndCrowdedCharts() {
        assertThat(BarChart.of("t", "d", List.of(), List.of(), false, BarChart.Scale.COUNT).columns()).isEmpty();
        List<String> weeks = java.util.stream.IntStream.range(0, 53).mapToObj(i -> "week " + i).toList();
        BarChart c = BarChart.of("t", "d", weeks, List.of(new BarChart.Series("n", "n", weeks.stream().map(w -> 1.0).toList(), weeks)), false,
                BarChart.Scale.COUNT);
        assertThat(c.columns().stream().filter(BarChart.Column::labelShown).count()).isLessThanOrEqualTo(BarChart.MAX_LABELS);
        assertThat(BarChart.fit("someone.with.a.long.name@example.com", 70)).isEqualTo("someone.w…");
        assertThat(BarChart.fit("Ann", 70)).isEqualTo("Ann");
    }

    @Test
    void aLinkKeepsTheFiltersAndChangesOne() {
        MetricsFilters f = MetricsFilters.of("/orgs/shop/incidents/metrics", "90", null, null, "Europe/Paris", "3", null, null, "open");
        assertThat(f.with("priority", "2")).isEqualTo("/orgs/shop/incidents/metrics?days=90&tz=Europe%2FParis&service_id=3&list=open&priority=2#counted");
        assertThat(f.with(java.util.Map.of("from", "2026-11-30"))).doesNotContain("days=").contains("from=2026-11-30");
        assertThat(f.days(30)).isEqualTo("/orgs/shop/incidents/metrics?days=30&tz=Europe%2FParis&service_id=3");
        assertThat(f.with("service_id", "")).doesNotContain("service_id");
        assertThat(MetricsFilters.of("/m", null, null, null, null, null, null, null, "a&b=<c>").with("x", "1")).isEqualTo("/m?list=a%26b%3D%3Cc%3E&x=1#counted");
    }
}
