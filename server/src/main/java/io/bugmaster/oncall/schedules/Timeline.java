package io.bugmaster.oncall.schedules;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Who is on call as a step function of time: each key starts a stretch held by its value (a user id,
 * or null for nobody) until the next key. Painting a span replaces whatever was there, which is how a
 * later layer, a temporary schedule and an override each win over what lies beneath.
 */
@PureLogic
final class Timeline {
    private final TreeMap<Instant, Long> steps = new TreeMap<>();

    Long at(Instant t) {
        Map.Entry<Instant, Long> e = steps.floorEntry(t);
        return e == null ? null : e.getValue();
    }

    void paint(Instant start, Instant end, Long userId) {
        if (!end.isAfter(start)) {
            return;
        }
        Long after = at(end);
        steps.subMap(start, true, end, true).clear();
        steps.put(start, userId);
        steps.put(end, after);
    }

    /** The people's stretches within {@code [from, to)}, one per person per unbroken stretch. */
    List<Shift> shifts(Instant from, Instant to) {
        List<Shift> out = new ArrayList<>();
        Long current = at(from);
        Instant since = from;
        for (Map.Entry<Instant, Long> e : steps.subMap(from, false, to, false).entrySet()) {
            if (!Objects.equals(e.getValue(), current)) {
                if (current != null) {
                    out.add(new Shift(current, since, e.getKey()));
                }
                current = e.getValue();
                since = e.getKey();
            }
        }
        if (current != null && to.isAfter(since)) {
            out.add(new Shift(current, since, to));
        }
        return out;
    }
}
