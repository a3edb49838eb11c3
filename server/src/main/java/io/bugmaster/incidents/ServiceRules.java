package io.bugmaster.incidents;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.ServiceDefinition.Grouping;
import io.bugmaster.incidents.ServiceDefinition.SupportHours;
import io.bugmaster.incidents.ServiceDefinition.UrgencyRule;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a service as a client sends it, a JSON object with PagerDuty's field names, over the
 * current settings: a field left out keeps its value, a field sent as null clears it (a timeout:
 * never). Every error names the field and says what is expected.
 */
@PureLogic
public final class ServiceRules {
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_RUNBOOK = 100_000;
    public static final int MAX_TIMEOUT = 7 * 24 * 3600;
    public static final int MAX_WINDOW_MINUTES = 24 * 60;
    public static final int MAX_FIELDS = 10;
    public static final int MAX_PROJECTS = 50;
    static final Set<String> FIELDS = Set.of("name", "description", "team", "escalation_policy", "runbook", "urgency",
            "support_hours", "acknowledgement_timeout", "auto_resolve_timeout", "alert_grouping", "project_ids");

    private ServiceRules() {}

    /** The settings as sent over the current ones; team, policy and project ids are the caller's to check against the organization. */
    public record Draft(String name, String description, Long teamId, Long escalationPolicyId, String runbook, UrgencyRule urgencyRule,
            SupportHours supportHours, Integer acknowledgementTimeout, Integer autoResolveTimeout, Grouping grouping, List<Long> projectIds) {}

    /** The settings of a new service before the body is applied. */
    public static Draft defaults() {
        return new Draft(null, null, null, null, null, UrgencyRule.HIGH, null, ServiceDefinition.DEFAULT_ACK_TIMEOUT, null,
                Grouping.NONE, List.of());
    }

    public static Draft of(ServiceDefinition s) {
        return new Draft(s.name(), s.description(), s.teamId(), s.escalationPolicyId(), s.runbook(), s.urgencyRule(), s.supportHours(),
                s.acknowledgementTimeout(), s.autoResolveTimeout(), s.grouping(), s.projectIds());
    }

    public static Draft apply(Draft current, Map<String, Object> body) {
        if (body == null) {
            throw new InvalidInputException(null, "send the service as a JSON object");
        }
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new InvalidInputException(key, "unknown field; a service has " + String.join(", ", new TreeSet<>(FIELDS)));
            }
        }
        String name = body.containsKey("name") ? name(body.get("name")) : current.name();
        if (name == null) {
            throw new InvalidInputException("name", "a service needs a name");
        }
        String description = body.containsKey("description") ? text("description", body.get("description"), MAX_DESCRIPTION)
                : current.description();
        String runbook = body.containsKey("runbook") ? text("runbook", body.get("runbook"), MAX_RUNBOOK) : current.runbook();
        Long team = body.containsKey("team") ? reference("team", body.get("team")) : current.teamId();
        Long policy = body.containsKey("escalation_policy") ? reference("escalation_policy", body.get("escalation_policy"))
                : current.escalationPolicyId();
        UrgencyRule urgency = current.urgencyRule();
        if (body.containsKey("urgency")) {
            Object u = body.get("urgency");
            urgency = u instanceof String s ? UrgencyRule.parse(s).orElse(null) : null;
            if (urgency == null) {
                throw new InvalidInputException("urgency", "one of high, low, severity_based, support_hours; got " + shown(u));
            }
        }
        SupportHours hours = body.containsKey("support_hours") ? supportHours(body.get("support_hours")) : current.supportHours();
        if (urgency == UrgencyRule.SUPPORT_HOURS && hours == null) {
            throw new InvalidInputException("support_hours", "urgency support_hours needs support_hours: {\"time_zone\": \"Europe/Paris\","
                    + " \"days_of_week\": [1, 2, 3, 4, 5], \"start_time\": \"09:00\", \"end_time\": \"17:00\"}");
        }
        Integer ack = body.containsKey("acknowledgement_timeout") ? timeout("acknowledgement_timeout", body.get("acknowledgement_timeout"))
                : current.acknowledgementTimeout();
        Integer auto = body.containsKey("auto_resolve_timeout") ? timeout("auto_resolve_timeout", body.get("auto_resolve_timeout"))
                : current.autoResolveTimeout();
        Grouping grouping = body.containsKey("alert_grouping") ? grouping(body.get("alert_grouping")) : current.grouping();
        List<Long> projects = body.containsKey("project_ids") ? projectIds(body.get("project_ids")) : current.projectIds();
        return new Draft(name, description, team, policy, runbook, urgency, hours, ack, auto, grouping, projects);
    }

    private static String name(Object value) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new InvalidInputException("name", "a service needs a name (a string)");
        }
        String trimmed = s.strip();
        if (trimmed.length() > MAX_NAME) {
            throw new InvalidInputException("name", "at most " + MAX_NAME + " characters, got " + trimmed.length());
        }
        return trimmed;
    }

    private static String text(String field, Object value, int max) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new InvalidInputException(field, "a string or null, got " + shown(value));
        }
        if (s.length() > max) {
            throw new InvalidInputException(field, "at most " + max + " characters, got " + s.length());
        }
        return s.isBlank() ? null : s;
    }

    /** {@code {"id": "12"}} or null. */
    private static Long reference(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m) || !m.containsKey("id")) {
            throw new InvalidInputException(field, "an object {\"id\": \"...\"} or null, got " + shown(value));
        }
        return id(field + ".id", m.get("id"));
    }

    static long id(String field, Object id) {
        if (id instanceof Integer || id instanceof Long) {
            long v = ((Number) id).longValue();
            if (v > 0) {
                return v;
            }
        } else if (id instanceof String s && s.matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(s);
        }
        throw new InvalidInputException(field, "an id is a positive whole number (as a string or a number), got " + shown(id));
    }

    /** {@code ["3", "7"]} (ids as strings or numbers), null or [] for none; each id once, in the order sent. */
    private static List<Long> projectIds(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException("project_ids", "a list of project ids such as [\"3\", \"7\"], got " + shown(value));
        }
        if (list.size() > MAX_PROJECTS) {
            throw new InvalidInputException("project_ids", "at most " + MAX_PROJECTS + " projects, got " + list.size());
        }
        List<Long> ids = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            long id = id("project_ids[" + k + "]", list.get(k));
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    private static Integer timeout(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer i) || i < 60 || i > MAX_TIMEOUT) {
            throw new InvalidInputException(field, "seconds from 60 to " + MAX_TIMEOUT + " (7 days), or null for never; got " + shown(value));
        }
        return i;
    }

    private static SupportHours supportHours(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidInputException("support_hours", "an object with time_zone, days_of_week, start_time and end_time");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(String.valueOf(m.get("time_zone")));
        } catch (DateTimeException e) {
            throw new InvalidInputException("support_hours.time_zone", "an IANA time zone such as Europe/Paris, got " + shown(m.get("time_zone")));
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (!(m.get("days_of_week") instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidInputException("support_hours.days_of_week", "a list of days, 1 (Monday) to 7 (Sunday)");
        }
        for (Object d : list) {
            if (!(d instanceof Integer i) || i < 1 || i > 7) {
                throw new InvalidInputException("support_hours.days_of_week", "days are 1 (Monday) to 7 (Sunday), got " + shown(d));
            }
            days.add(DayOfWeek.of(i));
        }
        LocalTime start = time("support_hours.start_time", m.get("start_time"));
        LocalTime end = time("support_hours.end_time", m.get("end_time"));
        if (!end.isAfter(start)) {
            throw new InvalidInputException("support_hours.end_time", "must be after start_time (" + start + ")");
        }
        return new SupportHours(zone, days, start, end);
    }

    private static LocalTime time(String field, Object value) {
        try {
            return LocalTime.parse(String.valueOf(value));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "a local time such as 09:00 or 17:30:00, got " + shown(value));
        }
    }

    private static Grouping grouping(Object value) {
        if (value == null) {
            return Grouping.NONE;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidInputException("alert_grouping", "an object {\"type\": \"none\" | \"time_window\" | \"by_fields\", ...}");
        }
        Object t = m.get("type");
        Grouping.Type type = t instanceof String s ? Grouping.Type.parse(s).orElse(null) : null;
        if (type == null) {
            throw new InvalidInputException("alert_grouping.type", "one of none, time_window, by_fields; got " + shown(t));
        }
        return switch (type) {
            case NONE -> Grouping.NONE;
            case TIME_WINDOW -> {
                if (!(m.get("minutes") instanceof Integer minutes) || minutes < 1 || minutes > MAX_WINDOW_MINUTES) {
                    throw new InvalidInputException("alert_grouping.minutes", "the window in minutes, 1 to " + MAX_WINDOW_MINUTES
                            + "; got " + shown(m.get("minutes")));
                }
                yield new Grouping(type, minutes, List.of());
            }
            case BY_FIELDS -> {
                if (!(m.get("fields") instanceof List<?> list) || list.isEmpty() || list.size() > MAX_FIELDS) {
                    throw new InvalidInputException("alert_grouping.fields", "1 to " + MAX_FIELDS
                            + " field names (source, component, group, class, severity, or a custom_details key)");
                }
                List<String> fields = new ArrayList<>();
                for (Object f : list) {
                    if (!(f instanceof String s) || s.isBlank() || s.length() > 100) {
                        throw new InvalidInputException("alert_grouping.fields", "field names are non-empty strings, got " + shown(f));
                    }
                    fields.add(s);
                }
                yield new Grouping(type, null, fields);
            }
        };
    }

    /** The grouping as JSON values, for the API and the store. */
    public static Map<String, Object> groupingJson(Grouping g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", g.type().id());
        if (g.windowMinutes() != null) {
            m.put("minutes", g.windowMinutes());
        }
        if (!g.fields().isEmpty()) {
            m.put("fields", g.fields());
        }
        return m;
    }

    /** Support hours as JSON values, for the API and the store; null stays null. */
    public static Map<String, Object> supportHoursJson(SupportHours h) {
        if (h == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time_zone", h.timeZone().getId());
        m.put("days_of_week", h.days().stream().map(DayOfWeek::getValue).sorted().toList());
        m.put("start_time", h.start().toString());
        m.put("end_time", h.end().toString());
        return m;
    }

    /** Reads stored support hours back (they were checked when saved). */
    public static SupportHours supportHoursOf(Map<String, Object> stored) {
        return stored == null ? null : supportHours(stored);
    }

    private static String shown(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value instanceof String str ? "'" + str + "'" : String.valueOf(value);
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
