package io.bugmaster.monitors.cron;

import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.storage.Transactions;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Check-ins that Sentry SDKs and sentry-cli send in envelopes ({@code check_in} items), handed over
 * by ingest after it parsed them.
 */
@Component
public class SentryCheckIns {
    private final MonitorStore store;
    private final Transactions tx;

    SentryCheckIns(MonitorStore store, Transactions tx) {
        this.store = store;
        this.tx = tx;
    }

    /**
     * One parsed {@code check_in} item.
     *
     * @param checkInId     32 lower-case hex digits (all zeros: the latest run in progress)
     * @param status        in_progress, ok, error
     * @param duration      seconds, or null
     * @param monitorConfig the item's {@code monitor_config} as JSON text, or null
     */
    public record CheckIn(String monitorSlug, String checkInId, String status, Double duration, String release, String environment,
            String monitorConfig) {}

    /** Records the check-ins of one request to a project, in one transaction. */
    public void record(long projectId, List<CheckIn> checkIns, Instant receivedAt) {
        if (checkIns.isEmpty()) {
            return;
        }
        tx.write(() -> {
            for (CheckIn c : checkIns) {
                store.insertUnclaimedCheckIn(projectId, c.monitorSlug(), c.checkInId(), c.status(), c.duration(), c.release(),
                        c.environment(), c.monitorConfig() == null ? "{}" : "{\"monitor_config\":" + c.monitorConfig() + "}", receivedAt);
            }
        });
    }
}
