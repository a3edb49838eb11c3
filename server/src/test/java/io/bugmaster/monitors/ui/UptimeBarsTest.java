package io.bugmaster.monitors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 90 daily bars: the worst state of each UTC day, from state changes and failing runs. */
class UptimeBarsTest {
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    static long day(String date) {
        return LocalDate.parse(date).toEpochDay();
    }

    static MonitorStore.Flip flip(String at, MonitorState from, MonitorState to) {
        return new MonitorStore.Flip(Instant.parse(at), from, to, null);
    }

    @Test
    void eachDayShowsItsWorstStateAndDaysBeforeTheMonitorHaveNoData() {
        List<MonitorStore.Flip> flips = List.of(
                flip("2026-12-01T03:00:00Z", MonitorState.NEW, MonitorState.UP),
                flip("2026-12-03T03:05:00Z", MonitorState.UP, MonitorState.DOWN),
                flip("2026-12-03T09:00:00Z", MonitorState.DOWN, MonitorState.UP),
                flip("2026-12-04T12:00:00Z", MonitorState.UP, MonitorState.PAUSED));
        List<UptimeBars.Day> days = UptimeBars.days(NOW, Instant.parse("2026-12-01T00:00:00Z"), flips,
                Map.of(day("2026-12-02"), 2L, day("2026-12-03"), 1L));
        assertThat(days).hasSize(90);
        assertThat(days.get(89).date()).isEqualTo(LocalDate.parse("2026-12-05"));
        assertThat(days.subList(85, 90)).extracting(UptimeBars.Day::level).containsExactly("up", "failing", "down", "up", "paused");
        assertThat(days.get(84).level()).isEqualTo("none");
        assertThat(days.get(84).title()).isEqualTo("2026-11-30: no data");
        assertThat(days.get(86).title()).isEqualTo("2026-12-02: up, 2 failing runs");
        assertThat(days.get(87).title()).isEqualTo("2026-12-03: went down, 1 failing run");
        // the day it was paused counts as up (it was up that morning); the paused day after does not count
        assertThat(UptimeBars.uptime(days)).isEqualTo("50.0%");
    }

    @Test
    void aMonitorDownSinceBeforeTheWindowIsDownEveryDay() {
        List<MonitorStore.Flip> flips = List.of(flip("2026-01-01T00:00:00Z", MonitorState.UP, MonitorState.DOWN));
        List<UptimeBars.Day> days = UptimeBars.days(NOW, Instant.parse("2025-06-01T00:00:00Z"), flips, Map.of());
        assertThat(days).extracting(UptimeBars.Day::level).containsOnly("down");
        assertThat(days.get(0).title()).endsWith(": down");
        assertThat(UptimeBars.uptime(days)).isEqualTo("0.0%");
    }

    @Test
    void stateChangesFromBeforeTheMonitorWasMadeCountFromTheFirstOne() {
        List<MonitorStore.Flip> flips = List.of(flip("2026-12-02T03:00:00Z", MonitorState.NEW, MonitorState.DOWN));
        List<UptimeBars.Day> days = UptimeBars.days(NOW, NOW, flips, Map.of());
        assertThat(days.subList(85, 90)).extracting(UptimeBars.Day::level).containsExactly("none", "down", "down", "down", "down");
    }
}
