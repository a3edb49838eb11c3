package io.bugmaster.monitors.ui;

import io.bugmaster.common.PureLogic;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A monitor's last days as bars, one per UTC day, coloured by the worst that happened that day: down
 * (it was down at some time), failing (runs failed but not enough in a row to make it down), late,
 * up, paused, or no data (before the monitor existed, or before its first result).
 */
@PureLogic
final class UptimeBars {
    static final int DAYS = 90;

    private UptimeBars() {}

    /** One day's bar: {@code level} is the CSS class (down, failing, late, up, paused, none); {@code title} the tooltip. */
    record Day(LocalDate date, String level, String title) {}

    /**
     * @param flips     the monitor's state changes since the first day, and the last one before it (oldest first)
     * @param failures  failing runs by UTC day (days since the epoch)
     * @param createdAt when the monitor was made (days before it, and before its first state change, have no data)
     */
    static List<Day> days(Instant now, Instant createdAt, List<MonitorStore.Flip> flips, Map<Long, Long> failures) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate first = today.minusDays(DAYS - 1L);
        List<Day> out = new ArrayList<>(DAYS);
        MonitorState state = MonitorState.NEW;
        int next = 0;
        // runs adopted from before the monitor was made (or written by a test) count from their first state change
        Instant since = flips.isEmpty() || flips.get(0).at().isAfter(createdAt) ? createdAt : flips.get(0).at();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            Instant start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = start.plus(Duration.ofDays(1));
            while (next < flips.size() && flips.get(next).at().isBefore(start)) {
                state = flips.get(next++).to();
            }
            Set<MonitorState> seen = EnumSet.of(state);
            int downs = 0;
            while (next < flips.size() && flips.get(next).at().isBefore(end)) {
                state = flips.get(next++).to();
                seen.add(state);
                downs += state == MonitorState.DOWN ? 1 : 0;
            }
            long failed = failures.getOrDefault(d.toEpochDay(), 0L);
            if (!end.isAfter(since)) {
                out.add(new Day(d, "none", d + ": no data"));
                continue;
            }
            String level = seen.contains(MonitorState.DOWN) ? "down" : failed > 0 ? "failing" : seen.contains(MonitorState.LATE) ? "late"
                    : seen.contains(MonitorState.UP) ? "up" : seen.contains(MonitorState.PAUSED) ? "paused" : "none";
            out.add(new Day(d, level, d + ": " + words(level, downs, failed)));
        }
        return out;
    }

    /** The share of days with data that had no failure, "99.1%"; "—" without data. */
    static String uptime(List<Day> days) {
        long counted = days.stream().filter(d -> !d.level().equals("none") && !d.level().equals("paused")).count();
        if (counted == 0) {
            return "—";
        }
        long good = days.stream().filter(d -> d.level().equals("up") || d.level().equals("late")).count();
        double pct = 100.0 * good / counted;
        return (pct == 100.0 ? "100" : String.format(java.util.Locale.ROOT, "%.1f", pct)) + "%";
    }

    private static String words(String level, int downs, long failed) {
        String runs = failed == 0 ? "" : ", " + failed + (failed == 1 ? " failing run" : " failing runs");
        return switch (level) {
            case "down" -> (downs == 0 ? "down" : downs == 1 ? "went down" : "went down " + downs + " times") + runs;
            case "failing" -> "up" + runs;
            case "late" -> "up, a check-in came late";
            case "up" -> "up, no failures";
            case "paused" -> "paused";
            default -> "no data";
        };
    }
}
