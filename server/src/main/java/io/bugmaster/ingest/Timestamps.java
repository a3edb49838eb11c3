package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
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
