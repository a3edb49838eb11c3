package io.bugmaster.slack.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Fuzzes what Bugmaster reads of a Slack request before and after verifying it: the form parser
 * never throws and keeps what it was given (a field encoded and parsed back is the same), and the
 * timestamp check answers for any header text without an exception.
 */
class SlackFormsFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void forms(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Map<String, String> parsed = SlackForms.parse(text);
        assertThat(parsed.size()).isLessThanOrEqualTo(text.length() + 1);
        String encoded = "payload=" + URLEncoder.encode(text, StandardCharsets.UTF_8) + "&x=1";
        assertThat(SlackForms.parse(encoded)).containsEntry("payload", text).containsEntry("x", "1");
    }

    @FuzzTest(maxDuration = "1m")
    void timestamps(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        SlackSignatures.Check check = SlackSignatures.timestamp(text, "v0=00", Instant.ofEpochSecond(1_700_000_000L));
        if (check == SlackSignatures.Check.OK) {
            assertThat(Math.abs(Long.parseLong(text.strip()) - 1_700_000_000L)).isLessThanOrEqualTo(300);
        }
    }
}
