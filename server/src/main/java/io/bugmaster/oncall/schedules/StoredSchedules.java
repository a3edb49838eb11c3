package io.bugmaster.oncall.schedules;

import io.bugmaster.accounts.MembershipListener;
import io.bugmaster.oncall.OnCallSchedules;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The on-call seam answered from stored schedules; and a member who leaves is taken out of them. */
@Service
class StoredSchedules implements OnCallSchedules, MembershipListener {
    private final ScheduleService schedules;

    StoredSchedules(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Override
    public List<Long> usersOnCall(long orgId, long scheduleId, Instant at) {
        return schedules.usersOnCall(orgId, scheduleId, at);
    }

    @Override
    public List<CurrentShift> shiftsAt(long orgId, long scheduleId, Instant at) {
        Duration reach = Duration.ofDays(SHIFT_REACH_DAYS);
        return schedules.shifts(orgId, scheduleId, at.minus(reach), at.plus(reach)).stream()
                .filter(shift -> shift.covers(at))
                .map(shift -> new CurrentShift(shift.userId(), shift.start(), shift.end()))
                .toList();
    }

    @Override
    public Optional<String> name(long orgId, long scheduleId) {
        return schedules.find(orgId, scheduleId).map(Schedule::name);
    }

    @Override
    public void memberLeft(long orgId, long userId) {
        schedules.memberLeft(orgId, userId);
    }
}
