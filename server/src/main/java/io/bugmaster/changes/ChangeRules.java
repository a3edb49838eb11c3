package io.bugmaster.changes;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import io.bugmaster.common.WebAddresses;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a change as a deploy script sends it (a JSON object) and says exactly what is wrong with it.
 * Service ids and project slugs are the caller's to check against the organization.
 */
@PureLogic
public final class ChangeRules {
    public static final int MAX_SUMMARY = 500;
    public static final int MAX_ENVIRONMENT = 64;
    public static final int MAX_WHO = 200;
    public static final int MAX_LINKS = 10;
    public static final int MAX_HREF = 2000;
    public static final int MAX_LINK_TEXT = 200;
    public static final int MAX_TARGETS = 50;
    /** Clocks drift: a change may say it happened a little in the future, not more. */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    static final Set<String> FIELDS = Set.of("kind", "summary", "service_ids", "projects", "environment", "who", "links", "happened_at");

    private ChangeRules() {}

    /** A change as sent, checked; {@code projects} are slugs. */
    public record NewChange(ChangeKind kind, String summary, List<Long> serviceIds, List<String> projects, String environment, String who,
            List<Change.Link> links, Instant happenedAt) {}

    public static NewChange read(Map<String, Object> body, Instant now) {
        if (body == null) {
            throw new InvalidInputException(null, "send the change as a JSON object");
        }
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new InvalidInputException(key, "unknown field; a change has " + String.join(", ", new TreeSet<>(FIELDS)));
            }
        }
        Object k = body.get("kind");
        ChangeKind kind = k instanceof String s ? ChangeKind.parse(s).orElse(null) : null;
        if (kind == null) {
            throw new InvalidInputException("kind", "one of " + ChangeKind.CHOICES + "; got " + shown(k));
        }
        Object s = body.get("summary");
        if (!(s instanceof String summary) || summary.isBlank()) {
            throw new InvalidInputException("summary", "say what changed in a line (a string), got " + shown(s));
        }
        summary = summary.strip();
        if (summary.length() > MAX_SUMMARY) {
            throw new InvalidInputException("summary", "at most " + MAX_SUMMARY + " characters, got " + summary.length());
        }
        return new NewChange(kind, summary, serviceIds(body.get("service_ids")), projects(body.get("projects")),
                text("environment", body.get("environment"), MAX_ENVIRONMENT), text("who", body.get("who"), MAX_WHO),
                links(body.get("links")), happenedAt(body.get("happened_at"), now));
    }

    /** An ISO-8601 instant with an offset (2026-12-01T10:00:00Z); not more than {@link #MAX_AHEAD} after now. */
    public static Instant instant(String field, String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "an ISO-8601 time with an offset, such as 2026-12-01T10:00:00Z; got " + shown(text));
        }
    }

    private static Instant happenedAt(Object value, Instant now) {
        if (value == null) {
            return now;
        }
        if (!(value instanceof String text)) {
            throw new InvalidInputException("happened_at", "an ISO-8601 time such as 2026-12-01T10:00:00Z, got " + shown(value));
        }
        Instant at = instant("happened_at", text);
        if (at.isAfter(now.plus(MAX_AHEAD))) {
            throw new InvalidInputException("happened_at", "is " + Duration.between(now, at).toMinutes()
                    + " minutes in the future; a change is posted when it happens (at most 5 minutes ahead, for clock drift)");
        }
        return at;
    }

    private static List<Long> serviceIds(Object value) {
        List<Long> ids = new ArrayList<>();
        for (Object id : list("service_ids", value, "service ids such as [\"3\"]")) {
            long v = id("service_ids[" + ids.size() + "]", id);
            if (!ids.contains(v)) {
                ids.add(v);
            }
        }
        return List.copyOf(ids);
    }

    private static List<String> projects(Object value) {
        List<String> slugs = new ArrayList<>();
        for (Object p : list("projects", value, "project slugs such as [\"checkout-web\"]")) {
            if (!(p instanceof String slug) || slug.isBlank() || slug.length() > 100) {
                throw new InvalidInputException("projects[" + slugs.size() + "]", "a project slug (a string), got " + shown(p));
            }
            String clean = slug.strip().toLowerCase(Locale.ROOT);
            if (!slugs.contains(clean)) {
                slugs.add(clean);
            }
        }
        return List.copyOf(slugs);
    }

    private static List<?> list(String field, Object value, String expected) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException(field, "a list of " + expected + ", got " + shown(value));
        }
        if (list.size() > MAX_TARGETS) {
            throw new InvalidInputException(field, "at most " + MAX_TARGETS + ", got " + list.size());
        }
        return list;
    }

    private static List<Change.Link> links(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException("links", "a list of {\"href\": \"https://...\", \"text\": \"...\"}, got " + shown(value));
        }
        if (list.size() > MAX_LINKS) {
            throw new InvalidInputException("links", "at most " + MAX_LINKS + " links, got " + list.size());
        }
        List<Change.Link> links = new ArrayList<>();
        for (Object item : list) {
            String field = "links[" + links.size() + "]";
            if (!(item instanceof Map<?, ?> m)) {
                throw new InvalidInputException(field, "an object {\"href\": \"https://...\", \"text\": \"...\"}, got " + shown(item));
            }
            if (!(m.get("href") instanceof String href) || !WebAddresses.isHttp(href.strip()) || href.strip().length() > MAX_HREF) {
                throw new InvalidInputException(field + ".href", "an http or https URL of at most " + MAX_HREF + " characters, got "
                        + shown(m.get("href")));
            }
            String text = text(field + ".text", m.get("text"), MAX_LINK_TEXT);
            links.add(new Change.Link(href.strip(), text == null ? href.strip() : text));
        }
        return List.copyOf(links);
    }


    private static String text(String field, Object value, int max) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new InvalidInputException(field, "a string or null, got " + shown(value));
        }
        String stripped = s.strip();
        if (stripped.length() > max) {
            throw new InvalidInputException(field, "at most " + max + " characters, got " + stripped.length());
        }
        return stripped.isEmpty() ? null : stripped;
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

    static String shown(Object value) {
        if (value == null) {
            return "nothing";
        }
        String s = value instanceof String str ? "'" + str + "'" : String.valueOf(value);
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
