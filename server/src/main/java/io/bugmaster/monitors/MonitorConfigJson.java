package io.bugmaster.monitors;

import io.bugmaster.common.PureLogic;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A monitor's settings as stored in {@code monitors.config}: Sentry's names where Sentry has the
 * setting ({@code schedule}, {@code checkin_margin}, {@code max_runtime}, {@code timezone},
 * {@code failure_issue_threshold}, {@code recovery_threshold}), then the check's own object
 * ({@code sql}, {@code metric} or {@code volume}).
 */
@PureLogic
public final class MonitorConfigJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MonitorConfigJson() {}

    public static String write(MonitorConfig c) {
        return toJson(c).toString();
    }

    public static ObjectNode toJson(MonitorConfig c) {
        ObjectNode out = JSON.createObjectNode();
        ObjectNode schedule = out.putObject("schedule");
        schedule.put("type", c.schedule().type().id());
        if (c.schedule().type() == Schedule.Type.CRONTAB) {
            schedule.put("value", c.schedule().value());
        } else {
            schedule.put("value", Long.parseLong(c.schedule().value()));
            schedule.put("unit", c.schedule().unit());
        }
        out.put("timezone", c.timezone());
        out.put("checkin_margin", c.checkinMargin());
        out.put("max_runtime", c.maxRuntime());
        out.put("failure_issue_threshold", c.failureThreshold());
        out.put("recovery_threshold", c.recoveryThreshold());
        if (c.sql() != null) {
            ObjectNode sql = out.putObject("sql");
            sql.put("data_source_id", c.sql().dataSourceId());
            sql.put("query", c.sql().query());
            sql.put("count_rows", c.sql().countRows());
            condition(sql, c.sql().condition());
        }
        if (c.metric() != null) {
            ObjectNode metric = out.putObject("metric");
            metric.put("data_source_id", c.metric().dataSourceId());
            metric.put("query", c.metric().query());
            condition(metric, c.metric().condition());
            metric.put("for_minutes", c.metric().forMinutes());
        }
        if (c.volume() != null) {
            ObjectNode v = out.putObject("volume");
            v.put("tag_key", c.volume().tagKey());
            v.put("tag_value", c.volume().tagValue());
            v.put("message", c.volume().message());
            v.put("transaction", c.volume().transaction());
            v.put("direction", c.volume().direction());
            v.put("weeks", c.volume().weeks());
            v.put("tolerance_percent", c.volume().tolerancePercent());
            v.put("minimum_usual", c.volume().minimumUsual());
        }
        return out;
    }

    private static void condition(ObjectNode into, Condition c) {
        ObjectNode node = into.putObject("condition");
        node.put("operator", c.operator());
        node.put("threshold", c.threshold());
    }

    /** Reads what {@link #write} wrote. */
    public static MonitorConfig read(String text) {
        JsonNode n = JSON.readTree(text);
        JsonNode s = n.path("schedule");
        Schedule.Type type = Schedule.Type.parse(s.path("type").asString("")).orElseThrow(
                () -> new IllegalArgumentException("stored monitor config has no schedule type"));
        Schedule schedule = new Schedule(type, s.path("value").asString(""), s.path("unit").isNull() ? null
                : s.path("unit").asString(null));
        SqlCheck sql = null;
        if (n.hasNonNull("sql")) {
            JsonNode q = n.get("sql");
            sql = new SqlCheck(q.path("data_source_id").asLong(), q.path("query").asString(""), q.path("count_rows").asBoolean(true),
                    condition(q.path("condition")));
        }
        MetricCheck metric = null;
        if (n.hasNonNull("metric")) {
            JsonNode q = n.get("metric");
            metric = new MetricCheck(q.path("data_source_id").asLong(), q.path("query").asString(""), condition(q.path("condition")),
                    q.path("for_minutes").asInt(0));
        }
        VolumeCheck volume = null;
        if (n.hasNonNull("volume")) {
            JsonNode v = n.get("volume");
            volume = new VolumeCheck(text(v, "tag_key"), text(v, "tag_value"), text(v, "message"), text(v, "transaction"),
                    text(v, "direction"), v.path("weeks").asInt(4), v.path("tolerance_percent").asInt(50), v.path("minimum_usual").asLong(0));
        }
        return new MonitorConfig(schedule, text(n, "timezone"), n.path("checkin_margin").asInt(MonitorConfig.DEFAULT_MARGIN),
                n.path("max_runtime").asInt(MonitorConfig.DEFAULT_MAX_RUNTIME), n.path("failure_issue_threshold").asInt(1),
                n.path("recovery_threshold").asInt(1), sql, metric, volume);
    }

    private static Condition condition(JsonNode c) {
        if (c.isMissingNode() || c.isNull()) {
            return null;
        }
        return new Condition(c.path("operator").asString("gt"), c.path("threshold").asDouble(0));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
