package io.bugmaster.oncall.schedules;

import java.time.Instant;
import java.util.List;

/** A stored temporary schedule: for {@code [start, end)} these shifts replace every layer. */
public record TemporarySchedule(long id, long scheduleId, Instant start, Instant end, List<Shift> shifts) {
    public TemporarySchedule {
        shifts = List.copyOf(shifts);
    }

    ScheduleDefinition.TemporarySchedule definition() {
        return new ScheduleDefinition.TemporarySchedule(start, end, shifts);
    }
}
