package io.bugmaster.monitors.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.monitors.CheckResult.Outcome;
import io.bugmaster.monitors.VolumeCheck;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeComparisonTest {
    static VolumeCheck check(String direction) {
        return new VolumeCheck(null, null, "login succeeded", null, direction, 4, 50, 100);
    }

    @Test
    void aDropBelowTheLowestWeekLessTheToleranceFires() {
        VolumeComparison.Verdict v = VolumeComparison.compare(312, List.of(2137L, 2389L, 2250L, 2301L), check("drop"));
        assertThat(v.outcome()).isEqualTo(Outcome.FIRING);
        assertThat(v.fired()).isEqualTo("drop");
        assertThat(v.said()).isEqualTo("310 in the last hour, usually 2,100-2,400");
        assertThat(v.detail()).isEqualTo("{\"count\":312,\"usual_low\":2137,\"usual_high\":2389,\"weeks\":[2137,2389,2250,2301],"
                + "\"fired\":\"drop\"}");
        assertThat(VolumeComparison.compare(1069, List.of(2137L, 2389L), check("drop")).outcome()).isEqualTo(Outcome.OK);
        assertThat(VolumeComparison.compare(1068, List.of(2137L, 2389L), check("drop")).outcome()).isEqualTo(Outcome.FIRING);
    }

    @Test
    void aSpikeAboveTheHighestWeekPlusTheToleranceFiresOnlyWhenWatched() {
        List<Long> weeks = List.of(200L, 220L);
        assertThat(VolumeComparison.compare(331, weeks, check("spike")).fired()).isEqualTo("spike");
        assertThat(VolumeComparison.compare(330, weeks, check("spike")).outcome()).isEqualTo(Outcome.OK);
        assertThat(VolumeComparison.compare(331, weeks, check("drop")).outcome()).isEqualTo(Outcome.OK);
        assertThat(VolumeComparison.compare(331, weeks, check("both")).fired()).isEqualTo("spike");
        assertThat(VolumeComparison.compare(0, weeks, check("spike")).outcome()).isEqualTo(Outcome.OK);
        assertThat(VolumeComparison.compare(0, weeks, check("both")).fired()).isEqualTo("drop");
    }

    @Test
    void quietWeeksAreNoBaselineSoAQuietHourNeverFires() {
        VolumeComparison.Verdict night = VolumeComparison.compare(0, List.of(3L, 0L, 12L, 99L), check("both"));
        assertThat(night.outcome()).isEqualTo(Outcome.OK);
        assertThat(night.said()).isEqualTo("0 in the last hour; too quiet before to compare (fewer than 100 in the same hour of the last 4 weeks)");
        VolumeComparison.Verdict some = VolumeComparison.compare(10, List.of(3L, 150L, 12L, 160L), check("drop"));
        assertThat(some.fired()).isEqualTo("drop");
        assertThat(some.said()).isEqualTo("10 in the last hour, usually 150-160");
    }

    @Test
    void theSameHourOfEarlierWeeksIsOnTheMonitorsWallClockAcrossDaylightSavingTime() {
        // Paris moved to summer time on 29 March 2026: 10:30 local is 08:30 UTC after, 09:30 UTC before
        assertThat(VolumeComparison.earlierWeeks(Instant.parse("2026-04-01T08:30:00Z"), ZoneId.of("Europe/Paris"), 2))
                .containsExactly(Instant.parse("2026-03-25T09:30:00Z"), Instant.parse("2026-03-18T09:30:00Z"));
        assertThat(VolumeComparison.earlierWeeks(Instant.parse("2026-04-01T08:30:00Z"), ZoneId.of("UTC"), 1))
                .containsExactly(Instant.parse("2026-03-25T08:30:00Z"));
    }

    @Test
    void theWordsStayTheSameWhileTheCountMovesALittle() {
        List<Long> weeks = List.of(2137L, 2389L);
        assertThat(VolumeComparison.compare(312, weeks, check("drop")).said())
                .isEqualTo(VolumeComparison.compare(309, weeks, check("drop")).said());
        assertThat(VolumeComparison.compare(5, List.of(100L, 100L), check("drop")).said()).isEqualTo("5 in the last hour, usually 100");
    }
}
