package io.bugmaster.monitors.messages;

import io.bugmaster.common.PureLogic;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorSignals;
import io.bugmaster.monitors.MonitorStates;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Texts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A monitor's signal as a notification, from the monitor and the check-in or result row the signal
 * names. A job's failure reads like the "JOB FAILURE" messages teams write themselves: what happened,
 * the exit code, the last lines of its output, how long it ran, how many tries failed, the schedule
 * and a link; a check that fires shows its value, or its rows as a table ("Records: 97"). The job's
 * output and the rows come from the team's systems: every transport escapes them like event data.
 */
@PureLogic
public final class MonitorNotifications {
    /** The tail of a job's output a message quotes: at most this many lines and characters. */
    static final int OUTPUT_LINES = 15;
    static final int OUTPUT_CHARS = 1536;
    /** Rows of a query's result a message shows. */
    static final int TABLE_ROWS = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MonitorNotifications() {}

    /**
     * What a message about one signal tells.
     *
     * @param signalKind monitor.down, monitor.failing or monitor.up
     * @param reason     the signal's reason (missed, timeout, error, condition, query_error), or null
     * @param said       the signal's one line ("exit status 3", "Records: 97"), or null
     * @param tries      failing results in a row
     * @param checkIn    the job's run the signal names, or null
     * @param result     the check's run the signal names, or null
     * @param link       the monitor's page
     */
    public record Facts(long signalId, String signalKind, Monitor monitor, String projectSlug, String reason, String said, int tries,
            boolean still, MonitorStore.CheckIn checkIn, MonitorStore.Result result, String organization, String link) {}

    /** The key of the message about a signal; the alert rules add the rule and the recipient to it. */
    public static String key(Facts f) {
        return "monitor:" + f.monitor().id() + ":s" + f.signalId();
    }

    public static Notification of(Facts f) {
        Monitor m = f.monitor();
        boolean up = MonitorSignals.UP.equals(f.signalKind());
        Notification.Kind kind = up ? Notification.Kind.RESOLVE : Notification.Kind.ALERT;
        JsonNode detail = detail(f.result());
        List<Notification.Field> fields = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("monitor", m.slug());
        data.put("monitorName", m.name());
        data.put("monitorKind", m.kind().id());
        data.put("state", up ? "up" : "down");
        data.put("reason", f.reason());
        data.put("said", f.said());
        data.put("tries", f.tries());
        data.put("still", f.still());
        data.put("severity", m.severity());
        String body = null;
        Notification.Table table = null;
        if (!up) {
            String error = detail.path("error").isString() ? detail.path("error").asString() : null;
            if (f.checkIn() != null) {
                MonitorStore.CheckIn c = f.checkIn();
                if (c.exitCode() != null) {
                    fields.add(new Notification.Field("Exit code", Integer.toString(c.exitCode())));
                }
                if (c.duration() != null) {
                    fields.add(new Notification.Field("Duration", runtime(c.duration())));
                }
                fields.add(Notification.Field.time("Started", c.receivedAt()));
                String tail = tail(c.output());
                if (tail != null) {
                    body = "Last output:\n" + tail;
                }
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("id", c.id());
                run.put("status", c.status());
                run.put("exitCode", c.exitCode());
                run.put("duration", c.duration());
                run.put("source", c.source());
                run.put("output", tail);
                data.put("checkIn", run);
            }
            if (error != null) {
                fields.add(new Notification.Field("Error", Texts.truncate(Texts.oneLine(error), 500)));
            }
            if (f.result() != null) {
                MonitorStore.Result r = f.result();
                table = table(m.kind(), detail, r.records());
                if (r.records() != null) {
                    fields.add(new Notification.Field("Records", Long.toString(r.records())));
                } else if (r.value() != null && error == null) {
                    fields.add(new Notification.Field("Value", number(r.value())));
                }
                if (m.kind() == MonitorKind.VOLUME && detail.has("usual_low")) {
                    fields.add(new Notification.Field("Usually", number(detail.path("usual_low").asDouble()) + "-"
                            + number(detail.path("usual_high").asDouble())));
                }
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("id", r.id());
                run.put("outcome", r.outcome());
                run.put("value", r.value());
                run.put("records", r.records());
                run.put("durationMs", r.durationMs());
                data.put("result", run);
            }
            fields.add(new Notification.Field("Tries", Integer.toString(Math.max(1, f.tries()))));
        }
        fields.add(new Notification.Field("Schedule", m.config().schedule().describe()
                + ("UTC".equals(m.config().timezone()) ? " (UTC)" : " (" + m.config().timezone() + ")")));
        fields.add(new Notification.Field("Project", f.projectSlug()));
        fields.add(new Notification.Field("Severity", m.severity()));
        Notification n = Notification.of(key(f), kind, m.subject().toString(), f.signalKind(), f.organization(), title(f, up))
                .withContext(null, up ? null : f.said(), null, m.severity(), 0)
                .withFields(fields).withBody(body).withData(data).withTable(table);
        return n.opening(f.link());
    }

    /** Why an update of a monitor already down is sent: {@code Still failing: exit status 4}. */
    public static String stillFailing(Facts f) {
        return "Still failing" + (f.said() == null || f.said().isBlank() ? "" : ": " + Texts.truncate(Texts.oneLine(f.said()), 300));
    }

    /**
     * The title: a job's {@code JOB FAILURE: nightly-report} ({@code Missed:}, {@code Timed out:}), a
     * check's {@code Monitor Firing: [shop] Stuck orders, Records: 97}; a recovery names the monitor
     * alone (transports put {@code Resolved:} before it).
     */
    static String title(Facts f, boolean up) {
        Monitor m = f.monitor();
        String name = Texts.oneLine(m.name());
        if (m.kind() == MonitorKind.CRON) {
            if (up) {
                return name;
            }
            return (MonitorStates.MISSED.equals(f.reason()) ? "Missed: " : MonitorStates.TIMEOUT.equals(f.reason()) ? "Timed out: "
                    : "JOB FAILURE: ") + name;
        }
        String named = "[" + f.projectSlug() + "] " + name;
        if (up) {
            return named;
        }
        if (MonitorStates.QUERY_ERROR.equals(f.reason())) {
            return "Monitor Error: " + named;
        }
        return "Monitor Firing: " + named + (f.said() == null || f.said().isBlank() ? "" : ", " + Texts.oneLine(f.said()));
    }

    /** The rows of an SQL result, or a metric's series as label and value rows; null for anything else. */
    static Notification.Table table(MonitorKind kind, JsonNode detail, Long records) {
        if (detail.path("columns").isArray() && detail.path("rows").isArray()) {
            List<String> columns = new ArrayList<>();
            detail.path("columns").forEach(c -> columns.add(c.asString("")));
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode r : detail.path("rows")) {
                if (rows.size() == TABLE_ROWS) {
                    break;
                }
                List<String> row = new ArrayList<>();
                r.forEach(c -> row.add(c.isNull() ? null : c.isValueNode() ? c.asString() : c.toString()));
                rows.add(row);
            }
            return new Notification.Table(columns, rows, records == null ? rows.size() : records);
        }
        if (kind == MonitorKind.METRIC && detail.path("series").isArray() && !detail.path("series").isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode s : detail.path("series")) {
                if (rows.size() == TABLE_ROWS) {
                    break;
                }
                List<String> labels = new ArrayList<>();
                s.path("labels").properties().forEach(e -> labels.add(e.getKey() + "=" + e.getValue().asString("")));
                rows.add(List.of(String.join(", ", labels), s.path("value").isNumber() ? number(s.path("value").asDouble())
                        : s.path("value").asString("")));
            }
            return new Notification.Table(List.of("series", "value"), rows, detail.path("series").size());
        }
        return null;
    }

    /** The last lines of a job's output (15 lines, 1.5 KB), or null when it wrote nothing. */
    static String tail(String output) {
        if (output == null || output.isBlank()) {
            return null;
        }
        String[] lines = output.stripTrailing().split("\\R", -1);
        String tail = String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - OUTPUT_LINES), lines.length));
        if (tail.length() > OUTPUT_CHARS) {
            int from = tail.length() - OUTPUT_CHARS;
            if (Character.isLowSurrogate(tail.charAt(from))) {
                from++;
            }
            int nextLine = tail.indexOf('\n', from);
            tail = "…" + (nextLine >= 0 && nextLine < tail.length() - 1 ? tail.substring(nextLine + 1) : tail.substring(from));
        }
        return tail;
    }

    /** A run's length as Sentry sends it (seconds) in words: {@code 4.2 s}, {@code 3 min 12 s}, {@code 2 h 5 min}. */
    static String runtime(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, seconds < 10 ? "%.1f s" : "%.0f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
    }

    /** A value without a needless {@code .0}, grouped by thousands: {@code 2,100}, {@code 0.93}. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%,.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    private static JsonNode detail(MonitorStore.Result result) {
        if (result == null || result.detail() == null || result.detail().isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(result.detail());
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (RuntimeException e) {
            return JSON.createObjectNode(); // a detail the runner wrote badly: the message goes without it
        }
    }
}
