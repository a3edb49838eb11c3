package io.bugmaster.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Formatting helpers for templates: {@code ${@fmt.date(instant)}}, {@code ${@fmt.count(n, 'event')}}. */
@Component("fmt")
public class Formats {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    private final Clock clock;

    public Formats(Clock clock) {
        this.clock = clock;
    }

    public String date(Instant instant) {
        return instant == null ? "never" : DATE_TIME.format(instant);
    }

    /** The instant for a {@code <time datetime>} attribute ({@code 2026-12-05T10:02:00Z}), which the browser shows in its own time zone. */
    public String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** The instant as a datetime-local input's value in UTC ({@code 2026-12-05T10:02}); the browser moves it to its own zone. */
    public String utcInput(Instant instant) {
        return instant == null ? null : INPUT.format(instant);
    }

    /** "3 minutes ago", "2 days ago", or "never". */
    public String ago(Instant instant) {
        return ago(instant, clock.instant());
    }

    /** {@link #ago(Instant)} as of {@code now}, for sentences built outside a template. */
    public static String ago(Instant instant, Instant now) {
        if (instant == null) {
            return "never";
        }
        Duration d = Duration.between(instant, now);
        if (d.isNegative() || d.toSeconds() < 60) {
            return "just now";
        }
        if (d.toMinutes() < 60) {
            return plural(d.toMinutes(), "minute") + " ago";
        }
        if (d.toHours() < 48) {
            return plural(d.toHours(), "hour") + " ago";
        }
        return plural(d.toDays(), "day") + " ago";
    }

    /** "1 regression", "0 regressions", "1,234 events": a count with its noun in the number it needs. */
    public String count(long n, String noun) {
        return plural(n, noun);
    }

    /** The same for a noun whose plural is not the singular and an "s": "3 matches". */
    public String count(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d", n) + " " + (n == 1 ? singular : plural);
    }

    private static String plural(long n, String unit) {
        return String.format(Locale.ROOT, "%,d", n) + " " + unit + (n == 1 ? "" : "s");
    }
}
