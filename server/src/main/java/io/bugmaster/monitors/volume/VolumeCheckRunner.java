package io.bugmaster.monitors.volume;

import io.bugmaster.events.EventVolume;
import io.bugmaster.monitors.CheckResult;
import io.bugmaster.monitors.CheckRunner;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.VolumeCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts the monitor's project's events of the last hour (with the monitor's filters) and of the
 * same hour 1..weeks weeks before, in the monitor's time zone (so the same local hour across a DST
 * change), and compares them ({@link VolumeComparison}). Costs {@code weeks + 1} counts of an hour
 * of events each ({@link EventVolume}).
 */
@Component
class VolumeCheckRunner implements CheckRunner {
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventVolume events;
    private final Clock clock;

    VolumeCheckRunner(EventVolume events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public MonitorKind kind() {
        return MonitorKind.VOLUME;
    }

    @Override
    public CheckResult run(Monitor monitor, Instant now) {
        VolumeCheck check = monitor.config().volume();
        EventVolume.Filter filter = new EventVolume.Filter(check.tagKey(), check.tagValue(), check.message(), check.transaction());
        try {
            long count = count(monitor.projectId(), now, filter);
            List<Long> weeks = new ArrayList<>(check.weeks());
            for (Instant end : VolumeComparison.earlierWeeks(now, monitor.config().zone(), check.weeks())) {
                weeks.add(count(monitor.projectId(), end, filter));
            }
            VolumeComparison.Verdict verdict = VolumeComparison.compare(count, weeks, check);
            return new CheckResult(verdict.outcome(), (double) count, null, verdict.said(), verdict.detail(), took(now));
        } catch (EventVolume.TooManyToFilter e) {
            return new CheckResult(CheckResult.Outcome.ERROR, null, null, e.getMessage(),
                    JSON.writeValueAsString(Map.of("error", e.getMessage())), took(now));
        }
    }

    private long count(long projectId, Instant end, EventVolume.Filter filter) {
        return events.count(projectId, end.minus(WINDOW), end, filter);
    }

    private long took(Instant started) {
        return Math.max(0, Duration.between(started, clock.instant()).toMillis());
    }
}
