package io.bugmaster.monitors;

import io.bugmaster.common.PureLogic;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * A monitor's settings. For every kind: the schedule (when a check-in is expected, or when the
 * check runs), its time zone, and how many failing results in a row make the monitor down
 * ({@code failureThreshold}) and how many healthy ones bring it up again ({@code recoveryThreshold}),
 * Sentry's {@code failure_issue_threshold} and {@code recovery_threshold}. For cron monitors:
 * {@code checkinMargin} (minutes after the expected time before a check-in counts as missed; Sentry's
 * {@code checkin_margin}, the grace time) and {@code maxRuntime} (minutes a run may stay in progress
 * before it times out). For checks: exactly one of {@code sql}, {@code metric}, {@code volume}, by kind.
 */
@PureLogic
public record MonitorConfig(Schedule schedule, String timezone, int checkinMargin, int maxRuntime, int failureThreshold,
        int recoveryThreshold, SqlCheck sql, MetricCheck metric, VolumeCheck volume) {
    public static final int DEFAULT_MARGIN = 1;
    public static final int DEFAULT_MAX_RUNTIME = 30;

    public MonitorConfig {
        if (schedule == null) {
            throw new IllegalArgumentException("a monitor needs a schedule (a crontab line or an interval)");
        }
        timezone = timezone == null || timezone.isBlank() ? "UTC" : timezone.strip();
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a time zone (IANA name, like Europe/Paris): " + timezone);
        }
        if (checkinMargin < 1 || checkinMargin > 40_320) {
            throw new IllegalArgumentException("checkin_margin is 1 to 40320 minutes, got: " + checkinMargin);
        }
        if (maxRuntime < 1 || maxRuntime > 40_320) {
            throw new IllegalArgumentException("max_runtime is 1 to 40320 minutes, got: " + maxRuntime);
        }
        if (failureThreshold < 1 || failureThreshold > 720) {
            throw new IllegalArgumentException("failure_issue_threshold is 1 to 720, got: " + failureThreshold);
        }
        if (recoveryThreshold < 1 || recoveryThreshold > 720) {
            throw new IllegalArgumentException("recovery_threshold is 1 to 720, got: " + recoveryThreshold);
        }
    }

    /** A cron monitor's settings with Sentry's defaults for what is not given. */
    public static MonitorConfig cron(Schedule schedule, String timezone) {
        return new MonitorConfig(schedule, timezone, DEFAULT_MARGIN, DEFAULT_MAX_RUNTIME, 1, 1, null, null, null);
    }

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }

    public Duration margin() {
        return Duration.ofMinutes(checkinMargin);
    }

    public Duration runtime() {
        return Duration.ofMinutes(maxRuntime);
    }

    /** Checks that the part for {@code kind} is there and no other. */
    public MonitorConfig checkedFor(MonitorKind kind) {
        int parts = (sql == null ? 0 : 1) + (metric == null ? 0 : 1) + (volume == null ? 0 : 1);
        boolean right = switch (kind) {
            case CRON -> parts == 0;
            case SQL -> sql != null && parts == 1;
            case METRIC -> metric != null && parts == 1;
            case VOLUME -> volume != null && parts == 1;
        };
        if (!right) {
            throw new IllegalArgumentException(kind == MonitorKind.CRON ? "a cron monitor has no query"
                    : "a " + kind.id() + " monitor needs its " + kind.id() + " settings and no other kind's");
        }
        return this;
    }
}
