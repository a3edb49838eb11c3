package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.alerting.WeeklyReports.IssueLine;
import io.bugmaster.alerting.WeeklyReports.ProjectSection;
import io.bugmaster.alerting.WeeklyReports.Schedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeeklyReportsTest {
    static final Schedule MONDAY_8 = Schedule.parse("MON 08:00").orElseThrow();

    @Test
    void theScheduleIsAWeekdayAndAUtcTimeOrOff() {
        assertThat(MONDAY_8).isEqualTo(new Schedule(DayOfWeek.MONDAY, LocalTime.of(8, 0)));
        assertThat(Schedule.parse("friday 7:30")).contains(new Schedule(DayOfWeek.FRIDAY, LocalTime.of(7, 30)));
        assertThat(Schedule.parse("off")).isEmpty();
        assertThatThrownBy(() -> Schedule.parse("someday")).hasMessageContaining("BUGMASTER_WEEKLY_REPORT");
        assertThatThrownBy(() -> Schedule.parse("MON 25:00")).hasMessageContaining("MON 08:00");
    }

    @Test
    void theReportIsDueFromItsTimeForADayAndNamesItsIsoWeek() {
        // 2026-11-23 is a Monday (ISO week 48)
        Instant monday8 = Instant.parse("2026-11-23T08:00:00Z");
        assertThat(WeeklyReports.due(MONDAY_8, Instant.parse("2026-11-23T07:59:59Z"))).as("last week's is more than a day old")
                .isEmpty();
        assertThat(WeeklyReports.due(MONDAY_8, monday8)).contains(monday8);
        assertThat(WeeklyReports.due(MONDAY_8, Instant.parse("2026-11-24T08:00:00Z"))).contains(monday8);
        assertThat(WeeklyReports.due(MONDAY_8, Instant.parse("2026-11-24T08:00:01Z"))).as("skipped, not sent late").isEmpty();
        assertThat(WeeklyReports.isoWeek(monday8)).isEqualTo("2026-W48");
        assertThat(WeeklyReports.isoWeek(Instant.parse("2027-01-01T08:00:00Z"))).isEqualTo("2026-W53");
    }

    @Test
    void theReportSumsUpEachProjectWithTheTopIssuesAndLinks() {
        List<IssueLine> top = List.of(new IssueLine("SHOP-1", "CardDeclined: declined\n- fake item", 12, "https://bugs/i/1/"));
        var report = WeeklyReports.build("payments", "2026-W48", Instant.parse("2026-11-16T08:00:00Z"),
                Instant.parse("2026-11-23T08:00:00Z"), List.of(
                        new ProjectSection("shop", 7, top, 1, top, 3, top),
                        new ProjectSection("quiet", 0, List.of(), 0, List.of(), 0, List.of()))).orElseThrow();
        assertThat(report.title()).isEqualTo("Weekly report 2026-W48 for #payments: 7 new, 1 regressed, 3 unassigned");
        assertThat(report.body()).contains("## shop: 7 new, 1 regressed, 3 unassigned")
                .contains("New issues (7, the 1 most seen):")
                .contains("- SHOP-1 CardDeclined: declined - fake item (12 events) https://bugs/i/1/")
                .contains("Regressed issues (1):")
                .contains("## quiet: 0 new, 0 regressed, 0 unassigned\nNothing new");
        assertThat(report.body().lines()).as("a title cannot add lines of its own").noneMatch(l -> l.equals("- fake item"));
    }

    @Test
    void aTeamWithNothingToTellGetsNoReport() {
        assertThat(WeeklyReports.build("payments", "2026-W48", Instant.EPOCH, Instant.EPOCH,
                List.of(new ProjectSection("quiet", 0, List.of(), 0, List.of(), 0, List.of())))).isEmpty();
    }
}
