package io.bugmaster.oncall.schedules;

import java.time.Instant;

/** A stored override: {@code userId} covers {@code [start, end)} on the schedule. */
public record ScheduleOverride(long id, long scheduleId, long userId, Instant start, Instant end, Long createdBy, Instant createdAt) {
    ScheduleDefinition.Cover cover() {
        return new ScheduleDefinition.Cover(userId, start, end);
    }
}
