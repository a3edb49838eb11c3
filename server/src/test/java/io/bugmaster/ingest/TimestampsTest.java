package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    /** What java.time makes of an RFC 3339 string with an offset: the reference for the fast path. */
    private static Instant reference(String text) {
        try {
            Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return instant.getEpochSecond() < 0 || instant.getEpochSecond() > 253402300799L ? null : instant;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Test
    void utcFormsAgreeWithJavaTime() {
        String[] cases = {
                "2026-11-21T06:23:10Z", "2026-11-21T06:23:10.1Z", "2026-11-21T06:23:10.123Z", "2026-11-21T06:23:10.123456Z",
                "2026-11-21T06:23:10.123456789Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                "2023-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
                "2026-11-00T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T23:60:00Z", "2026-11-21T23:59:60Z",
                "2026-11-21T06:23:10.Z", "2026-11-21T06:23:10.1234567890Z", "2026-11-21T06:23:1aZ", "1969-12-31T23:59:59Z",
                "2026-11-21T06:23Z", "2026-11-21T06:23:10+02:00", "2026-11-21t06:23:10z", "+2026-11-21T06:23:10Z",
                "2026-11-21T06:23:10,5Z", "2026-11-21T06:23:10-5Z", "2000-02-29T12:00:00Z", "1900-02-29T12:00:00Z"};
        for (String text : cases) {
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(reference(text));
        }
    }

    @Test
    void otherForms() {
        assertThat(Timestamps.parse("2026-11-21 06:23:10Z")).isEqualTo(Instant.parse("2026-11-21T06:23:10Z"));
        assertThat(Timestamps.parse("2026-11-21T06:23:10.5")).isEqualTo(Instant.parse("2026-11-21T06:23:10.5Z"));
        assertThat(Timestamps.parse(" 2026-11-21T06:23:10Z ")).isEqualTo(Instant.parse("2026-11-21T06:23:10Z"));
        assertThat(Timestamps.parse("1763706190.25")).isEqualTo(Instant.parse("2025-11-21T06:23:10.250Z"));
        assertThat(Timestamps.parse("yesterday")).isNull();
    }
}
