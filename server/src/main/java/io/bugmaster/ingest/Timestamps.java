package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/** Sentry timestamps: an RFC 3339 string (UTC assumed when it has no offset) or epoch seconds as a number. */
@PureLogic
public final class Timestamps {
    /** Years outside 1970..9999 are treated as garbage rather than dates. */
    private static final long MIN_EPOCH_SECONDS = 0L;
    private static final long MAX_EPOCH_SECONDS = 253402300799L;

    private Timestamps() {}

    /** The instant, or null when the node holds no timestamp this understands. */
    public static Instant parse(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return fromEpochSeconds(node.doubleValue());
        }
        if (node.isString()) {
            return parse(node.stringValue());
        }
        return null;
    }

    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        if (value.isEmpty() || value.length() > 64) {
            return null;
        }
        if (Character.isDigit(value.charAt(0)) && value.indexOf('-') < 0) {
            try {
                return fromEpochSeconds(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Instant fast = parseUtcSeconds(value);
        if (fast != null) {
            return fast;
        }
        value = value.replace(' ', 'T');
        try {
            return checked(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            // no offset: try UTC below
        }
        try {
            return checked(LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The common SDK form {@code 2026-11-21T06:23:10Z} or {@code ...T06:23:10.123456Z}, parsed
     * without java.time's formatter (a hot spot: every breadcrumb has a timestamp). Null for
     * anything else, including invalid dates, which the full parse then handles.
     */
    private static Instant parseUtcSeconds(String value) {
        int length = value.length();
        if (length < 20 || value.charAt(length - 1) != 'Z' || value.charAt(4) != '-' || value.charAt(7) != '-'
                || value.charAt(10) != 'T' || value.charAt(13) != ':' || value.charAt(16) != ':') {
            return null;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        int hour = digits(value, 11, 13);
        int minute = digits(value, 14, 16);
        int second = digits(value, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 1 - 20;
            if (value.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(value, 20, length - 1);
            for (int k = fraction; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > lengthOfMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return checked(Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos));
    }

    private static int lengthOfMonth(int year, int month) {
        return YearMonth.of(year, month).lengthOfMonth();
    }

    /** The decimal number in {@code value[from, to)}, or -1 when a character is not an ASCII digit. */
    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    static Instant fromEpochSeconds(double seconds) {
        if (!Double.isFinite(seconds) || seconds < MIN_EPOCH_SECONDS || seconds > MAX_EPOCH_SECONDS) {
            return null;
        }
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1_000_000) * 1000;
        if (nanos >= 1_000_000_000L) {
            whole++;
            nanos -= 1_000_000_000L;
        }
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static Instant checked(Instant instant) {
        long seconds = instant.getEpochSecond();
        return seconds < MIN_EPOCH_SECONDS || seconds > MAX_EPOCH_SECONDS ? null : instant;
    }
}
