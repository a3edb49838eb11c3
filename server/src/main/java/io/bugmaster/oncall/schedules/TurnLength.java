package io.bugmaster.oncall.schedules;

import io.bugmaster.common.PureLogic;
import java.time.ZonedDateTime;

/**
 * How long one person's turn lasts. Whole days and weeks are calendar days in the schedule's time
 * zone (a daily 09:00 handoff stays at 09:00 across DST, so that turn is 23 or 25 hours long);
 * anything else is a number of hours counted on the clock.
 */
@PureLogic
public record TurnLength(long seconds) {
    public static final long HOUR_SECONDS = 3600;

    public TurnLength {
        if (seconds <= 0 || seconds % HOUR_SECONDS != 0) {
            throw new IllegalArgumentException("a turn is a positive whole number of hours");
        }
    }

    public static TurnLength hours(long n) {
        return new TurnLength(n * HOUR_SECONDS);
    }

    public static TurnLength days(long n) {
        return new TurnLength(n * Restriction.DAY_SECONDS);
    }

    public static TurnLength weeks(long n) {
        return new TurnLength(n * Restriction.WEEK_SECONDS);
    }

    public boolean calendarDays() {
        return seconds % Restriction.DAY_SECONDS == 0;
    }

    /** The start of turn {@code k} (may be negative) after the turn that starts at {@code first}. */
    ZonedDateTime turnStart(ZonedDateTime first, long k) {
        return calendarDays() ? first.plusDays(k * (seconds / Restriction.DAY_SECONDS)) : first.plusSeconds(k * seconds);
    }

    /** A first guess of the turn holding {@code at}; {@link ScheduleCalculator} corrects it by a step or two. */
    long approximateTurn(ZonedDateTime first, ZonedDateTime at) {
        if (calendarDays()) {
            return Math.floorDiv(java.time.temporal.ChronoUnit.DAYS.between(first, at), seconds / Restriction.DAY_SECONDS);
        }
        return Math.floorDiv(java.time.Duration.between(first, at).getSeconds(), seconds);
    }

    /** The words for a person: "1 week", "2 days", "12 hours". */
    public String describe() {
        if (seconds % Restriction.WEEK_SECONDS == 0) {
            return plural(seconds / Restriction.WEEK_SECONDS, "week");
        }
        if (calendarDays()) {
            return plural(seconds / Restriction.DAY_SECONDS, "day");
        }
        return plural(seconds / HOUR_SECONDS, "hour");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
