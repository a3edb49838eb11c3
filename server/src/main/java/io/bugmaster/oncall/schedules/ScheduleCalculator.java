package io.bugmaster.oncall.schedules;

import io.bugmaster.common.PureLogic;
import io.bugmaster.oncall.schedules.ScheduleDefinition.Cover;
import io.bugmaster.oncall.schedules.ScheduleDefinition.TemporarySchedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who is on call, computed from a schedule's definition alone (no storage, no clock). Turns and
 * restriction windows are calendar arithmetic in the schedule's zone: a handoff at 09:00 stays at
 * 09:00 local when the clocks change. The final schedule is painted bottom up: layers in order (a
 * later layer wins where it has someone), then temporary schedules (each replaces everything for its
 * span), then overrides (a later one wins).
 */
@PureLogic
public final class ScheduleCalculator {
    private ScheduleCalculator() {}

    /** Who is on call at {@code at}, if anyone. */
    public static Optional<Long> onCallAt(ScheduleDefinition schedule, Instant at) {
        return finalShifts(schedule, at, at.plusMillis(1)).stream().map(Shift::userId).findFirst();
    }

    /** The final schedule over {@code [since, until)}: consecutive time of one person is one shift. */
    public static List<Shift> finalShifts(ScheduleDefinition schedule, Instant since, Instant until) {
        return timeline(schedule, since, until).shifts(since, until);
    }

    /** Where nobody is on call within {@code [since, until)}. */
    public static List<Span> gaps(ScheduleDefinition schedule, Instant since, Instant until) {
        return gaps(finalShifts(schedule, since, until), since, until);
    }

    /** The holes that {@code shifts} (sorted, not overlapping) leave in {@code [since, until)}. */
    public static List<Span> gaps(List<Shift> shifts, Instant since, Instant until) {
        List<Span> out = new ArrayList<>();
        Instant cursor = since;
        for (Shift s : shifts) {
            if (s.start().isAfter(cursor)) {
                out.add(new Span(cursor, s.start()));
            }
            if (s.end().isAfter(cursor)) {
                cursor = s.end();
            }
        }
        if (until.isAfter(cursor)) {
            out.add(new Span(cursor, until));
        }
        return out;
    }

    /** One layer alone over {@code [since, until)}, as if it were the only one. */
    public static List<Shift> layerShifts(Layer layer, ZoneId zone, Instant since, Instant until) {
        Timeline t = new Timeline();
        for (Shift s : layerSegments(layer, zone, since, until)) {
            t.paint(s.start(), s.end(), s.userId());
        }
        return t.shifts(since, until);
    }

    /**
     * Shifts recorded before {@code horizon} followed by computed ones from it: a person on call across
     * the horizon gets one shift, not two.
     */
    public static List<Shift> join(List<Shift> recorded, List<Shift> computed) {
        List<Shift> out = new ArrayList<>(recorded);
        for (Shift s : computed) {
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).userId() == s.userId() && out.get(last).end().equals(s.start())) {
                out.set(last, new Shift(s.userId(), out.get(last).start(), s.end()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static Timeline timeline(ScheduleDefinition schedule, Instant since, Instant until) {
        Timeline t = new Timeline();
        for (Layer layer : schedule.layers()) {
            for (Shift s : layerSegments(layer, schedule.zone(), since, until)) {
                t.paint(s.start(), s.end(), s.userId());
            }
        }
        for (TemporarySchedule temp : schedule.temporarySchedules()) {
            Instant from = max(temp.start(), since);
            Instant to = min(temp.end(), until);
            t.paint(from, to, null);
            for (Shift s : temp.shifts()) {
                t.paint(max(max(s.start(), from), since), min(s.end(), to), s.userId());
            }
        }
        for (Cover o : schedule.overrides()) {
            t.paint(max(o.start(), since), min(o.end(), until), o.userId());
        }
        return t;
    }

    /** The layer's turns within {@code [since, until)}, cut to its restriction windows; not merged. */
    private static List<Shift> layerSegments(Layer layer, ZoneId zone, Instant since, Instant until) {
        Instant from = max(since, layer.start());
        Instant to = layer.end() == null ? until : min(until, layer.end());
        List<Shift> out = new ArrayList<>();
        if (layer.users().isEmpty() || !to.isAfter(from)) {
            return out;
        }
        List<Span> windows = layer.restrictions().isEmpty() ? List.of(new Span(from, to)) : windows(layer.restrictions(), zone, from, to);
        TurnLength turn = layer.turnLength();
        ZonedDateTime first = layer.rotationVirtualStart().atZone(zone);
        int w = 0;
        for (long k = firstTurn(turn, first, from); w < windows.size(); k++) {
            Instant turnStart = turn.turnStart(first, k).toInstant();
            if (!turnStart.isBefore(to)) {
                break;
            }
            Instant turnEnd = turn.turnStart(first, k + 1).toInstant();
            long user = layer.users().get((int) Math.floorMod(k, (long) layer.users().size()));
            while (w < windows.size() && !windows.get(w).end().isAfter(turnStart)) {
                w++;
            }
            for (int i = w; i < windows.size() && windows.get(i).start().isBefore(turnEnd); i++) {
                Instant s = max(max(turnStart, windows.get(i).start()), from);
                Instant e = min(min(turnEnd, windows.get(i).end()), to);
                if (e.isAfter(s)) {
                    out.add(new Shift(user, s, e));
                }
            }
        }
        return out;
    }

    /** The number of the turn that holds {@code at}. */
    private static long firstTurn(TurnLength turn, ZonedDateTime first, Instant at) {
        long k = turn.approximateTurn(first, at.atZone(first.getZone()));
        while (turn.turnStart(first, k).toInstant().isAfter(at)) {
            k--;
        }
        while (!turn.turnStart(first, k + 1).toInstant().isAfter(at)) {
            k++;
        }
        return k;
    }

    /** The restriction windows that touch {@code [from, to)}, clipped to it, sorted and merged. */
    static List<Span> windows(List<Restriction> restrictions, ZoneId zone, Instant from, Instant to) {
        List<Span> all = new ArrayList<>();
        LocalDate fromDay = from.atZone(zone).toLocalDate();
        LocalDate lastDay = to.atZone(zone).toLocalDate();
        for (Restriction r : restrictions) {
            // a window that started up to a day (a week) earlier may still be open at from
            LocalDate firstDay = fromDay.minusDays(r.kind() == Restriction.Kind.WEEKLY ? 7 : 1);
            for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
                if (r.kind() == Restriction.Kind.WEEKLY && d.getDayOfWeek() != r.startDayOfWeek()) {
                    continue;
                }
                LocalDateTime localStart = d.atTime(r.startTimeOfDay());
                Instant s = ZonedDateTime.of(localStart, zone).toInstant();
                Instant e = ZonedDateTime.of(localStart.plusSeconds(r.durationSeconds()), zone).toInstant();
                Instant cs = max(s, from);
                Instant ce = min(e, to);
                if (ce.isAfter(cs)) {
                    all.add(new Span(cs, ce));
                }
            }
        }
        all.sort(Comparator.comparing(Span::start));
        List<Span> merged = new ArrayList<>();
        for (Span s : all) {
            int last = merged.size() - 1;
            if (last >= 0 && !s.start().isAfter(merged.get(last).end())) {
                if (s.end().isAfter(merged.get(last).end())) {
                    merged.set(last, new Span(merged.get(last).start(), s.end()));
                }
            } else {
                merged.add(s);
            }
        }
        return merged;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
