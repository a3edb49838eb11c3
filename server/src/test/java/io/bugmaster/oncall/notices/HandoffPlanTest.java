package io.bugmaster.oncall.notices;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.oncall.schedules.Shift;
import io.bugmaster.oncall.schedules.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffPlanTest {
    static final Instant T = Instant.parse("2027-03-29T07:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    static Shift shift(long user, Instant start, Instant end) {
        return new Shift(user, start, end);
    }

    @Test
    void aShiftStartingWithinTheLeadIsDueWithWhoHandsOver() {
        List<Shift> shifts = List.of(shift(1, T.minus(Duration.ofDays(7)), T), shift(2, T, T.plus(HOUR)));
        Instant now = T.minus(Duration.ofMinutes(59));
        assertThat(HandoffPlan.due(shifts, now, HOUR, T.plus(HOUR))).containsExactly(new HandoffPlan.Due(2, T, null, 1L));
        assertThat(HandoffPlan.due(shifts, T.minus(Duration.ofMinutes(61)), HOUR, T.plus(HOUR))).as("too early").isEmpty();
        assertThat(HandoffPlan.due(shifts, T, HOUR, T.plus(HOUR))).as("started: no longer ahead").isEmpty();
    }

    @Test
    void theSamePersonContinuingIsNoHandoffAndAFirstShiftHasNobodyBefore() {
        List<Shift> continued = List.of(shift(1, T.minus(HOUR), T), shift(1, T, T.plus(HOUR)));
        assertThat(HandoffPlan.due(continued, T.minusSeconds(60), HOUR, T.plus(HOUR))).isEmpty();
        List<Shift> afterGap = List.of(shift(3, T, T.plus(Duration.ofDays(7))));
        assertThat(HandoffPlan.due(afterGap, T.minusSeconds(60), HOUR, T.plus(Duration.ofDays(8))))
                .containsExactly(new HandoffPlan.Due(3, T, T.plus(Duration.ofDays(7)), null));
    }

    @Test
    void adjacentShiftsOfOnePersonAreOneTurn() {
        Instant two = T.plus(Duration.ofHours(2));
        Instant three = T.plus(Duration.ofHours(3));
        assertThat(HandoffPlan.joined(List.of(shift(1, T, T.plus(HOUR)), shift(1, T.plus(HOUR), two), shift(2, two, three))))
                .containsExactly(shift(1, T, two), shift(2, two, three));
    }

    @Test
    void aGapIsTheSameGapWhenItStartsInsideOneWarnedBefore() {
        List<GapPlan.Warned> warned = List.of(new GapPlan.Warned(T, T.plus(Duration.ofHours(10))));
        assertThat(GapPlan.sameAs(new Span(T.plus(HOUR), T.plus(Duration.ofHours(12))), warned)).as("begun: found from now").isPresent();
        assertThat(GapPlan.sameAs(new Span(T.plus(Duration.ofHours(10)), T.plus(Duration.ofHours(12))), warned))
                .as("goes on where it was last seen to end").isPresent();
        assertThat(GapPlan.sameAs(new Span(T.plus(Duration.ofHours(11)), T.plus(Duration.ofHours(12))), warned)).isEmpty();
        assertThat(GapPlan.sameAs(new Span(T.minus(HOUR), T), warned)).isEmpty();
    }
}
