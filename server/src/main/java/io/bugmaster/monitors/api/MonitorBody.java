package io.bugmaster.monitors.api;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.MetricCheck;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.Schedule;
import io.bugmaster.monitors.SqlCheck;
import io.bugmaster.monitors.VolumeCheck;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Reads a monitor from an API body, in Sentry's shape: {@code name}, {@code slug}, {@code project},
 * {@code type} ({@code cron_job}; ours: {@code sql}, {@code metric}, {@code volume}), {@code status}
 * ({@code active} or {@code disabled}: paused), {@code isMuted}, and {@code config} with
 * {@code schedule_type} ({@code crontab} or {@code interval}), {@code schedule} (a crontab line, or
 * {@code [2, "hour"]}), {@code checkin_margin}, {@code max_runtime}, {@code timezone},
 * {@code failure_issue_threshold}, {@code recovery_threshold}, and the check's own {@code sql},
 * {@code metric} or {@code volume} object. Ours at the top: {@code severity}, {@code service_id},
 * {@code create_issue}. On a change (PUT) what the body does not name stays as it was.
 */
@PureLogic
final class MonitorBody {
    private MonitorBody() {}

    /** What the body asked for; {@code active} and {@code muted} null when not named. */
    record Parsed(String slug, String project, MonitorStore.Settings settings, Boolean active, Boolean muted) {}

    static Parsed read(JsonNode body, Monitor current) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "a monitor is a JSON object, like {\"name\": \"Nightly report\", \"project\": \"jobs\","
                    + " \"config\": {\"schedule_type\": \"crontab\", \"schedule\": \"0 3 * * *\"}}");
        }
        String name = text(body, "name", current == null ? null : current.name());
        String slug = text(body, "slug", current == null ? null : current.slug());
        if (current == null && slug == null && name != null) {
            slug = slugOf(name);
        }
        MonitorKind kind = current == null ? MonitorKind.CRON : current.kind();
        if (body.hasNonNull("type")) {
            String type = body.get("type").asString("");
            kind = "cron_job".equals(type) ? MonitorKind.CRON : MonitorKind.parse(type).filter(k -> k != MonitorKind.CRON)
                    .orElseThrow(() -> new InvalidInputException("type", "a monitor's type is cron_job, sql, metric or volume (got: "
                            + Monitors.shorten(type) + ")"));
            if (current != null && kind != current.kind()) {
                throw new InvalidInputException("type", "a monitor's type cannot change (it is " + typeOf(current.kind())
                        + "): make a new monitor");
            }
        }
        MonitorConfig config = config(body.path("config"), kind, current == null ? null : current.config());
        String severity = text(body, "severity", current == null ? "error" : current.severity());
        Long serviceId = current == null ? null : current.serviceId();
        if (body.has("service_id")) {
            JsonNode s = body.get("service_id");
            serviceId = s.isNull() ? null : whole(s, "service_id", 1, Long.MAX_VALUE);
        }
        boolean createIssue = body.has("create_issue") ? bool(body.get("create_issue"), "create_issue")
                : current != null && current.createIssue();
        Boolean active = null;
        if (body.hasNonNull("status")) {
            String status = body.get("status").asString("");
            if (!status.equals("active") && !status.equals("disabled")) {
                throw new InvalidInputException("status", "a monitor's status is active or disabled (paused), got: " + Monitors.shorten(status));
            }
            active = status.equals("active");
        }
        Boolean muted = body.has("isMuted") ? Boolean.valueOf(bool(body.get("isMuted"), "isMuted")) : null;
        String project = body.hasNonNull("project") ? body.get("project").asString() : null;
        return new Parsed(slug, project, new MonitorStore.Settings(name, kind, config, severity, serviceId, createIssue), active, muted);
    }

    /** Sentry's name for the kind: {@code cron_job} for cron, else ours. */
    static String typeOf(MonitorKind kind) {
        return kind == MonitorKind.CRON ? "cron_job" : kind.id();
    }

    /** "Nightly report!" -> "nightly-report", as Sentry makes a slug from a name. */
    static String slugOf(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "-").replaceAll("^-+|-+$", "");
        return s.length() > 50 ? s.substring(0, 50).replaceAll("-+$", "") : s;
    }

    private static MonitorConfig config(JsonNode c, MonitorKind kind, MonitorConfig was) {
        if (!c.isMissingNode() && !c.isNull() && !c.isObject()) {
            throw new InvalidInputException("config", "config is a JSON object");
        }
        try {
            Schedule schedule = was == null ? null : was.schedule();
            if (c.hasNonNull("schedule") || c.hasNonNull("schedule_type")) {
                schedule = schedule(c, was == null ? null : was.schedule());
            }
            if (schedule == null) {
                if (kind == MonitorKind.CRON) {
                    throw new InvalidInputException("config.schedule", "a cron monitor needs a schedule: \"schedule_type\": \"crontab\","
                            + " \"schedule\": \"0 3 * * *\", or \"schedule_type\": \"interval\", \"schedule\": [10, \"minute\"]");
                }
                schedule = Schedule.every(kind == MonitorKind.VOLUME ? 1 : 5, kind == MonitorKind.VOLUME ? "hour" : "minute");
            }
            return new MonitorConfig(schedule, text(c, "timezone", was == null ? "UTC" : was.timezone()),
                    integer(c, "checkin_margin", was == null ? MonitorConfig.DEFAULT_MARGIN : was.checkinMargin()),
                    integer(c, "max_runtime", was == null ? MonitorConfig.DEFAULT_MAX_RUNTIME : was.maxRuntime()),
                    integer(c, "failure_issue_threshold", was == null ? 1 : was.failureThreshold()),
                    integer(c, "recovery_threshold", was == null ? 1 : was.recoveryThreshold()),
                    kind == MonitorKind.SQL ? sql(c.path("sql"), was == null ? null : was.sql()) : null,
                    kind == MonitorKind.METRIC ? metric(c.path("metric"), was == null ? null : was.metric()) : null,
                    kind == MonitorKind.VOLUME ? volume(c.path("volume"), was == null ? null : was.volume()) : null);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("config", e.getMessage());
        }
    }

    private static Schedule schedule(JsonNode c, Schedule was) {
        String type = text(c, "schedule_type", was == null ? null : was.type().id());
        JsonNode s = c.get("schedule");
        if ("interval".equals(type)) {
            if (s == null || !s.isArray() || s.size() != 2) {
                throw new InvalidInputException("config.schedule", "an interval schedule is [number, unit], like [10, \"minute\"]");
            }
            return Schedule.every(whole(s.get(0), "config.schedule", 1, 100_000), s.get(1).asString(""));
        }
        if (type != null && !"crontab".equals(type)) {
            throw new InvalidInputException("config.schedule_type", "schedule_type is crontab or interval, got: " + Monitors.shorten(type));
        }
        if (s == null || !s.isString()) {
            throw new InvalidInputException("config.schedule", "a crontab schedule is a string of five fields, like \"0 3 * * *\"");
        }
        return Schedule.crontab(s.asString());
    }

    private static SqlCheck sql(JsonNode q, SqlCheck was) {
        requireObject(q, "sql", was == null);
        return new SqlCheck(q.has("data_source_id") ? whole(q.get("data_source_id"), "config.sql.data_source_id", 1, Long.MAX_VALUE)
                : was == null ? 0 : was.dataSourceId(), text(q, "query", was == null ? null : was.query()),
                q.has("count_rows") ? bool(q.get("count_rows"), "config.sql.count_rows") : was == null || was.countRows(),
                condition(q.path("condition"), was == null ? null : was.condition()));
    }

    private static MetricCheck metric(JsonNode q, MetricCheck was) {
        requireObject(q, "metric", was == null);
        return new MetricCheck(q.has("data_source_id") ? whole(q.get("data_source_id"), "config.metric.data_source_id", 1, Long.MAX_VALUE)
                : was == null ? 0 : was.dataSourceId(), text(q, "query", was == null ? null : was.query()),
                condition(q.path("condition"), was == null ? null : was.condition()),
                integer(q, "for_minutes", was == null ? 0 : was.forMinutes()));
    }

    private static VolumeCheck volume(JsonNode v, VolumeCheck was) {
        if (v.isMissingNode() && was == null) {
            return new VolumeCheck(null, null, null, null, "drop", 4, 50, 0);
        }
        requireObject(v, "volume", false);
        return new VolumeCheck(text(v, "tag_key", was == null ? null : was.tagKey()), text(v, "tag_value", was == null ? null : was.tagValue()),
                text(v, "message", was == null ? null : was.message()), text(v, "transaction", was == null ? null : was.transaction()),
                text(v, "direction", was == null ? "drop" : was.direction()), integer(v, "weeks", was == null ? 4 : was.weeks()),
                integer(v, "tolerance_percent", was == null ? 50 : was.tolerancePercent()),
                v.has("minimum_usual") ? whole(v.get("minimum_usual"), "config.volume.minimum_usual", 0, Long.MAX_VALUE)
                        : was == null ? 0 : was.minimumUsual());
    }

    private static void requireObject(JsonNode n, String kind, boolean required) {
        if ((n.isMissingNode() && required) || (!n.isMissingNode() && !n.isObject())) {
            throw new InvalidInputException("config." + kind, "a " + kind + " monitor needs config." + kind + ", an object with data_source_id,"
                    + " query and condition");
        }
    }

    private static Condition condition(JsonNode c, Condition was) {
        if (c.isMissingNode() || c.isNull()) {
            return was;
        }
        JsonNode threshold = c.get("threshold");
        if (threshold != null && !threshold.isNumber()) {
            throw new InvalidInputException("condition.threshold", "a condition's threshold is a number");
        }
        return new Condition(text(c, "operator", was == null ? "gt" : was.operator()),
                threshold != null ? threshold.asDouble() : was == null ? 0 : was.threshold());
    }

    private static String text(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        if (v == null) {
            return fallback;
        }
        if (v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new InvalidInputException(field, "must be a string");
        }
        return v.asString();
    }

    private static int integer(JsonNode n, String field, int fallback) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? fallback : (int) whole(v, field, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    private static long whole(JsonNode v, String field, long min, long max) {
        long n;
        if (v != null && v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.asLong();
        } else if (v != null && v.isString() && v.asString().strip().matches("-?[0-9]{1,18}")) {
            n = Long.parseLong(v.asString().strip());
        } else {
            throw new InvalidInputException(field, "must be a whole number");
        }
        if (n < min || n > max) {
            throw new InvalidInputException(field, "must be " + min + " to " + max + ", got " + n);
        }
        return n;
    }

    private static boolean bool(JsonNode v, String field) {
        if (!v.isBoolean()) {
            throw new InvalidInputException(field, "must be true or false");
        }
        return v.asBoolean();
    }
}
