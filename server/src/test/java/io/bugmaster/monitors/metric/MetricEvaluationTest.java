package io.bugmaster.monitors.metric;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.monitors.CheckResult.Outcome;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.MetricCheck;
import io.bugmaster.monitors.metric.PrometheusAnswer.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricEvaluationTest {
    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    static final MetricCheck ERRORS_FOR_5 = new MetricCheck(1, "rate(x[5m])", new Condition("gt", 0.5), 5);

    static List<Series> one(double v) {
        return List.of(new Series(Map.of(), v));
    }

    @Test
    void aSeriesOverTheThresholdIsPendingUntilItHasHeldForTheForDuration() {
        MetricEvaluation.Found first = MetricEvaluation.evaluate(one(0.93), ERRORS_FOR_5, null, T0);
        assertThat(first.outcome()).isEqualTo(Outcome.OK);
        assertThat(first.said()).isEqualTo("1 series > 0.5 for less than 5 min");
        MetricEvaluation.Found later = MetricEvaluation.evaluate(one(0.91), ERRORS_FOR_5, first.detail(), T0.plus(Duration.ofMinutes(4)));
        assertThat(later.outcome()).isEqualTo(Outcome.OK);
        MetricEvaluation.Found held = MetricEvaluation.evaluate(one(0.934), ERRORS_FOR_5, later.detail(), T0.plus(Duration.ofMinutes(5)));
        assertThat(held.outcome()).isEqualTo(Outcome.FIRING);
        assertThat(held.said()).isEqualTo("value 0.93 > 0.5 for 5 min");
        assertThat(held.value()).isEqualTo(0.934);
        assertThat(held.detail()).contains("\"holding_since\":" + T0.toEpochMilli()).contains("\"firing\":1");
    }

    @Test
    void aSeriesThatFallsBackStartsAgainFromZero() {
        MetricEvaluation.Found first = MetricEvaluation.evaluate(one(0.93), ERRORS_FOR_5, null, T0);
        MetricEvaluation.Found fell = MetricEvaluation.evaluate(one(0.2), ERRORS_FOR_5, first.detail(), T0.plus(Duration.ofMinutes(3)));
        assertThat(fell.outcome()).isEqualTo(Outcome.OK);
        assertThat(fell.said()).isEqualTo("value 0.2");
        MetricEvaluation.Found again = MetricEvaluation.evaluate(one(0.9), ERRORS_FOR_5, fell.detail(), T0.plus(Duration.ofMinutes(6)));
        assertThat(again.outcome()).isEqualTo(Outcome.OK);
        assertThat(MetricEvaluation.evaluate(one(0.9), ERRORS_FOR_5, again.detail(), T0.plus(Duration.ofMinutes(11))).outcome())
                .isEqualTo(Outcome.FIRING);
    }

    @Test
    void withoutForItFiresAtOnceAndEachSeriesIsComparedOnItsOwn() {
        MetricCheck check = new MetricCheck(1, "up", new Condition("lt", 1), 0);
        List<Series> series = List.of(new Series(Map.of("job", "api", "instance", "a:1"), 1), new Series(Map.of("job", "api",
                "instance", "b:1"), 0), new Series(Map.of("job", "db"), 0));
        MetricEvaluation.Found found = MetricEvaluation.evaluate(series, check, null, T0);
        assertThat(found.outcome()).isEqualTo(Outcome.FIRING);
        assertThat(found.said()).isEqualTo("2 series < 1: {instance=\"b:1\",job=\"api\"}, {job=\"db\"}");
        assertThat(found.value()).isEqualTo(0.0);
        assertThat(MetricEvaluation.evaluate(List.of(series.get(0), series.get(1)), check, null, T0).said())
                .isEqualTo("value 0 < 1: {instance=\"b:1\",job=\"api\"}");
    }

    @Test
    void noSeriesAndNaNNeverHold() {
        MetricCheck check = new MetricCheck(1, "x", new Condition("ne", 1), 0);
        assertThat(MetricEvaluation.evaluate(List.of(), check, null, T0).said()).isEqualTo("no series");
        MetricEvaluation.Found nan = MetricEvaluation.evaluate(one(Double.NaN), check, null, T0);
        assertThat(nan.outcome()).isEqualTo(Outcome.OK);
        assertThat(nan.detail()).contains("\"value\":\"NaN\"");
    }

    @Test
    void theDetailShowsTheFirstSeriesAndRemembersEveryHoldingOne() {
        MetricCheck check = new MetricCheck(1, "x", new Condition("gt", 0), 10);
        List<Series> many = java.util.stream.IntStream.range(0, 30).mapToObj(i -> new Series(Map.of("i", String.format("%02d", i)), 1))
                .toList();
        MetricEvaluation.Found found = MetricEvaluation.evaluate(many, check, null, T0);
        assertThat(found.detail()).contains("\"total\":30", "\"pending\":30");
        assertThat(found.detail().split("\"labels\"", -1)).hasSize(MetricEvaluation.SHOWN + 1);
        assertThat(MetricEvaluation.holdingSince(found.detail())).hasSize(30);
        assertThat(MetricEvaluation.evaluate(many, check, found.detail(), T0.plus(Duration.ofMinutes(10))).said())
                .isEqualTo("30 series > 0 for 10 min: {i=\"00\"}, {i=\"01\"}, {i=\"02\"}, …");
    }
}
