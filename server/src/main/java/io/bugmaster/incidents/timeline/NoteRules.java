package io.bugmaster.incidents.timeline;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import io.bugmaster.common.WebAddresses;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** What a timeline note may say and when it may be placed: its text, its time (ISO-8601, or a form's local time in a zone), its link. */
@PureLogic
public final class NoteRules {
    public static final int MAX_MESSAGE = 5000;
    /** A note's text in the {@code incident.note_added} signal, which chat messages are made from, is cut here. */
    public static final int SIGNAL_MESSAGE = 500;
    public static final int MAX_LINK = 2000;
    /** How long before the incident was opened a note may be placed: what led up to it is part of its story. */
    public static final Duration EARLIEST_BEFORE_OPENED = Duration.ofHours(24);

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private NoteRules() {}

    /** The note's text, stripped: 1 to 5,000 characters. */
    public static String message(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("message", "write something: a note cannot be empty");
        }
        String text = raw.strip();
        if (text.length() > MAX_MESSAGE) {
            throw new InvalidInputException("message", String.format(Locale.ROOT, "a note is at most %,d characters; this one has %,d",
                    MAX_MESSAGE, text.length()));
        }
        return text;
    }

    /** An API client's time: ISO-8601 with an offset ({@code 2026-12-05T10:02:00Z}, {@code 2026-12-05T11:02:00+01:00}); null when absent. */
    public static Instant iso(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("at", "an ISO-8601 time with an offset, like 2026-12-05T10:02:00Z, got '" + shorten(raw) + "'");
        }
    }

    /**
     * A form's time: {@code yyyy-MM-ddTHH:mm} (what a datetime-local input sends) in the browser's time zone
     * ({@code Europe/Berlin}; UTC when the browser said none); null when absent.
     */
    public static Instant local(String raw, String zone) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        ZoneId in;
        try {
            in = zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException("tz", "unknown time zone '" + shorten(zone) + "'");
        }
        try {
            return LocalDateTime.parse(raw.strip()).atZone(in).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("at", "a date and time like 2026-12-05T10:02, got '" + shorten(raw) + "'");
        }
    }

    /** A note's time must be no later than now and no earlier than 24 hours before the incident was opened. */
    public static Instant checkAt(Instant at, Instant openedAt, Instant now) {
        if (at.isAfter(now)) {
            throw new InvalidInputException("at", "a note cannot be in the future: " + SHOWN.format(at) + " is after now, "
                    + SHOWN.format(now));
        }
        Instant earliest = openedAt.minus(EARLIEST_BEFORE_OPENED);
        if (at.isBefore(earliest)) {
            throw new InvalidInputException("at", "a note can be at most 24 hours before the incident was opened (" + SHOWN.format(openedAt)
                    + "), so not before " + SHOWN.format(earliest));
        }
        return at;
    }

    /** An optional http(s) link: null when absent or blank. */
    public static String link(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String link = raw.strip();
        if (link.length() > MAX_LINK) {
            throw new InvalidInputException("link", "a link is at most " + MAX_LINK + " characters");
        }
        if (WebAddresses.isHttp(link)) {
            return link;
        }
        throw new InvalidInputException("link", "an http or https address, like https://grafana.example.com/d/orders, got '" + shorten(link) + "'");
    }

    /** The text for the signal: at most 500 characters, cut with an ellipsis. */
    public static String forSignal(String message) {
        if (message.length() <= SIGNAL_MESSAGE) {
            return message;
        }
        int end = SIGNAL_MESSAGE - 1;
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--; // never half a character
        }
        return message.substring(0, end) + "…";
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
