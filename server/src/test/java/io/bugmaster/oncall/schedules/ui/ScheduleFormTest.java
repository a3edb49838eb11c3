package io.bugmaster.oncall.schedules.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.oncall.schedules.Restriction;
import io.bugmaster.oncall.schedules.ScheduleInput;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schedule form's own notations: wall-clock times in the schedule's zone, emails in order, restriction lines. */
class ScheduleFormTest {

    @Test
    void restrictionLinesReadAndWriteBack() {
        assertThat(ScheduleForm.restriction("r", "daily 22:00 10h")).isEqualTo(new ScheduleInput.RestrictionInput("daily_restriction", "22:00", 36_000L, null));
        assertThat(ScheduleForm.restriction("r", " Weekly Friday 18:00 63h ")).isEqualTo(new ScheduleInput.RestrictionInput("weekly_restriction", "18:00", 226_800L, 5));
        assertThat(ScheduleForm.restriction("r", "daily 9:30 7h30m")).isEqualTo(new ScheduleInput.RestrictionInput("daily_restriction", "09:30", 27_000L, null));
        assertThat(ScheduleForm.restrictionLine(Restriction.weekly(DayOfWeek.FRIDAY, LocalTime.of(18, 0), 226_800))).isEqualTo("weekly fri 18:00 63h");
        assertThat(ScheduleForm.restrictionLine(Restriction.daily(LocalTime.of(9, 30), 27_000))).isEqualTo("daily 09:30 7h30m");
        for (String bad : List.of("daily 09:00", "weekly 09:00 8h", "daily mon 09:00 8h", "sometimes 09:00 8h", "daily 9h 8h")) {
            assertThatThrownBy(() -> ScheduleForm.restriction("layer 1 restrictions", bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is not a restriction; write 'daily 09:00 8h'");
        }
    }

    @Test
    void aLayerIsReadInTheSchedulesZoneWithPeopleInOrderAndUnusedSlotsAreSkipped() {
        ScheduleForm form = ScheduleForm.read(Map.ofEntries(Map.entry("name", "Primary"), Map.entry("time_zone", "America/New_York"),
                Map.entry("layer0.start", "2026-03-08T09:00"), Map.entry("layer0.turn", "2"), Map.entry("layer0.unit", "days"),
                Map.entry("layer0.users", "Bob@example.com\r\n\r\nann@example.com"), Map.entry("layer0.restrictions", "daily 08:00 12h"),
                Map.entry("layer1.start", ""), Map.entry("layer1.users", ""), Map.entry("layer1.turn", "1"), Map.entry("layer1.unit", "weeks")));
        ScheduleInput input = form.input(Map.of("ann@example.com", 1L, "bob@example.com", 2L));
        assertThat(input.layers()).hasSize(1);
        ScheduleInput.LayerInput layer = input.layers().get(0);
        assertThat(layer.start()).isEqualTo("2026-03-08T13:00:00Z"); // 09:00 EDT, the first day of summer time
        assertThat(layer.rotationTurnLengthSeconds()).isEqualTo(172_800L);
        assertThat(layer.users()).containsExactly("2", "1");
        assertThatThrownBy(() -> ScheduleForm.read(Map.of("name", "P", "time_zone", "UTC", "layer0.start", "2026-03-08T09:00", "layer0.turn", "0",
                "layer0.unit", "weeks", "layer0.users", "ann@example.com")).input(Map.of("ann@example.com", 1L)))
                .isInstanceOf(InvalidInputException.class).hasMessage("layer 1 turn length: a turn lasts at least 1 week");
    }
}
