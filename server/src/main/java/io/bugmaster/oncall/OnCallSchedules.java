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

    /**
     * Who is on call on the schedule at {@code at} and for which span: the final schedule's shifts that
     * cover that moment (a shift is looked for up to {@value #SHIFT_REACH_DAYS} days either side, so a
     * longer one is told as starting or ending there). Empty like {@link #usersOnCall}.
     */
    List<CurrentShift> shiftsAt(long orgId, long scheduleId, Instant at);

    int SHIFT_REACH_DAYS = 92;

    /** One person's shift on the final schedule. */
    record CurrentShift(long userId, Instant start, Instant end) {}

    /** The schedule's name when it exists in the organization. */
    Optional<String> name(long orgId, long scheduleId);
}
