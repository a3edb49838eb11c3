package io.bugmaster.releases;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Dates in release, commit and deploy input: RFC 3339 (what sentry-cli and git send); no zone means UTC. */
@PureLogic
public final class Dates {
    private Dates() {}

    /** The instant, or null for a null or empty value. */
    public static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                throw new InvalidInputException(field, "must be an RFC 3339 date-time such as 2026-11-21T05:36:44Z, got '"
                        + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
            }
        }
    }
}
