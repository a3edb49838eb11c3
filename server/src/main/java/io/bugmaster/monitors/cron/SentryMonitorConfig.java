package io.bugmaster.monitors.cron;

import io.bugmaster.common.PureLogic;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.Schedule;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A Sentry check-in's {@code monitor_config} read into a cron monitor's settings: {@code schedule}
 * ({@code {type: crontab, value: "0 3 * * *"}} or {@code {type: interval, value: 2, unit: hour}}),
 * {@code checkin_margin}, {@code max_runtime}, {@code timezone}, {@code failure_issue_threshold},
 * {@code recovery_threshold}. A field that is absent or null keeps the monitor's current value (or
 * Sentry's default for a new monitor), so a job that sends only its schedule keeps what a person set.
 */
@PureLogic
public final class SentryMonitorConfig {
    private SentryMonitorConfig() {}

    /**
     * @param base the monitor's settings, or null for a new monitor
     * @throws IllegalArgumentException with what is wrong, in words for the person who wrote the config
     */
    public static MonitorConfig read(JsonNode config, MonitorConfig base) {
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException("monitor_config is not an object");
        }
        Schedule schedule = schedule(config.get("schedule"), base);
        String zone = config.hasNonNull("timezone") ? text(config.get("timezone"), "timezone") : base == null ? null : base.timezone();
        return new MonitorConfig(schedule, zone,
                number(config, "checkin_margin", base == null ? MonitorConfig.DEFAULT_MARGIN : base.checkinMargin()),
                number(config, "max_runtime", base == null ? MonitorConfig.DEFAULT_MAX_RUNTIME : base.maxRuntime()),
                number(config, "failure_issue_threshold", base == null ? 1 : base.failureThreshold()),
                number(config, "recovery_threshold", base == null ? 1 : base.recoveryThreshold()), null, null, null);
    }

    private static Schedule schedule(JsonNode s, MonitorConfig base) {
        if (s == null || s.isNull()) {
            if (base == null) {
                throw new IllegalArgumentException("monitor_config has no schedule (a crontab line or an interval)");
            }
            return base.schedule();
        }
        if (!s.isObject()) {
            throw new IllegalArgumentException("monitor_config.schedule is an object: {\"type\":\"crontab\",\"value\":\"0 3 * * *\"}");
        }
        String type = s.hasNonNull("type") ? text(s.get("type"), "schedule.type").toLowerCase(Locale.ROOT) : "";
        JsonNode value = s.get("value");
        if (value == null || value.isNull() || value.isContainer()) {
            throw new IllegalArgumentException("monitor_config.schedule has no value");
        }
        return switch (type) {
            case "crontab" -> Schedule.crontab(text(value, "schedule.value"));
            case "interval" -> new Schedule(Schedule.Type.INTERVAL, value.isNumber() ? value.asString() : text(value, "schedule.value"),
                    s.hasNonNull("unit") ? text(s.get("unit"), "schedule.unit").toLowerCase(Locale.ROOT) : null);
            default -> throw new IllegalArgumentException("monitor_config.schedule.type is crontab or interval, got: " + clip(type));
        };
    }

    private static int number(JsonNode config, String field, int fallback) {
        JsonNode v = config.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.asInt();
        }
        if (v.isString() && v.asString().strip().matches("[0-9]{1,9}")) {
            return Integer.parseInt(v.asString().strip());
        }
        throw new IllegalArgumentException("monitor_config." + field + " is a whole number, got: " + clip(v.toString()));
    }

    private static String text(JsonNode v, String field) {
        if (!v.isString()) {
            throw new IllegalArgumentException("monitor_config." + field + " is text, got: " + clip(v.toString()));
        }
        return v.asString();
    }

    private static String clip(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
