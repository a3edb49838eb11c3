package io.bugmaster.issues;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscalationDetectorTest {

    @Test
    void aQuietIssueEscalatesAtTenEventsInAnHour() {
        assertThat(EscalationDetector.isEscalating(9, 0)).isFalse();
        assertThat(EscalationDetector.isEscalating(10, 0)).isTrue();
    }

    @Test
    void aBusyIssueNeedsTenTimesItsHourlyAverage() {
        long fivePerHourForAWeek = 5 * 168;
        assertThat(EscalationDetector.threshold(fivePerHourForAWeek)).isEqualTo(50);
        assertThat(EscalationDetector.isEscalating(49, fivePerHourForAWeek)).isFalse();
        assertThat(EscalationDetector.isEscalating(50, fivePerHourForAWeek)).isTrue();
    }

    @Test
    void aFractionOfAnEventPerHourRoundsUp() {
        assertThat(EscalationDetector.threshold(200)).isEqualTo(12);
    }
}
