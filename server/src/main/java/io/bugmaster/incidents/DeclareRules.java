package io.bugmaster.incidents;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads what people send to declare or change an incident and an organization's priorities. Every
 * error names the field and says what is expected; ids are the caller's to check against the organization.
 */
@PureLogic
public final class DeclareRules {
    public static final int MAX_TITLE = 255;
    public static final int MAX_DESCRIPTION = 10_000;
    public static final int MAX_SERVICES = 20;
    public static final int MAX_LINKED_ISSUES = 100;
    public static final int MIN_PRIORITIES = 2;
    public static final int MAX_PRIORITIES = 10;
    public static final int MAX_LABEL = 20;
    public static final int MAX_PRIORITY_DESCRIPTION = 500;
    public static final int MIN_REMINDER_MINUTES = 5;
    public static final int MAX_REMINDER_MINUTES = 1440;
    static final Set<String> DECLARE_FIELDS = Set.of("title", "service_ids", "priority", "description", "issue_id");
    static final Set<String> UPDATE_FIELDS = Set.of("title", "priority", "stage", "description", "impacted_services");

    private DeclareRules() {}

    /** A declaration as people send it (the form's fields, or the API's JSON as text). */
    public record DeclareInput(String title, List<String> serviceIds, String priority, String description, String issueId) {}

    /** A declaration read: its ids are still to be checked against the organization. */
    record Declaration(String title, List<Long> serviceIds, int priority, String description, Long issueId) {}

    /**
     * The changes of a PUT: a null field is left as it is, except {@code description} when
     * {@code descriptionSent} (null clears it). {@code impactedServices} is the new set of impacted services.
     */
    public record Change(String title, Integer priority, IncidentStage stage, boolean descriptionSent, String description,
            List<Long> impactedServices) {}

    /** The declaration in an API body; unknown fields and wrong types are refused. */
    public static DeclareInput declareInput(Map<String, Object> body) {
        if (body == null) {
            throw new InvalidInputException(null, "send the incident as a JSON object");
        }
        known(body, DECLARE_FIELDS, "a declaration has");
        List<String> serviceIds = null;
        Object services = body.get("service_ids");
        if (services != null) {
            if (!(services instanceof List<?> list)) {
                throw new InvalidInputException("service_ids", "a list of service ids, such as [\"3\"]");
            }
            serviceIds = new ArrayList<>();
            for (int k = 0; k < list.size(); k++) {
                serviceIds.add(scalar("service_ids[" + k + "]", list.get(k)));
            }
        }
        return new DeclareInput(scalar("title", body.get("title")), serviceIds, scalar("priority", body.get("priority")),
                scalar("description", body.get("description")), scalar("issue_id", body.get("issue_id")));
    }

    static Declaration declaration(DeclareInput in) {
        String title = title(in.title());
        List<String> ids = in.serviceIds() == null ? List.of() : in.serviceIds().stream().filter(s -> s != null && !s.isBlank()).toList();
        if (ids.isEmpty()) {
            throw new InvalidInputException("service_ids", "choose at least one impacted service; the first one's escalation policy pages");
        }
        if (ids.size() > MAX_SERVICES) {
            throw new InvalidInputException("service_ids", "at most " + MAX_SERVICES + " impacted services, got " + ids.size());
        }
        List<Long> serviceIds = new ArrayList<>();
        for (int k = 0; k < ids.size(); k++) {
            long id = ServiceRules.id("service_ids[" + k + "]", ids.get(k).strip());
            if (!serviceIds.contains(id)) {
                serviceIds.add(id);
            }
        }
        if (in.priority() == null || in.priority().isBlank()) {
            throw new InvalidInputException("priority", "choose a priority (1 is the most severe); if unsure, pick the higher");
        }
        int priority = priority(in.priority());
        Long issueId = in.issueId() == null || in.issueId().isBlank() ? null : ServiceRules.id("issue_id", in.issueId().strip());
        return new Declaration(title, List.copyOf(serviceIds), priority, description(in.description()), issueId);
    }

    /** The changes in an API body (or a form's, as the same map). */
    public static Change change(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            throw new InvalidInputException(null, "send the fields to change: " + String.join(", ", new TreeSet<>(UPDATE_FIELDS)));
        }
        known(body, UPDATE_FIELDS, "an incident has");
        String title = body.containsKey("title") ? title(scalar("title", body.get("title"))) : null;
        Integer priority = null;
        if (body.containsKey("priority")) {
            String p = scalar("priority", body.get("priority"));
            if (p == null || p.isBlank()) {
                throw new InvalidInputException("priority", "a priority level such as 2; a priority cannot be taken away, only changed");
            }
            priority = priority(p);
        }
        IncidentStage stage = null;
        if (body.containsKey("stage")) {
            String s = scalar("stage", body.get("stage"));
            stage = IncidentStage.parse(s == null ? "" : s.strip().toLowerCase(Locale.ROOT)).orElseThrow(() -> new InvalidInputException("stage",
                    "one of investigating, identified, monitoring, resolved; got " + (s == null ? "nothing" : "'" + s + "'")));
        }
        boolean descriptionSent = body.containsKey("description");
        String description = descriptionSent ? description(scalar("description", body.get("description"))) : null;
        List<Long> impacted = null;
        if (body.containsKey("impacted_services")) {
            if (!(body.get("impacted_services") instanceof List<?> list)) {
                throw new InvalidInputException("impacted_services", "the list of impacted service ids, such as [\"3\", \"5\"]");
            }
            if (list.isEmpty() || list.size() > MAX_SERVICES) {
                throw new InvalidInputException("impacted_services", "1 to " + MAX_SERVICES + " service ids, got " + list.size());
            }
            impacted = new ArrayList<>();
            for (int k = 0; k < list.size(); k++) {
                Object v = list.get(k) instanceof Map<?, ?> m ? m.get("id") : list.get(k);
                long id = ServiceRules.id("impacted_services[" + k + "]", scalar("impacted_services[" + k + "]", v));
                if (!impacted.contains(id)) {
                    impacted.add(id);
                }
            }
            impacted = List.copyOf(impacted);
        }
        return new Change(title, priority, stage, descriptionSent, description, impacted);
    }

    /** A priority level: 2, "2" or "P2". */
    static int priority(String value) {
        String v = value.strip();
        if (v.length() > 1 && (v.charAt(0) == 'P' || v.charAt(0) == 'p')) {
            v = v.substring(1);
        }
        try {
            int level = Integer.parseInt(v);
            if (level >= 1 && level <= MAX_PRIORITIES) {
                return level;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new InvalidInputException("priority", "a priority level such as 2 (P2), 1 being the most severe; got '" + value + "'");
    }

    /** The alert severity a priority stands for, to apply a service's urgency rule: P1 and P2 critical, P3 error, lower warning. */
    static String severityOf(int priority) {
        return priority <= 2 ? "critical" : priority == 3 ? "error" : "warning";
    }

    /** An organization's priorities as sent: a list of {label, description, update_reminder_minutes}, the most severe first. */
    public static List<Priority> priorities(Object body) {
        if (!(body instanceof List<?> list)) {
            throw new InvalidInputException(null, "send the priorities as a JSON list, the most severe first: "
                    + "[{\"label\": \"P1\", \"description\": \"...\", \"update_reminder_minutes\": 30}, ...]");
        }
        if (list.size() < MIN_PRIORITIES || list.size() > MAX_PRIORITIES) {
            throw new InvalidInputException("priorities", MIN_PRIORITIES + " to " + MAX_PRIORITIES + " priorities, got " + list.size());
        }
        List<Priority> out = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (int k = 0; k < list.size(); k++) {
            String at = "priorities[" + k + "]";
            if (!(list.get(k) instanceof Map<?, ?> p)) {
                throw new InvalidInputException(at, "an object with label, description and update_reminder_minutes");
            }
            for (Object key : p.keySet()) {
                if (!Set.of("level", "label", "description", "update_reminder_minutes").contains(String.valueOf(key))) {
                    throw new InvalidInputException(at + "." + key, "unknown field; a priority has label, description, update_reminder_minutes");
                }
            }
            if (p.get("level") != null && !String.valueOf(k + 1).equals(scalar(at + ".level", p.get("level")))) {
                throw new InvalidInputException(at + ".level", "levels follow the list's order: this one is " + (k + 1));
            }
            String label = scalar(at + ".label", p.get("label"));
            if (label == null || label.isBlank() || label.strip().length() > MAX_LABEL) {
                throw new InvalidInputException(at + ".label", "1 to " + MAX_LABEL + " characters, such as P1 or SEV1");
            }
            label = label.strip();
            if (!labels.add(label.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException(at + ".label", "'" + label + "' is used twice; each priority needs its own label");
            }
            String description = scalar(at + ".description", p.get("description"));
            if (description == null || description.isBlank() || description.strip().length() > MAX_PRIORITY_DESCRIPTION) {
                throw new InvalidInputException(at + ".description", "1 to " + MAX_PRIORITY_DESCRIPTION
                        + " characters saying when to pick this priority");
            }
            Integer reminder = null;
            String r = scalar(at + ".update_reminder_minutes", p.get("update_reminder_minutes"));
            if (r != null && !r.isBlank()) {
                try {
                    reminder = Integer.valueOf(r.strip());
                } catch (NumberFormatException e) {
                    reminder = -1;
                }
                if (reminder < MIN_REMINDER_MINUTES || reminder > MAX_REMINDER_MINUTES) {
                    throw new InvalidInputException(at + ".update_reminder_minutes", MIN_REMINDER_MINUTES + " to " + MAX_REMINDER_MINUTES
                            + " minutes, or null for no reminder; got '" + r + "'");
                }
            }
            out.add(new Priority(k + 1, label, description.strip(), reminder));
        }
        return List.copyOf(out);
    }

    /** The priority's label among the organization's ("P2"), or "P" and the level for one no longer defined. */
    public static String label(List<Priority> priorities, int level) {
        return priorities.stream().filter(p -> p.level() == level).map(Priority::label).findFirst().orElse("P" + level);
    }

    private static String title(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("title", "say in a few words what is wrong, such as 'Brands see no orders'");
        }
        String t = value.strip();
        if (t.length() > MAX_TITLE) {
            throw new InvalidInputException("title", "at most " + MAX_TITLE + " characters, got " + t.length());
        }
        return t;
    }

    private static String description(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String d = value.strip();
        if (d.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "at most " + MAX_DESCRIPTION + " characters, got " + d.length());
        }
        return d;
    }

    private static void known(Map<String, Object> body, Set<String> fields, String what) {
        for (String key : body.keySet()) {
            if (!fields.contains(key)) {
                throw new InvalidInputException(key, "unknown field; " + what + " " + String.join(", ", new TreeSet<>(fields)));
            }
        }
    }

    /** A text, number or boolean as text; null stays null; lists and objects are refused. */
    private static String scalar(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new InvalidInputException(field, "a single value, not a list or an object");
    }
}
