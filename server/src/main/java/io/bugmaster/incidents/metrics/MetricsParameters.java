package io.bugmaster.incidents.metrics;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The metrics' parameters as a client writes them, checked: {@code days} (1 to 366, 30 by default)
 * or {@code from} (and optionally {@code to}, by default now) as ISO-8601 dates or times, a time
 * zone {@code tz} (UTC by default), and the filters {@code service_id}, {@code team_id} and
 * {@code priority} (a level such as 1 or P1, or "none"). A wrong value is an error naming the parameter.
 */
@PureLogic
public record MetricsParameters(String days, String from, String to, String tz, String serviceId, String teamId, String priority) {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 366;
    /** The default zone, by its name (ZoneOffset.UTC would read "Z"). */
    public static final ZoneId UTC = ZoneId.of("UTC");

    public MetricsQuery query(Instant now) {
        ZoneId zone = zone(tz);
        Instant until;
        Instant since;
        if (blank(from) && blank(to)) {
            int n = blank(days) ? DEFAULT_DAYS : days(days);
            until = now;
            since = now.minus(Duration.ofDays(n));
        } else {
            if (!blank(days)) {
                throw new InvalidInputException("days", "give either days or from (and to), not both");
            }
            if (blank(from)) {
                throw new InvalidInputException("from", "a window with 'to' needs 'from' too, e.g. from=2026-11-01");
            }
            since = time("from", from, zone);
            until = blank(to) ? now : time("to", to, zone);
            if (!since.isBefore(until)) {
                throw new InvalidInputException("to", "must be after from (" + since + ")");
            }
            if (Duration.between(since, until).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
                throw new InvalidInputException("from", "the window is at most " + MAX_DAYS + " days long");
            }
        }
        return new MetricsQuery(since, until, zone, id("service_id", serviceId), id("team_id", teamId), priority(priority));
    }

    /** The number of days asked for, or null when the window is given by from and to. */
    public Integer daysAsked() {
        return blank(from) && blank(to) ? (blank(days) ? DEFAULT_DAYS : days(days)) : null;
    }

    private static int days(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= MAX_DAYS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException("days", "a number of days from 1 to " + MAX_DAYS + " (such as 30 or 90), got '" + value + "'");
    }

    static ZoneId zone(String value) {
        if (blank(value)) {
            return UTC;
        }
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("tz", "unknown time zone '" + value + "'; use a name such as UTC or Europe/Paris");
        }
    }

    private static Instant time(String name, String value, ZoneId zone) {
        String v = value.strip();
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(zone).toInstant() : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidInputException(name, "an ISO-8601 date or time such as 2026-11-01 or 2026-11-01T09:00:00Z, got '" + value + "'");
        }
    }

    private static Long id(String name, String value) {
        if (blank(value)) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException(name, "an id is a positive number, got '" + value + "'");
    }

    private static Integer priority(String value) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip();
        if (v.equalsIgnoreCase(IncidentMetrics.NONE)) {
            return MetricsQuery.NO_PRIORITY;
        }
        String digits = v.length() > 1 && (v.charAt(0) == 'P' || v.charAt(0) == 'p') ? v.substring(1) : v;
        try {
            int level = Integer.parseInt(digits);
            if (level >= 1) {
                return level;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInputException("priority", "a priority level such as 1 (or P1), or 'none' for incidents without one; got '"
                + value + "'");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
