package io.bugmaster.issues.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparklineTest {

    @Test
    void anAreaRisesToTheTopAtTheLargestCount() {
        List<long[]> buckets = List.of(new long[] {0, 0}, new long[] {3600, 4}, new long[] {7200, 2});
        assertThat(Sparkline.area(buckets, 100, 20)).isEqualTo("M0 20L0 20L50 0L100 10L100 20Z");
    }

    @Test
    void noEventsIsAFlatLineAlongTheBottom() {
        assertThat(Sparkline.area(List.of(), 100, 20)).isEqualTo("M0 20H100V20Z");
        assertThat(Sparkline.area(List.of(new long[] {0, 0}, new long[] {3600, 0}), 100, 20)).isEqualTo("M0 20L0 20L100 20L100 20Z");
    }

    @Test
    void barsAreScaledToTheLargestCountAndLabelledInUtc() {
        List<Sparkline.Bar> bars = Sparkline.bars(List.of(new long[] {0, 1}, new long[] {3600, 100}, new long[] {7200, 0}), 30, 50);
        assertThat(bars).hasSize(3);
        assertThat(bars.get(1).height()).isEqualTo(50);
        assertThat(bars.get(1).y()).isZero();
        assertThat(bars.get(0).height()).as("a small count is still visible").isEqualTo(1);
        assertThat(bars.get(2).height()).isZero();
        assertThat(bars.get(1).x()).isEqualTo(10);
        assertThat(bars.get(1).width()).isEqualTo(9);
        assertThat(bars.get(1).label()).isEqualTo("1970-01-01 01:00 UTC: 100 events");
        assertThat(bars.get(0).label()).endsWith(": 1 event");
        assertThat(Sparkline.bars(List.of(new long[] {86400, 2}), 10, 10, true).get(0).label()).isEqualTo("1970-01-02: 2 events");
        assertThat(Sparkline.total(List.of(new long[] {0, 1}, new long[] {0, 2}))).isEqualTo(3);
    }

    static List<long[]> hours(int n) {
        List<long[]> buckets = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            buckets.add(new long[] {7200 + i * 3600L, 0});
        }
        return buckets;
    }

    @Test
    void aDeployMarkerSitsWhereItsMomentFallsWithinItsBar() {
        // 24 hourly buckets from 02:00 drawn 480 wide: each bar is 20 wide
        List<Sparkline.Marker> markers = Sparkline.markers(hours(24), 3600, 480, List.of(
                new Sparkline.Moment(Instant.ofEpochSecond(7200), "at the start"),
                new Sparkline.Moment(Instant.ofEpochSecond(7200 + 3600 + 1800), "halfway through the second hour"),
                new Sparkline.Moment(Instant.ofEpochSecond(7200 + 24 * 3600 - 1), "the last second")));
        assertThat(markers).extracting(Sparkline.Marker::x).containsExactly(0.0, 30.0, 479.99);
        assertThat(markers).extracting(Sparkline.Marker::label)
                .containsExactly("at the start", "halfway through the second hour", "the last second");
    }

    @Test
    void deploysOutsideTheChartAreNotMarked() {
        List<Sparkline.Marker> markers = Sparkline.markers(hours(24), 3600, 480, List.of(
                new Sparkline.Moment(Instant.ofEpochSecond(7199), "just before"),
                new Sparkline.Moment(Instant.ofEpochSecond(7200 + 24 * 3600), "at the end, exclusive")));
        assertThat(markers).isEmpty();
        assertThat(Sparkline.markers(List.of(), 3600, 480, List.of(new Sparkline.Moment(Instant.EPOCH, "x")))).isEmpty();
    }

    @Test
    void dailyChartsPlaceMarkersByDay() {
        List<long[]> days = List.of(new long[] {0, 1}, new long[] {86400, 0}, new long[] {2 * 86400, 3});
        List<Sparkline.Marker> markers = Sparkline.markers(days, 86400, 300, List.of(
                new Sparkline.Moment(Instant.ofEpochSecond(86400 + 6 * 3600), "a quarter into the second day")));
        assertThat(markers).extracting(Sparkline.Marker::x).containsExactly(125.0);
        assertThat(Sparkline.window(days, 86400)).containsExactly(Instant.EPOCH, Instant.ofEpochSecond(3 * 86400));
        assertThat(Sparkline.window(List.of(), 86400)).isNull();
    }
}
