package io.bugmaster.oncall.schedules;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Everything that decides who is on call: the time zone, the layers (a later layer wins where it has
 * someone), temporary schedules (each replaces all layers for its span with its own shifts) and
 * overrides (each puts one person on call for a span, over everything else; a later one wins).
 */
@PureLogic
public record ScheduleDefinition(ZoneId zone, List<Layer> layers, List<TemporarySchedule> temporarySchedules,
        List<Cover> overrides) {
    public ScheduleDefinition {
        Objects.requireNonNull(zone, "zone");
        layers = List.copyOf(layers);
        temporarySchedules = List.copyOf(temporarySchedules);
        overrides = List.copyOf(overrides);
    }

    /** A span for which the layers are replaced by these shifts (nobody on call where they leave a hole). */
    public record TemporarySchedule(Instant start, Instant end, List<Shift> shifts) {
        public TemporarySchedule {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("a temporary schedule ends after it starts");
            }
            shifts = List.copyOf(shifts);
        }
    }

    /** An override: {@code userId} covers {@code [start, end)} whoever the schedule says. */
    public record Cover(long userId, Instant start, Instant end) {
        public Cover {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("an override ends after it starts");
            }
        }
    }
}
