package io.bugmaster.monitors.ui;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.MetricCheck;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.Schedule;
import io.bugmaster.monitors.SqlCheck;
import io.bugmaster.monitors.VolumeCheck;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the monitor form shows and sends: every field as typed (so a rejected form comes back as it
 * was), turned into the monitor's settings by {@link #settings()}, which names the field at fault.
 */
record MonitorForm(String kind, String name, String slug, String project, String severity, String service, boolean createIssue,
        String scheduleType, String crontab, String intervalValue, String intervalUnit, String timezone, String checkinMargin,
        String maxRuntime, String failureThreshold, String recoveryThreshold, String dataSource, String query, String valueOf,
        String operator, String threshold, String forMinutes, String tagKey, String tagValue, String message, String transaction,
        String direction, String weeks, String tolerance, String minimumUsual) {

    static MonitorForm blank(MonitorKind kind) {
        boolean cron = kind == MonitorKind.CRON;
        return new MonitorForm(kind.id(), "", "", "", "error", "", false, cron ? "crontab" : "interval", "0 3 * * *",
                kind == MonitorKind.VOLUME ? "1" : "5", kind == MonitorKind.VOLUME ? "hour" : "minute", "UTC",
                Integer.toString(MonitorConfig.DEFAULT_MARGIN), Integer.toString(MonitorConfig.DEFAULT_MAX_RUNTIME), "1", "1", "", "",
                "rows", "gt", "0", "0", "", "", "", "", "drop", "4", "50", "0");
    }

    static MonitorForm of(Monitor m, String projectSlug) {
        MonitorConfig c = m.config();
        Schedule s = c.schedule();
        boolean crontab = s.type() == Schedule.Type.CRONTAB;
        SqlCheck sql = c.sql();
        MetricCheck metric = c.metric();
        VolumeCheck v = c.volume();
        Condition cond = sql != null ? sql.condition() : metric != null ? metric.condition() : Condition.anyRows();
        return new MonitorForm(m.kind().id(), m.name(), m.slug(), projectSlug, m.severity(), m.serviceId() == null ? "" : m.serviceId().toString(),
                m.createIssue(), s.type().id(), crontab ? s.value() : "0 3 * * *", crontab ? "5" : s.value(), crontab ? "minute" : s.unit(),
                c.timezone(), Integer.toString(c.checkinMargin()), Integer.toString(c.maxRuntime()), Integer.toString(c.failureThreshold()),
                Integer.toString(c.recoveryThreshold()),
                sql != null ? Long.toString(sql.dataSourceId()) : metric != null ? Long.toString(metric.dataSourceId()) : "",
                sql != null ? sql.query() : metric != null ? metric.query() : "", sql == null || sql.countRows() ? "rows" : "first_column",
                cond.operator(), MonitorCharts.number(cond.threshold()).replace(",", ""), metric == null ? "0" : Integer.toString(metric.forMinutes()),
                v == null ? "" : orEmpty(v.tagKey()), v == null ? "" : orEmpty(v.tagValue()), v == null ? "" : orEmpty(v.message()),
                v == null ? "" : orEmpty(v.transaction()), v == null ? "drop" : v.direction(), v == null ? "4" : Integer.toString(v.weeks()),
                v == null ? "50" : Integer.toString(v.tolerancePercent()), v == null ? "0" : Long.toString(v.minimumUsual()));
    }

    static MonitorForm of(Map<String, String> f) {
        return new MonitorForm(get(f, "kind"), get(f, "name"), get(f, "slug").strip(), get(f, "project"), get(f, "severity"),
                get(f, "service"), "on".equals(f.get("create_issue")) || "true".equals(f.get("create_issue")), get(f, "schedule_type"),
                get(f, "crontab"), get(f, "interval_value"), get(f, "interval_unit"), get(f, "timezone"), get(f, "checkin_margin"),
                get(f, "max_runtime"), get(f, "failure_threshold"), get(f, "recovery_threshold"), get(f, "data_source"), get(f, "query"),
                get(f, "value_of"), get(f, "operator"), get(f, "threshold"), get(f, "for_minutes"), get(f, "tag_key"), get(f, "tag_value"),
                get(f, "message"), get(f, "transaction"), get(f, "direction"), get(f, "weeks"), get(f, "tolerance"), get(f, "minimum_usual"));
    }

    MonitorKind monitorKind() {
        return MonitorKind.parse(kind).orElseThrow(() -> new InvalidInputException("kind", "choose cron, sql, metric or volume"));
    }

    /** The settings this form says, or an {@link InvalidInputException} that names the form's field. */
    MonitorStore.Settings settings() {
        MonitorKind k = monitorKind();
        Schedule schedule = field("crontab".equals(scheduleType) ? "crontab" : "interval_value", () -> "crontab".equals(scheduleType)
                ? Schedule.crontab(crontab) : Schedule.every(whole("interval_value", intervalValue, 1, 100_000), intervalUnit));
        SqlCheck sql = k != MonitorKind.SQL ? null : field("query", () -> new SqlCheck(source(), query, !"first_column".equals(valueOf),
                condition()));
        MetricCheck metric = k != MonitorKind.METRIC ? null : field("query", () -> new MetricCheck(source(), query, condition(),
                (int) whole("for_minutes", forMinutes, 0, 10_080)));
        VolumeCheck volume = k != MonitorKind.VOLUME ? null : field("tag_key", () -> new VolumeCheck(blankNull(tagKey), blankNull(tagValue),
                blankNull(message), blankNull(transaction), direction, (int) whole("weeks", weeks, 1, 8),
                (int) whole("tolerance", tolerance, 0, 1000), whole("minimum_usual", minimumUsual, 0, Long.MAX_VALUE)));
        MonitorConfig config = field("timezone", () -> new MonitorConfig(schedule, timezone,
                (int) whole("checkin_margin", checkinMargin, 1, 40_320), (int) whole("max_runtime", maxRuntime, 1, 40_320),
                (int) whole("failure_threshold", failureThreshold, 1, 720), (int) whole("recovery_threshold", recoveryThreshold, 1, 720),
                sql, metric, volume));
        Long serviceId = service.isBlank() ? null : whole("service", service, 1, Long.MAX_VALUE);
        return new MonitorStore.Settings(name.strip(), k, config, severity, serviceId, createIssue);
    }

    private long source() {
        if (dataSource.isBlank()) {
            throw new InvalidInputException("data_source", "choose a data source (add one under Settings → Data sources)");
        }
        return whole("data_source", dataSource, 1, Long.MAX_VALUE);
    }

    private Condition condition() {
        double t;
        try {
            t = Double.parseDouble(threshold.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("threshold", "the threshold is a number, like 0 or 2.5 (got '" + shorten(threshold) + "')");
        }
        return field("threshold", () -> new Condition(operator, t));
    }

    /** Runs {@code make}; a value's own complaint (IllegalArgumentException) is put on {@code field}. */
    private static <T> T field(String field, Supplier<T> make) {
        try {
            return make.get();
        } catch (InvalidInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    private static long whole(String field, String text, long min, long max) {
        try {
            long n = Long.parseLong(text.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException(field, "a whole number from " + min + (max == Long.MAX_VALUE ? " up" : " to " + max)
                + ", got '" + shorten(text) + "'");
    }

    private static String blankNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String get(Map<String, String> form, String key) {
        String v = form.get(key);
        return v == null ? "" : v;
    }
}
