package io.bugmaster.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Placeholder until schedules are stored: there are none, so nobody is on call on one. Replaced by the schedules store. */
@Service
class NoSchedulesYet implements OnCallSchedules {
    @Override
    public List<Long> usersOnCall(long orgId, long scheduleId, Instant at) {
        return List.of();
    }

    @Override
    public Optional<String> name(long orgId, long scheduleId) {
        return Optional.empty();
    }
}
