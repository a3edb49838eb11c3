package io.bugmaster.monitors.cron;

import io.bugmaster.accounts.Directory;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.storage.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Check-ins that Sentry SDKs and sentry-cli send in envelopes ({@code check_in} items, handed over
 * by ingest after it parsed them) and by Sentry's HTTP check-in URL. The monitor is the project's
 * organization's monitor with the slug (slugs are unique in an organization, as in Sentry). A
 * {@code monitor_config} creates the monitor in the sending project, or changes its settings when
 * they differ. A slug whose monitor belongs to another project of the organization: the run counts
 * for that monitor, but its settings are only changed by its own project's check-ins (a DSN is no
 * key to another project's monitor). Without a config and without a monitor, the check-in is kept
 * unclaimed until a monitor with its slug is made; so is one whose config is invalid (the error is
 * kept with it) or whose slug names a monitor that is no cron monitor.
 */
@Component
public class SentryCheckIns {
    private static final Logger log = LoggerFactory.getLogger(SentryCheckIns.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MonitorStore store;
    private final MonitorService monitors;
    private final CronRuns runs;
    private final Directory directory;
    private final Transactions tx;

    SentryCheckIns(MonitorStore store, MonitorService monitors, CronRuns runs, Directory directory, Transactions tx) {
        this.store = store;
        this.monitors = monitors;
        this.runs = runs;
        this.directory = directory;
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

    /** Records the check-ins of one envelope to a project, in one transaction. */
    public void record(long projectId, List<CheckIn> checkIns, Instant receivedAt) {
        record(projectId, checkIns, receivedAt, "sentry");
    }

    /**
     * Records check-ins of one request, in one transaction.
     *
     * @return each check-in's check_in_id (a new one for a start that came without one)
     */
    List<String> record(long projectId, List<CheckIn> checkIns, Instant receivedAt, String source) {
        if (checkIns.isEmpty()) {
            return List.of();
        }
        Optional<Long> org = directory.orgOfProject(projectId);
        if (org.isEmpty()) {
            return List.of();
        }
        try {
            return recordAll(org.get(), projectId, checkIns, receivedAt, source);
        } catch (ConflictException | DuplicateKeyException e) {
            // another node made the monitor of a new slug at the same moment: it exists now
            return recordAll(org.get(), projectId, checkIns, receivedAt, source);
        }
    }

    private List<String> recordAll(long orgId, long projectId, List<CheckIn> checkIns, Instant receivedAt, String source) {
        return tx.write(() -> {
            List<String> ids = new ArrayList<>();
            for (CheckIn c : checkIns) {
                ids.add(one(orgId, projectId, c, receivedAt, source));
            }
            return ids;
        });
    }

    private String one(long orgId, long projectId, CheckIn c, Instant at, String source) {
        Optional<Monitor> found = store.findBySlug(orgId, c.monitorSlug());
        JsonNode configJson = c.monitorConfig() == null ? null : parse(c.monitorConfig());
        String configError = null;
        MonitorConfig config = null;
        if (configJson != null) {
            try {
                config = SentryMonitorConfig.read(configJson, found.filter(m -> m.kind() == MonitorKind.CRON).map(Monitor::config)
                        .orElse(null));
            } catch (IllegalArgumentException e) {
                configError = e.getMessage();
            }
        } else if (c.monitorConfig() != null) {
            configError = "monitor_config is not JSON";
        }
        Monitor monitor = found.orElse(null);
        if (monitor == null && config != null) {
            try {
                monitor = monitors.create(orgId, projectId, c.monitorSlug(), new MonitorStore.Settings(c.monitorSlug(), MonitorKind.CRON,
                        config, "error", null, false));
            } catch (InvalidInputException e) {
                configError = e.getMessage();
            }
        } else if (monitor != null && config != null && monitor.kind() == MonitorKind.CRON && monitor.projectId() == projectId
                && !config.equals(monitor.config())) {
            monitor = monitors.update(monitor, new MonitorStore.Settings(monitor.name(), MonitorKind.CRON, config, monitor.severity(),
                    monitor.serviceId(), monitor.createIssue()));
        }
        String payload = payload(configJson, c.monitorConfig(), configError);
        if (monitor == null || monitor.kind() != MonitorKind.CRON) {
            if (configError != null) {
                log.info("check-in for monitor '{}' of project {} kept unclaimed: {}", c.monitorSlug(), projectId, configError);
            }
            String id = c.checkInId() == null ? CronRuns.newCheckInId() : c.checkInId();
            store.insertUnclaimedCheckIn(projectId, c.monitorSlug(), id, c.status(), c.duration(), c.release(),
                    c.environment(), payload, at);
            return id;
        }
        CronRuns.Report report = new CronRuns.Report(c.checkInId(), status(c.status()), c.duration(), null, null, source,
                c.environment(), c.release(), payload);
        return monitors.withLock(monitor.id(), locked -> runs.report(projectId, locked, report, at)).map(CronRuns.Recorded::checkInId)
                .orElse(c.checkInId());
    }

    private static CronRuns.Status status(String status) {
        return switch (status) {
            case "in_progress" -> CronRuns.Status.IN_PROGRESS;
            case "ok" -> CronRuns.Status.OK;
            default -> CronRuns.Status.ERROR;
        };
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String payload(JsonNode config, String configText, String error) {
        if (configText == null) {
            return "{}";
        }
        ObjectNode out = JSON.createObjectNode();
        if (config != null) {
            out.set("monitor_config", config);
        } else {
            out.put("monitor_config", configText);
        }
        if (error != null) {
            out.put("monitor_config_error", error);
        }
        return out.toString();
    }
}
