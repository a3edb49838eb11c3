package io.bugmaster.oncall.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.oncall.schedules.ScheduleDefinition.Cover;
import io.bugmaster.oncall.schedules.ScheduleDefinition.TemporarySchedule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who is on call, from definitions alone, at fixed instants. */
class ScheduleCalculatorTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId UTC = ZoneId.of("UTC");
    static final long ANN = 1, BOB = 2, CID = 3, DEE = 4, EVE = 5, FAY = 6, OVERRIDER = 99;

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static Layer layer(Instant virtualStart, TurnLength turn, List<Long> users, Restriction... restrictions) {
        return new Layer("layer", virtualStart, null, virtualStart, turn, users, List.of(restrictions));
    }

    static ScheduleDefinition schedule(ZoneId zone, Layer... layers) {
        return new ScheduleDefinition(zone, List.of(layers), List.of(), List.of());
    }

    static Shift shift(long user, String start, String end) {
        return new Shift(user, at(start), at(end));
    }

    @Test
    void weeklyRotationHandsOverEveryMondayAtTheVirtualStartsLocalTime() {
        // Monday 2 March 2026, 09:00 in Paris (UTC+1)
        var s = schedule(PARIS, layer(at("2026-03-02T08:00:00Z"), TurnLength.weeks(1), List.of(ANN, BOB, CID)));
        assertThat(ScheduleCalculator.finalShifts(s, at("2026-03-01T00:00:00Z"), at("2026-03-24T00:00:00Z"))).containsExactly(
                shift(ANN, "2026-03-02T08:00:00Z", "2026-03-09T08:00:00Z"),
                shift(BOB, "2026-03-09T08:00:00Z", "2026-03-16T08:00:00Z"),
                shift(CID, "2026-03-16T08:00:00Z", "2026-03-23T08:00:00Z"),
                shift(ANN, "2026-03-23T08:00:00Z", "2026-03-24T00:00:00Z"));
        assertThat(ScheduleCalculator.onCallAt(s, at("2026-03-10T10:00:00Z"))).contains(BOB);
        assertThat(ScheduleCalculator.onCallAt(s, at("2026-03-09T07:59:59Z"))).contains(ANN);
        assertThat(ScheduleCalculator.onCallAt(s, at("2026-03-09T08:00:00Z"))).contains(BOB);
        // before the layer starts, nobody
        assertThat(ScheduleCalculator.onCallAt(s, at("2026-03-01T12:00:00Z"))).isEmpty();
        // a year on, the turn is still counted from the virtual start: week 52 -> 52 % 3 = 1 -> Bob; Paris is on summer time
        assertThat(ScheduleCalculator.onCallAt(s, at("2027-03-01T08:00:00Z"))).contains(BOB);
        assertThat(ScheduleCalculator.onCallAt(s, at("2026-08-31T07:00:00Z"))).as("handoff at 09:00 CEST = 07:00Z")
                .isEqualTo(Optional.of(CID)); // 26 weeks -> 26 % 3 = 2
    }

    @Test
    void dailyHandoffAtNineStaysAtNineLocalAcrossSpringForwardInParis() {
        // 29 March 2026: 02:00 CET -> 03:00 CEST
        var s = schedule(PARIS, layer(at("2026-03-27T08:00:00Z"), TurnLength.days(1), List.of(ANN, BOB)));
        assertThat(ScheduleCalculator.finalShifts(s, at("2026-03-27T08:00:00Z"), at("2026-03-31T07:00:00Z"))).containsExactly(
                shift(ANN, "2026-03-27T08:00:00Z", "2026-03-28T08:00:00Z"),
                shift(BOB, "2026-03-28T08:00:00Z", "2026-03-29T07:00:00Z"), // 23 hours
                shift(ANN, "2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z"),
                shift(BOB, "2026-03-30T07:00:00Z", "2026-03-31T07:00:00Z"));
    }

    @Test
    void dailyHandoffAtNineStaysAtNineLocalAcrossFallBackInParis() {
        // 25 October 2026: 03:00 CEST -> 02:00 CET
        var s = schedule(PARIS, layer(at("2026-10-23T07:00:00Z"), TurnLength.days(1), List.of(ANN, BOB)));
        List<Shift> shifts = ScheduleCalculator.finalShifts(s, at("2026-10-23T07:00:00Z"), at("2026-10-26T08:00:00Z"));
        assertThat(shifts).containsExactly(
                shift(ANN, "2026-10-23T07:00:00Z", "2026-10-24T07:00:00Z"),
                shift(BOB, "2026-10-24T07:00:00Z", "2026-10-25T08:00:00Z"),
                shift(ANN, "2026-10-25T08:00:00Z", "2026-10-26T08:00:00Z"));
        assertThat(Duration.between(shifts.get(1).start(), shifts.get(1).end())).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void dailyHandoffAtNineStaysAtNineLocalAcrossBothChangesInNewYork() {
        // 8 March 2026: 02:00 EST -> 03:00 EDT; 1 November 2026: 02:00 EDT -> 01:00 EST
        var s = schedule(NEW_YORK, layer(at("2026-03-06T14:00:00Z"), TurnLength.days(1), List.of(ANN, BOB)));
        assertThat(ScheduleCalculator.finalShifts(s, at("2026-03-07T00:00:00Z"), at("2026-03-09T00:00:00Z"))).containsExactly(
                shift(ANN, "2026-03-07T00:00:00Z", "2026-03-07T14:00:00Z"),
                shift(BOB, "2026-03-07T14:00:00Z", "2026-03-08T13:00:00Z"),
                shift(ANN, "2026-03-08T13:00:00Z", "2026-03-09T00:00:00Z"));
        // 240 days after 6 March is 1 November (even: Ann's turn); 31 October 09:00 EDT = 13:00Z, 1 November 09:00 EST = 14:00Z
        assertThat(ScheduleCalculator.finalShifts(s, at("2026-10-31T00:00:00Z"), at("2026-11-02T00:00:00Z"))).containsExactly(
                shift(ANN, "2026-10-31T00:00:00Z", "2026-10-31T13:00:00Z"),
                shift(BOB, "2026-10-31T13:00:00Z", "2026-11-01T14:00:00Z"),
                shift(ANN, "2026-11-01T14:00:00Z", "2026-11-02T00:00:00Z"));
    }

    @Test
    void followTheSunWithThreeRestrictedLayersLeavesNoGap() {
        Instant monday = at("2026-03-02T00:00:00Z");
        var s = schedule(UTC,
                layer(monday, TurnLength.weeks(1), List.of(ANN, BOB), Restriction.daily(LocalTime.of(0, 0), 8 * 3600)),
                layer(monday, TurnLength.weeks(1), List.of(CID, DEE), Restriction.daily(LocalTime.of(8, 0), 8 * 3600)),
                layer(monday, TurnLength.weeks(1), List.of(EVE, FAY), Restriction.daily(LocalTime.of(16, 0), 8 * 3600)));
        assertThat(ScheduleCalculator.gaps(s, monday, at("2026-03-16T00:00:00Z"))).isEmpty();
        assertThat(ScheduleCalculator.onCallAt(s, at("2026-03-03T03:00:00Z"))).contains(ANN);
        assertThat(ScheduleCalculator.onCallAt(s, at("2026-03-03T09:00:00Z"))).contains(CID);
        assertThat(ScheduleCalculator.onCallAt(s, at("2026-03-03T23:59:59Z"))).contains(EVE);
        assertThat(ScheduleCalculator.onCallAt(s, at("2026-03-10T03:00:00Z"))).contains(BOB);
        assertThat(ScheduleCalculator.finalShifts(s, at("2026-03-03T00:00:00Z"), at("2026-03-04T00:00:00Z"))).containsExactly(
                shift(ANN, "2026-03-03T00:00:00Z", "2026-03-03T08:00:00Z"),
                shift(CID, "2026-03-03T08:00:00Z", "2026-03-03T16:00:00Z"),
                shift(EVE, "2026-03-03T16:00:00Z", "2026-03-04T00:00:00Z"));
        assertThat(ScheduleCalculator.layerShifts(s.layers().get(1), UTC, at("2026-03-03T00:00:00Z"), at("2026-03-05T00:00:00Z")))
                .containsExactly(shift(CID, "2026-03-03T08:00:00Z", "2026-03-03T16:00:00Z"),
                        shift(CID, "2026-03-04T08:00:00Z", "2026-03-04T16:00:00Z"));
    }

    @Test
    void aLaterLayerWinsOnlyWhereItHasSomeone() {
        Instant monday = at("2026-03-02T00:00:00Z");
        var s = schedule(UTC, layer(monday, TurnLength.weeks(1), List.of(ANN)),
                layer(monday, TurnLength.weeks(1), List.of(BOB), Restriction.weekly(DayOfWeek.WEDNESDAY, LocalTime.of(12, 0), 3600)));
        assertThat(ScheduleCalculator.finalShifts(s, monday, at("2026-03-05T00:00:00Z"))).containsExactly(
                shift(ANN, "2026-03-02T00:00:00Z", "2026-03-04T12:00:00Z"),
                shift(BOB, "2026-03-04T12:00:00Z", "2026-03-04T13:00:00Z"),
                shift(ANN, "2026-03-04T13:00:00Z", "2026-03-05T00:00:00Z"));
    }

    @Test
    void anOverrideCoversItsSpanAndALaterOverrideWins() {
        Instant monday = at("2026-03-02T00:00:00Z");
        var s = new ScheduleDefinition(UTC, List.of(layer(monday, TurnLength.weeks(1), List.of(ANN, BOB))), List.of(),
                List.of(new Cover(OVERRIDER, at("2026-03-03T12:00:00Z"), at("2026-03-03T14:00:00Z")),
                        new Cover(CID, at("2026-03-03T13:00:00Z"), at("2026-03-03T13:30:00Z")),
                        // the override before the window starts is clipped to it
                        new Cover(DEE, at("2026-03-01T00:00:00Z"), at("2026-03-02T01:00:00Z"))));
        assertThat(ScheduleCalculator.finalShifts(s, monday, at("2026-03-04T00:00:00Z"))).containsExactly(
                shift(DEE, "2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z"),
                shift(ANN, "2026-03-02T01:00:00Z", "2026-03-03T12:00:00Z"),
                shift(OVERRIDER, "2026-03-03T12:00:00Z", "2026-03-03T13:00:00Z"),
                shift(CID, "2026-03-03T13:00:00Z", "2026-03-03T13:30:00Z"),
                shift(OVERRIDER, "2026-03-03T13:30:00Z", "2026-03-03T14:00:00Z"),
                shift(ANN, "2026-03-03T14:00:00Z", "2026-03-04T00:00:00Z"));
        // an override by the person already on call changes nothing visible: one shift
        var same = new ScheduleDefinition(UTC, s.layers(), List.of(), List.of(new Cover(ANN, at("2026-03-03T12:00:00Z"), at("2026-03-03T14:00:00Z"))));
        assertThat(ScheduleCalculator.finalShifts(same, monday, at("2026-03-04T00:00:00Z")))
                .containsExactly(shift(ANN, "2026-03-02T00:00:00Z", "2026-03-04T00:00:00Z"));
    }

    @Test
    void aTemporaryScheduleReplacesEveryLayerForItsSpanButNotOverrides() {
        // Black Friday 27 November 2026 in New York (EST, UTC-5)
        Instant start = at("2026-11-27T05:00:00Z");
        Instant end = at("2026-11-28T05:00:00Z");
        var s = new ScheduleDefinition(NEW_YORK, List.of(layer(at("2026-11-23T14:00:00Z"), TurnLength.weeks(1), List.of(ANN))),
                List.of(new TemporarySchedule(start, end, List.of(new Shift(BOB, start, at("2026-11-27T17:00:00Z")),
                        new Shift(CID, at("2026-11-27T17:00:00Z"), at("2026-11-27T23:00:00Z"))))),
                List.of(new Cover(DEE, at("2026-11-27T20:00:00Z"), at("2026-11-27T21:00:00Z"))));
        assertThat(ScheduleCalculator.finalShifts(s, at("2026-11-27T00:00:00Z"), at("2026-11-28T12:00:00Z"))).containsExactly(
                shift(ANN, "2026-11-27T00:00:00Z", "2026-11-27T05:00:00Z"),
                shift(BOB, "2026-11-27T05:00:00Z", "2026-11-27T17:00:00Z"),
                shift(CID, "2026-11-27T17:00:00Z", "2026-11-27T20:00:00Z"),
                shift(DEE, "2026-11-27T20:00:00Z", "2026-11-27T21:00:00Z"),
                shift(CID, "2026-11-27T21:00:00Z", "2026-11-27T23:00:00Z"),
                shift(ANN, "2026-11-28T05:00:00Z", "2026-11-28T12:00:00Z"));
        // where the temporary schedule names nobody, nobody is on call, though the layer has someone
        assertThat(ScheduleCalculator.gaps(s, at("2026-11-27T00:00:00Z"), at("2026-11-28T12:00:00Z")))
                .containsExactly(new Span(at("2026-11-27T23:00:00Z"), end));
    }

    @Test
    void restrictionsSpanningMidnightAndTheWeekend() {
        Instant monday = at("2026-03-02T00:00:00Z");
        var nights = schedule(PARIS, layer(monday, TurnLength.weeks(1), List.of(ANN), Restriction.daily(LocalTime.of(22, 0), 10 * 3600)));
        assertThat(ScheduleCalculator.finalShifts(nights, at("2026-03-03T00:00:00Z"), at("2026-03-04T12:00:00Z"))).containsExactly(
                shift(ANN, "2026-03-03T00:00:00Z", "2026-03-03T07:00:00Z"), // the window opened Monday 22:00
                shift(ANN, "2026-03-03T21:00:00Z", "2026-03-04T07:00:00Z"));
        // the night of the change to summer time still ends at 08:00 local (9 hours of wall clock)
        assertThat(ScheduleCalculator.finalShifts(nights, at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z")))
                .containsExactly(shift(ANN, "2026-03-28T21:00:00Z", "2026-03-29T06:00:00Z"));
        var weekends = schedule(UTC, layer(monday, TurnLength.weeks(1), List.of(BOB),
                Restriction.weekly(DayOfWeek.FRIDAY, LocalTime.of(18, 0), 63 * 3600)));
        assertThat(ScheduleCalculator.finalShifts(weekends, at("2026-03-08T00:00:00Z"), at("2026-03-16T00:00:00Z"))).containsExactly(
                shift(BOB, "2026-03-08T00:00:00Z", "2026-03-09T09:00:00Z"), // opened Friday 6 March, a week before since
                shift(BOB, "2026-03-13T18:00:00Z", "2026-03-16T00:00:00Z"));
    }

    @Test
    void aLayerOfOnePersonIsOneUnbrokenShift() {
        var s = schedule(UTC, layer(at("2026-03-02T00:00:00Z"), TurnLength.days(1), List.of(ANN)));
        assertThat(ScheduleCalculator.finalShifts(s, at("2026-03-02T00:00:00Z"), at("2026-03-30T00:00:00Z")))
                .containsExactly(shift(ANN, "2026-03-02T00:00:00Z", "2026-03-30T00:00:00Z"));
    }

    @Test
    void anEmptyLayerHidesNothingAndAScheduleOfEmptyLayersIsOneGap() {
        Instant monday = at("2026-03-02T00:00:00Z");
        Layer empty = layer(monday, TurnLength.weeks(1), List.of());
        assertThat(ScheduleCalculator.gaps(schedule(UTC, empty), monday, at("2026-03-03T00:00:00Z")))
                .containsExactly(new Span(monday, at("2026-03-03T00:00:00Z")));
        assertThat(ScheduleCalculator.onCallAt(schedule(UTC), monday)).isEmpty();
        var s = schedule(UTC, layer(monday, TurnLength.weeks(1), List.of(ANN)), empty);
        assertThat(ScheduleCalculator.onCallAt(s, at("2026-03-02T05:00:00Z"))).contains(ANN);
    }

    @Test
    void hourlyTurnsCountRealHoursThroughTheSkippedHour() {
        // New York, 8 March 2026: 01:00 EST (06:00Z), then 03:00 EDT (07:00Z)
        var s = schedule(NEW_YORK, layer(at("2026-03-08T05:00:00Z"), TurnLength.hours(1), List.of(ANN, BOB, CID)));
        assertThat(ScheduleCalculator.finalShifts(s, at("2026-03-08T05:00:00Z"), at("2026-03-08T09:00:00Z"))).containsExactly(
                shift(ANN, "2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z"),
                shift(BOB, "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z"),
                shift(CID, "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"),
                shift(ANN, "2026-03-08T08:00:00Z", "2026-03-08T09:00:00Z"));
    }

    @Test
    void aLayerIsInForceFromItsStartToItsEndWhileItsTurnsCountFromTheVirtualStart() {
        Instant virtual = at("2026-03-02T00:00:00Z");
        Layer l = new Layer("week two", at("2026-03-10T00:00:00Z"), at("2026-03-12T00:00:00Z"), virtual, TurnLength.days(1),
                List.of(ANN, BOB), List.of());
        assertThat(ScheduleCalculator.finalShifts(schedule(UTC, l), virtual, at("2026-03-20T00:00:00Z"))).containsExactly(
                shift(ANN, "2026-03-10T00:00:00Z", "2026-03-11T00:00:00Z"), // day 8: even -> Ann
                shift(BOB, "2026-03-11T00:00:00Z", "2026-03-12T00:00:00Z"));
        // the window before the virtual start counts turns backwards
        assertThat(ScheduleCalculator.layerShifts(new Layer("x", at("2026-02-01T00:00:00Z"), null, virtual, TurnLength.days(1),
                List.of(ANN, BOB), List.of()), UTC, at("2026-02-28T00:00:00Z"), at("2026-03-02T00:00:00Z"))).containsExactly(
                shift(ANN, "2026-02-28T00:00:00Z", "2026-03-01T00:00:00Z"),
                shift(BOB, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"));
    }

    @Test
    void recordedShiftsJoinComputedOnesAcrossTheHorizon() {
        assertThat(ScheduleCalculator.join(List.of(shift(ANN, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")),
                List.of(shift(ANN, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"), shift(BOB, "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z"))))
                .containsExactly(shift(ANN, "2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z"), shift(BOB, "2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z"));
    }
}
