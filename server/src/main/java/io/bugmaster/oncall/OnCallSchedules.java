package io.bugmaster.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who is on call on a schedule: what escalation policies, the bugmaster rotation and {@code /oncalls/}
 * ask. Answers come from the schedule's layers, overrides and temporary schedules at that moment.
 */
public interface OnCallSchedules {

    /** The people on call on the schedule at {@code at} (user ids, in the schedule's order); empty when nobody is or the schedule is not in the organization. */
    List<Long> usersOnCall(long orgId, long scheduleId, Instant at);

    /** The schedule's name when it exists in the organization. */
    Optional<String> name(long orgId, long scheduleId);
}
