package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Times as people read them in a message, in UTC (a message goes to many people in many zones, and
 * the server knows none of them): {@code Dec 4, 18:05 UTC}, the year only when it is not the
 * message's, and {@code 3 hours ago} counted from when the message was made.
 */
@PureLogic
public final class Times {
    private static final DateTimeFormatter SAME_YEAR = DateTimeFormatter.ofPattern("MMM d, HH:mm 'UTC'", Locale.ENGLISH);
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("MMM d, yyyy, HH:mm 'UTC'", Locale.ENGLISH);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEE MMM d, HH:mm 'UTC'", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private Times() {}

    /** {@code Dec 4, 18:05 UTC}; with the year when it differs from {@code reference}'s (or there is no reference). */
    public static String at(Instant time, Instant reference) {
        ZonedDateTime t = time.atZone(ZoneOffset.UTC);
        boolean sameYear = reference != null && reference.atZone(ZoneOffset.UTC).getYear() == t.getYear();
        return (sameYear ? SAME_YEAR : OTHER_YEAR).format(t);
    }

    /** {@code Mon Dec 1, 08:00 UTC}: for a week's bounds, where the weekday tells more than the year. */
    public static String weekday(Instant time) {
        return WEEKDAY.format(time.atZone(ZoneOffset.UTC));
    }

    /** {@code Dec 4, 18:05–18:06 UTC}: a minute, or any span within a day. */
    public static String span(Instant from, Instant to) {
        return DAY.format(from.atZone(ZoneOffset.UTC)) + ", " + CLOCK.format(from.atZone(ZoneOffset.UTC)) + "–"
                + CLOCK.format(to.atZone(ZoneOffset.UTC)) + " UTC";
    }

    /** How long before {@code reference}: {@code just now}, {@code 5 minutes ago}, {@code 3 hours ago}, {@code 12 days ago}. */
    public static String ago(Instant time, Instant reference) {
        Duration d = Duration.between(time, reference);
        if (d.toMinutes() < 1) {
            return "just now";
        }
        if (d.toHours() < 1) {
            return plural(d.toMinutes(), "minute") + " ago";
        }
        if (d.toHours() < 48) {
            return plural(d.toHours(), "hour") + " ago";
        }
        return plural(d.toDays(), "day") + " ago";
    }

    /** {@code Dec 4, 18:05 UTC (3 hours ago)}. */
    public static String atAndAgo(Instant time, Instant reference) {
        return reference == null ? at(time, null) : at(time, reference) + " (" + ago(time, reference) + ")";
    }

    /** A rule's interval in words: {@code 1 minute}, {@code 5 minutes}, {@code 1 hour}, {@code 1 day}, {@code 1 week}. */
    public static String duration(Duration d) {
        if (d.toDays() >= 7 && d.toDays() % 7 == 0) {
            return plural(d.toDays() / 7, "week");
        }
        if (d.toHours() >= 24 && d.toHours() % 24 == 0) {
            return plural(d.toDays(), "day");
        }
        if (d.toMinutes() >= 60 && d.toMinutes() % 60 == 0) {
            return plural(d.toHours(), "hour");
        }
        return plural(d.toMinutes(), "minute");
    }

    static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
