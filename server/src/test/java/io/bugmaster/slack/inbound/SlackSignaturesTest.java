package io.bugmaster.slack.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Bugmaster's signing check against Slack's own SDK and Slack's documented example. */
class SlackSignaturesTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_531_420_618L);

    @Test
    void slacksDocumentedExampleVerifies() {
        // https://api.slack.com/authentication/verifying-requests-from-slack (the example secret, timestamp and body)
        String secret = "8f742231b10e8888abcd99yyyzzz85a5";
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
                + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
                + "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        String expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        assertThat(SlackSignatures.sign(secret, "1531420618", body.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        assertThat(SlackSignatures.matches(secret, "1531420618", body.getBytes(StandardCharsets.UTF_8), expected)).isTrue();
    }

    @Test
    void agreesWithSlacksSdkAndRefusesAnyChange() {
        String secret = "e2b5c6b1a0f84fd0a6b8c5b4a3f2e1d0";
        String body = "{\"type\":\"event_callback\",\"event\":{\"type\":\"pin_added\",\"text\":\"Ünïcode ✓\"}}";
        String sdk = new SlackSignature.Generator(secret).generate("1531420618", body);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(SlackSignatures.sign(secret, "1531420618", bytes)).isEqualTo(sdk);
        assertThat(SlackSignatures.matches(secret, "1531420618", bytes, sdk)).isTrue();
        assertThat(SlackSignatures.matches(secret, "1531420619", bytes, sdk)).isFalse();
        assertThat(SlackSignatures.matches(secret + "x", "1531420618", bytes, sdk)).isFalse();
        assertThat(SlackSignatures.matches(secret, "1531420618", (body + " ").getBytes(StandardCharsets.UTF_8), sdk)).isFalse();
        assertThat(SlackSignatures.matches(secret, "1531420618", bytes, sdk.replace("v0=", "v1="))).isFalse();
        assertThat(SlackSignatures.matches(secret, "1531420618", bytes, sdk.toUpperCase())).isFalse();
    }

    @Test
    void theWindowIsFiveMinutesEitherWay() {
        assertThat(SlackSignatures.timestamp("1531420318", "v0=x", NOW)).isEqualTo(SlackSignatures.Check.OK);
        assertThat(SlackSignatures.timestamp("1531420317", "v0=x", NOW)).isEqualTo(SlackSignatures.Check.STALE);
        assertThat(SlackSignatures.timestamp("1531420918", "v0=x", NOW)).isEqualTo(SlackSignatures.Check.OK);
        assertThat(SlackSignatures.timestamp("1531420919", "v0=x", NOW)).isEqualTo(SlackSignatures.Check.STALE);
        assertThat(SlackSignatures.timestamp("15314206l8", "v0=x", NOW)).isEqualTo(SlackSignatures.Check.BAD_TIMESTAMP);
        assertThat(SlackSignatures.timestamp("99999999999999999999999", "v0=x", NOW)).isEqualTo(SlackSignatures.Check.BAD_TIMESTAMP);
        assertThat(SlackSignatures.timestamp(null, "v0=x", NOW)).isEqualTo(SlackSignatures.Check.MISSING_HEADERS);
        assertThat(SlackSignatures.timestamp("1531420618", " ", NOW)).isEqualTo(SlackSignatures.Check.MISSING_HEADERS);
    }
}
