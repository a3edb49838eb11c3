package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Fuzzes Sentry timestamp parsing (seeds in TimestampsFuzzTestInputs/). A timestamp is null or an
 * instant in 1970..9999; an instant written back in ISO form reads as itself; and the fast path for
 * {@code ...Z} agrees with java.time's parse of the same time written with {@code +00:00}.
 */
class TimestampsFuzzTest {
    private static final Instant YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z");

    @FuzzTest(maxDuration = "10m")
    void text(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Instant parsed = Timestamps.parse(text);
        if (parsed == null) {
            return;
        }
        assertThat(parsed).isAfterOrEqualTo(Instant.EPOCH).isBefore(YEAR_10000);
        assertThat(Timestamps.parse(parsed.toString())).as("round trip of %s", parsed).isEqualTo(parsed);
        String value = text.strip();
        if (value.endsWith("Z") && value.length() <= 58 && value.indexOf('-') > 0) {
            String offset = value.substring(0, value.length() - 1) + "+00:00";
            assertThat(Timestamps.parse(offset)).as("%s read as %s", offset, parsed).isEqualTo(parsed);
        }
    }
}
