package io.bugmaster.slack.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.FakeSlack;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SlackSigned;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every request to the Slack URLs is verified before anything else: each part of a correctly
 * signed request is tampered with in turn (signature, timestamp in both directions, body, secret,
 * headers), a replay is refused, an oversized body is refused unread; the Events API's
 * url_verification is answered only when signed.
 */
abstract class SlackInboundContract extends IntegrationTest {
    @Autowired
    SlackInstallations installations;

    FakeSlack.Workspace workspace;
    SlackSigned slack;

    @BeforeEach
    void connect() {
        Tenant tenant = newTenant();
        workspace = FakeSlack.shared().workspace(unique("ws"));
        installations.save(tenant.owner(), tenant.org().slug(),
                new SlackInstallations.Settings(workspace.botToken, workspace.signingSecret, null, null));
        slack = new SlackSigned(baseUrl(), workspace.signingSecret);
    }

    private static String challenge(String value) {
        return ApiClient.json("token", "legacy", "challenge", value, "type", "url_verification");
    }

    @Test
    void aSignedUrlVerificationIsAnsweredWithItsChallenge() {
        ApiClient.Response r = slack.event(clock.instant(), challenge("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("challenge").asString()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    @Test
    void eachTamperedPartIsRefused() {
        Instant now = clock.instant();
        String body = challenge("c1");
        String ts = String.valueOf(now.getEpochSecond());
        String good = slack.signature(now, body);
        String json = "application/json";

        assertThat(slack.post("/slack/events", body, json, ts, good.substring(0, good.length() - 1) + (good.endsWith("0") ? "1" : "0"),
                Map.of()).status()).as("one hex digit changed").isEqualTo(401);
        assertThat(slack.post("/slack/events", challenge("c2"), json, ts, good, Map.of()).status()).as("another body").isEqualTo(401);
        assertThat(slack.post("/slack/events", body, json, String.valueOf(now.getEpochSecond() + 1), good, Map.of()).status())
                .as("another timestamp with the same signature").isEqualTo(401);
        assertThat(slack.post("/slack/events", body, json, null, good, Map.of()).status()).as("no timestamp").isEqualTo(401);
        assertThat(slack.post("/slack/events", body, json, ts, null, Map.of()).status()).as("no signature").isEqualTo(401);
        assertThat(slack.post("/slack/events", body, json, "soon", good, Map.of()).status()).as("not a number").isEqualTo(401);
        SlackSigned stranger = new SlackSigned(baseUrl(), "0123456789abcdef0123456789abcdef");
        assertThat(stranger.event(now, body).status()).as("another app's secret").isEqualTo(401);
        // the untouched request still works: nothing above consumed it
        assertThat(slack.post("/slack/events", body, json, ts, good, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void timestampsMoreThanFiveMinutesAwayAreRefusedBothWays() {
        Instant now = clock.instant();
        ApiClient.Response old = slack.event(now.minus(Duration.ofMinutes(5)).minusSeconds(1), challenge("old"));
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.detail()).contains("5 minutes");
        assertThat(slack.event(now.plus(Duration.ofMinutes(5)).plusSeconds(1), challenge("future")).status()).isEqualTo(401);
        assertThat(slack.event(now.minus(Duration.ofMinutes(4)), challenge("recent")).status()).isEqualTo(200);
    }

    @Test
    void aReplayOfTheSameSignedRequestIsRefused() {
        Instant now = clock.instant();
        String body = challenge("once");
        String ts = String.valueOf(now.getEpochSecond());
        String signature = slack.signature(now, body);
        assertThat(slack.post("/slack/events", body, "application/json", ts, signature, Map.of()).status()).isEqualTo(200);
        ApiClient.Response again = slack.post("/slack/events", body, "application/json", ts, signature, Map.of());
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.detail()).contains("replay");
    }

    @Test
    void anOversizedBodyIsRefusedWithoutBeingVerified() {
        String huge = "x".repeat(SlackInboundController.MAX_BYTES + 1);
        ApiClient.Response r = slack.post(clock.instant(), "/slack/commands", huge, "application/x-www-form-urlencoded");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void anInteractionWithoutAPayloadIsAClientError() {
        ApiClient.Response r = slack.post(clock.instant(), "/slack/interactions", "payload=%7Bnot-json", "application/x-www-form-urlencoded");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).contains("payload");
    }
}
