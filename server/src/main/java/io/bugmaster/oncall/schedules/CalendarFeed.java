package io.bugmaster.oncall.schedules;

import java.time.Instant;

/**
 * A secret iCalendar URL: one schedule's final schedule ({@code scheduleId}) or one person's shifts on
 * every schedule of the organization ({@code userId}). It works while it is not revoked and its
 * creator is still a member.
 */
public record CalendarFeed(long id, long orgId, Long scheduleId, Long userId, long createdBy, Instant createdAt, Instant revokedAt) {
    public boolean revoked() {
        return revokedAt != null;
    }
}
