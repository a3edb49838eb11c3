package io.bugmaster.issues.ui;

import static org.assertj.core.api.Assertions.assertThat;

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
}
