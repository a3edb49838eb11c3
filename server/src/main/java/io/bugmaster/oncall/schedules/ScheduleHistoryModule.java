package io.bugmaster.oncall.schedules;

import io.bugmaster.engine.EngineModule;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Engine step: the final schedules' past is recorded as it passes, so no later edit rewrites it. */
@Component
class ScheduleHistoryModule implements EngineModule {
    static final int BATCH = 200;

    private final ScheduleService schedules;

    ScheduleHistoryModule(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @Override
    public String name() {
        return "schedule-history";
    }

    @Override
    public void run(Instant now) {
        schedules.recordHistory(now, BATCH);
    }
}
