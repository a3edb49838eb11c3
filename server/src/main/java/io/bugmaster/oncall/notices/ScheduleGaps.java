package io.bugmaster.oncall.notices;

import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.oncall.schedules.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** Gaps ahead on a schedule (nobody on call), as its page shows them and its team is warned of them. */
@Service
public class ScheduleGaps {
    private final ScheduleService schedules;
    private final Duration horizon;

    ScheduleGaps(ScheduleService schedules, NoticeProperties props) {
        this.schedules = schedules;
        this.horizon = props.gapWarningHorizon();
    }

    /** How far ahead gaps are looked for ({@code BUGMASTER_GAP_WARNING_HORIZON}, 14 days unless set). */
    public Duration horizon() {
        return horizon;
    }

    /** Where nobody is on call on the schedule from {@code now} to the horizon; empty for another organization's schedule. */
    public List<Span> upcomingGaps(long orgId, long scheduleId, Instant now) {
        return horizon.isZero() ? List.of() : schedules.gaps(orgId, scheduleId, now, now.plus(horizon));
    }
}
