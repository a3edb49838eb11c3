package io.bugmaster.monitors.cron;

import io.bugmaster.accounts.Directory;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.storage.Transactions;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * healthchecks.io-style pings: finds the cron monitor by its ping UUID, or by the project's ping key
 * and its slug, and records the ping as a run of the job (source {@code ping}) in one transaction.
 */
@Service
public class Pings {
    private final MonitorStore store;
    private final MonitorService monitors;
    private final CronRuns runs;
    private final Directory directory;
    private final Transactions tx;

    Pings(MonitorStore store, MonitorService monitors, CronRuns runs, Directory directory, Transactions tx) {
        this.store = store;
        this.monitors = monitors;
        this.runs = runs;
        this.directory = directory;
        this.tx = tx;
    }

    /**
     * @param runId  a check_in_id from healthchecks' {@code ?rid=}, or null
     * @param output the first 10 KB of the body ({@link JobOutput}), or null
     * @return false when no cron monitor has this address
     */
    public boolean ping(PingPath ping, String runId, String output, Instant at) {
        return tx.write(() -> {
            Optional<Monitor> monitor = find(ping).filter(m -> m.kind() == MonitorKind.CRON);
            if (monitor.isEmpty()) {
                return false;
            }
            CronRuns.Report report = new CronRuns.Report(runId, ping.status(), null, ping.exitCode(), output, "ping", null, null, null);
            return monitors.withLock(monitor.get().id(), locked -> runs.report(locked.projectId(), locked, report, at)).isPresent();
        });
    }

    private Optional<Monitor> find(PingPath ping) {
        if (ping.uuid() != null) {
            return store.findByPingUuid(ping.uuid());
        }
        return store.projectOfPingKey(ping.pingKey()).flatMap(project -> directory.orgOfProject(project)
                .flatMap(org -> store.findBySlug(org, ping.slug())).filter(m -> m.projectId() == project));
    }
}
