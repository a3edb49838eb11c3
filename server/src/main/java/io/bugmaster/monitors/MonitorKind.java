package io.bugmaster.monitors;

import java.util.Locale;
import java.util.Optional;

/**
 * What a monitor watches: a job that checks in (cron), or a check Bugmaster runs on a schedule:
 * an SQL query on a team's replica (sql), a PromQL query (metric), the volume of a project's events (volume).
 */
public enum MonitorKind {
    CRON, SQL, METRIC, VOLUME;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the kinds Bugmaster runs itself (the others wait for check-ins). */
    public boolean runByBugmaster() {
        return this != CRON;
    }

    public static Optional<MonitorKind> parse(String id) {
        for (MonitorKind k : values()) {
            if (k.id().equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
