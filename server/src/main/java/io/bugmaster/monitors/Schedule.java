package io.bugmaster.monitors;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.bugmaster.common.PureLogic;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * When a monitor expects a check-in, or runs its check: a crontab line (five fields, Unix syntax,
 * read in the monitor's time zone, so "0 3 * * *" is 03:00 in Paris in summer and in winter) or an
 * interval ({@code value} {@code unit}: every 10 minutes). Sentry's shapes: {@code {type: crontab,
 * value: "0 * * * *"}} and {@code {type: interval, value: 2, unit: hour}}.
 *
 * @param value the crontab line, or the interval's number as text
 * @param unit for an interval: minute, hour, day, week, month, year; null for a crontab
 */
@PureLogic
public record Schedule(Type type, String value, String unit) {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    /** Sentry's interval units. */
    public static final java.util.List<String> UNITS = java.util.List.of("minute", "hour", "day", "week", "month", "year");

    public enum Type {
        CRONTAB, INTERVAL;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Type> parse(String id) {
            for (Type t : values()) {
                if (t.id().equals(id)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    public Schedule {
        if (type == null) {
            throw new IllegalArgumentException("a schedule is a crontab line or an interval");
        }
        value = value == null ? "" : value.strip();
        if (type == Type.CRONTAB) {
            unit = null;
            parse(value); // throws with the reason
        } else {
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("an interval is a whole number of " + UNITS + ", got: " + value);
            }
            if (n < 1 || n > 100_000) {
                throw new IllegalArgumentException("an interval is 1 to 100000 units, got: " + n);
            }
            if (unit == null || !UNITS.contains(unit)) {
                throw new IllegalArgumentException("an interval's unit is one of " + UNITS + ", got: " + unit);
            }
        }
    }

    public static Schedule crontab(String line) {
        return new Schedule(Type.CRONTAB, line, null);
    }

    public static Schedule every(long n, String unit) {
        return new Schedule(Type.INTERVAL, Long.toString(n), unit);
    }

    private static Cron parse(String line) {
        if (line.isEmpty() || line.length() > 200) {
            throw new IllegalArgumentException("a crontab schedule is five fields, like \"0 3 * * *\"");
        }
        try {
            Cron cron = PARSER.parse(line);
            cron.validate();
            return cron;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a crontab schedule (five fields: minute hour day month weekday): " + line
                    + " (" + e.getMessage() + ")");
        }
    }

    /**
     * The first time strictly after {@code after} the schedule names, read in {@code zone}; empty for
     * a crontab line that never matches again (30 February). An interval counts from {@code after}.
     */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        if (type == Type.CRONTAB) {
            return ExecutionTime.forCron(parse(value)).nextExecution(ZonedDateTime.ofInstant(after, zone))
                    .map(ZonedDateTime::toInstant);
        }
        long n = Long.parseLong(value);
        ZonedDateTime from = ZonedDateTime.ofInstant(after, zone);
        return Optional.of(switch (unit) {
            case "minute" -> from.plusMinutes(n);
            case "hour" -> from.plusHours(n);
            case "day" -> from.plusDays(n);
            case "week" -> from.plusWeeks(n);
            case "month" -> from.plusMonths(n);
            default -> from.plusYears(n);
        }).map(ZonedDateTime::toInstant);
    }

    /** About how long between two runs (for charts and sanity checks; a crontab's first gap from {@code at}). */
    public Duration roughPeriod(Instant at, ZoneId zone) {
        Instant first = next(at, zone).orElse(at);
        Instant second = next(first, zone).orElse(first);
        return Duration.between(first, second).truncatedTo(ChronoUnit.SECONDS);
    }

    /** "0 3 * * *" or "every 2 hours". */
    public String describe() {
        if (type == Type.CRONTAB) {
            return value;
        }
        return "every " + ("1".equals(value) ? unit : value + " " + unit + "s");
    }
}
