package io.bugmaster.issues.search;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time range of an issue list, as Sentry's organization issues endpoint takes it: {@code statsPeriod}
 * (the last 24h, 14d...: issues seen since then) or {@code start} and {@code end} (ISO 8601: issues
 * with an event between them). {@code statsPeriod} wins over {@code start} and {@code end}, as in Sentry; an empty one is none.
 */
@PureLogic
public sealed interface DateRange {
    /** Seen within the last {@code within}. */
    record Recent(Duration within) implements DateRange {}

    /** An event from {@code start} up to {@code end}. */
    record Between(Instant start, Instant end) implements DateRange {}

    Pattern PERIOD = Pattern.compile("(\\d{1,7})([smhdw])");

    /** The range the parameters ask for, null when they give none; every bad value is a 400 naming the parameter. */
    static DateRange parse(String statsPeriod, String start, String end) {
        if (statsPeriod != null && !statsPeriod.isBlank()) {
            return new Recent(period("statsPeriod", statsPeriod));
        }
        boolean hasStart = start != null && !start.isBlank();
        boolean hasEnd = end != null && !end.isBlank();
        if (!hasStart && !hasEnd) {
            return null;
        }
        if (!hasStart || !hasEnd) {
            throw new InvalidInputException(hasStart ? "end" : "start", "start and end are both required (or give statsPeriod instead)");
        }
        Instant from = time("start", start);
        Instant to = time("end", end);
        if (!from.isBefore(to)) {
            throw new InvalidInputException("start", "must be before end (got start " + from + " and end " + to + ")");
        }
        return new Between(from, to);
    }

    /** {@code 30m}, {@code 24h}, {@code 14d}, {@code 2w} (also {@code s} for seconds), more than zero. */
    static Duration period(String name, String value) {
        Matcher m = PERIOD.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException(name, "expected a number and a unit like 24h or 14d (s, m, h, d or w), got '"
                    + shorten(value) + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (d.isZero()) {
            throw new InvalidInputException(name, "must be longer than 0, got '" + value.strip() + "'");
        }
        return d;
    }

    /** An ISO 8601 time ({@code 2026-03-01T09:30:00Z}, with an offset or, meaning UTC, without) or a date (its midnight UTC). */
    static Instant time(String name, String value) {
        String v = value.strip();
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException withoutOffset) {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(name, "expected an ISO 8601 time like 2026-03-01T09:30:00Z or a date like 2026-03-01, got '"
                    + shorten(value) + "'");
        }
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
