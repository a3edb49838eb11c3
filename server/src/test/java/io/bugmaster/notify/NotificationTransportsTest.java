package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.bugmaster.notify.discord.DiscordTransport;
import io.bugmaster.notify.email.EmailTransport;
import io.bugmaster.notify.email.SmtpSender;
import io.bugmaster.notify.mattermost.MattermostTransport;
import io.bugmaster.notify.pagerduty.PagerDutyTransport;
import io.bugmaster.notify.slack.SlackTransport;
import io.bugmaster.notify.teams.TeamsTransport;
import io.bugmaster.notify.webhook.WebhookTransport;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every transport against a real receiver that checks the payload against the format its service
 * documents: local HTTP servers for the webhooks and PagerDuty, GreenMail for SMTP.
 */
class NotificationTransportsTest {
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String HOSTILE = "<script>alert(1)</script> & <!channel> @everyone *bold* [x](http://evil)";

    Receiver receiver;

    @BeforeEach
    void start() {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    static NotifyProperties props(String smtpHost, String pagerdutyUrl) {
        return props(smtpHost, 25, pagerdutyUrl);
    }

    static NotifyProperties props(String smtpHost, int smtpPort, String pagerdutyUrl) {
        return new NotifyProperties(null, null, Duration.ofSeconds(5), pagerdutyUrl, smtpHost, smtpPort, null, null, "none",
                "bugmaster@example.com");
    }

    static OutboundHttp loopbackAllowed() {
        return new OutboundHttp(new NotifyProperties("127.0.0.1", null, Duration.ofSeconds(5), "http://unused", null, 25, null, null,
                "none", "bugmaster@example.com"), CLOCK);
    }

    static Notification alert(String title) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("browser", "Firefox 120");
        tags.put("url", "https://shop.example.com/checkout?a=1&b=<2>");
        return NotificationFixtures.issue("ntf-123", Notification.Kind.ALERT, "issue/42", "acme", "shop", "production", title,
                "app.checkout.pay", "error", 1234, 56, Instant.parse("2026-11-20T10:00:00Z"), "shop@1.2.3", "abc1234",
                "Jane Dev", tags, "jane@example.com", "https://bugs.example.com/organizations/acme/issues/42/");
    }

    static Channel channel(ChannelKind kind, Map<String, String> config) {
        return new Channel(7, 1, "ops", kind, config, true, null, NOW);
    }

    @Test
    void slackGetsBlocksWithSectionsAndAPlainTextFallback() throws Exception {
        var transport = new SlackTransport(loopbackAllowed());
        Delivered delivered = transport.send(channel(SlackTransport.KIND, Map.of("url", receiver.url("/services/T0/B0/x"))), alert(HOSTILE));
        assertThat(delivered.httpStatus()).isEqualTo(200);

        Receiver.Request request = receiver.only();
        assertThat(request.path()).isEqualTo("/services/T0/B0/x");
        assertThat(request.header("Content-Type")).startsWith("application/json");
        JsonNode json = request.json();
        assertThat(json.path("text").isString()).isTrue();
        assertThat(json.path("text").asString()).contains("[shop]").doesNotContain("<script>").doesNotContain("<!channel>");
        JsonNode blocks = json.path("blocks");
        assertThat(blocks.isArray()).isTrue();
        assertThat(blocks.size()).isBetween(1, 50);
        JsonNode first = blocks.get(0);
        assertThat(first.path("type").asString()).isEqualTo("section");
        assertThat(first.path("text").path("type").asString()).isEqualTo("mrkdwn");
        String heading = first.path("text").path("text").asString();
        assertThat(heading).contains("&lt;script&gt;").contains("&amp;").contains("&lt;!channel&gt;").doesNotContain("<script>")
                .contains("<https://bugs.example.com/organizations/acme/issues/42/|");
        for (JsonNode block : blocks) {
            assertThat(block.path("type").asString()).isIn("section", "context", "actions", "header", "divider");
            if (block.has("fields")) {
                assertThat(block.path("fields").size()).isLessThanOrEqualTo(10);
                block.path("fields").forEach(f -> assertThat(f.path("text").asString().length()).isLessThanOrEqualTo(2000));
            }
            if (block.path("text").has("text")) {
                assertThat(block.path("text").path("text").asString().length()).isLessThanOrEqualTo(3000);
            }
        }
        assertThat(blocks.toString()).contains("*Environment*\\nproduction").contains("abc1234 by Jane Dev")
                .contains("https://shop.example.com/checkout?a=1&amp;b=&lt;2&gt;");
    }

    @Test
    void slackGivesAReferenceToTheMessageWhenItAnswersAsChatPostMessageAndNoneForAnIncomingWebhook() throws Exception {
        var transport = new SlackTransport(loopbackAllowed());
        Channel slack = channel(SlackTransport.KIND, Map.of("url", receiver.url("/services/T0/B0/x")));
        assertThat(transport.send(slack, alert("webhook")).messageRef()).as("an incoming webhook answers ok").isNull();

        receiver.thenAnswer(200, "{\"ok\":true,\"channel\":\"C0123ABC\",\"ts\":\"1733324400.000100\",\"message\":{}}", Map.of());
        assertThat(transport.send(slack, alert("app")).messageRef()).isEqualTo("C0123ABC/1733324400.000100");

        receiver.thenAnswer(200, "{\"ok\":false,\"error\":\"not_in_channel\"}", Map.of());
        assertThat(transport.send(slack, alert("refused")).messageRef()).isNull();
        receiver.thenAnswer(200, "{\"ok\":true,\"channel\":\"C0123ABC\",\"ts\":\"<not a ts>\"}", Map.of());
        assertThat(transport.send(slack, alert("odd")).messageRef()).isNull();
        receiver.thenAnswer(200, "{\"ok\":tru", Map.of());
        assertThat(transport.send(slack, alert("cut")).messageRef()).isNull();
    }

    @Test
    void mattermostGetsSlackAttachments() throws Exception {
        new MattermostTransport(loopbackAllowed()).send(channel(MattermostTransport.KIND, Map.of("url", receiver.url("/hooks/abc"))),
                alert(HOSTILE));
        JsonNode json = receiver.only().json();
        assertThat(json.path("text").isString()).isTrue();
        JsonNode attachment = json.path("attachments").get(0);
        assertThat(attachment.path("fallback").asString()).isNotEmpty();
        assertThat(attachment.path("title_link").asString()).isEqualTo("https://bugs.example.com/organizations/acme/issues/42/");
        assertThat(attachment.path("fields").isArray()).isTrue();
        assertThat(attachment.path("fields").get(0).has("title")).isTrue();
        assertThat(attachment.path("fields").get(0).has("value")).isTrue();
        assertThat(json.path("text").asString()).doesNotContain("@everyone").contains("@\u200beveryone").contains("\\*bold\\*");
        assertThat(json.path("text").asString()).endsWith(" https://bugs.example.com/organizations/acme/issues/42/");
    }

    @Test
    void discordPostsToItsSlackCompatibleEndpoint() throws Exception {
        new DiscordTransport(loopbackAllowed()).send(channel(DiscordTransport.KIND, Map.of("url", receiver.url("/api/webhooks/123/tok"))),
                alert("Boom"));
        Receiver.Request request = receiver.only();
        assertThat(request.path()).isEqualTo("/api/webhooks/123/tok/slack");
        assertThat(io.bugmaster.notify.discord.DiscordTransportAccess.slackEndpoint("https://discord.com/api/webhooks/1/t?wait=true"))
                .isEqualTo("https://discord.com/api/webhooks/1/t/slack?wait=true");
        JsonNode json = request.json();
        assertThat(json.has("blocks")).isFalse();
        assertThat(json.path("attachments").get(0).path("title").asString()).isEqualTo("[shop] Boom");
        assertThat(json.path("text").asString().length()).isLessThanOrEqualTo(2000);
    }

    @Test
    void teamsGetsAnAdaptiveCardInAMessage() throws Exception {
        new TeamsTransport(loopbackAllowed()).send(channel(TeamsTransport.KIND, Map.of("url", receiver.url("/workflows/abc?sig=s"))),
                alert(HOSTILE));
        Receiver.Request request = receiver.only();
        assertThat(request.path()).isEqualTo("/workflows/abc?sig=s");
        JsonNode json = request.json();
        assertThat(json.path("type").asString()).isEqualTo("message");
        JsonNode attachment = json.path("attachments").get(0);
        assertThat(attachment.path("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asString()).matches("1\\.[0-5]");
        assertThat(card.path("$schema").asString()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        JsonNode body = card.path("body");
        assertThat(body.isArray()).isTrue();
        assertThat(body.get(0).path("type").asString()).isEqualTo("TextBlock");
        assertThat(body.get(0).path("text").asString()).contains("\\<script\\>").contains("@\u200beveryone");
        List<String> types = new ArrayList<>();
        body.forEach(b -> types.add(b.path("type").asString()));
        assertThat(types).contains("FactSet");
        assertThat(card.path("actions").get(0).path("type").asString()).isEqualTo("Action.OpenUrl");
        assertThat(request.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(28 * 1024);
    }

    /** An alert with action links beside Open, as alerting queues it for one recipient. */
    static Notification withActionLinks(Notification alert) {
        List<Notification.Action> actions = new ArrayList<>(alert.actions());
        actions.add(new Notification.Action(Notification.Action.Type.RESOLVE, "Resolve", "https://bugs.example.com/actions/v1.r.sig"));
        actions.add(new Notification.Action(Notification.Action.Type.SNOOZE, "Ignore for 1h", "https://bugs.example.com/actions/v1.i.sig"));
        return alert.withActions(actions);
    }

    @Test
    void actionLinksAreButtonsOrLinksInEveryChatAndTheWebhookButNeverInPagerDuty() throws Exception {
        Notification n = withActionLinks(alert("Boom"));
        new SlackTransport(loopbackAllowed()).send(channel(SlackTransport.KIND, Map.of("url", receiver.url("/slack"))), n);
        new MattermostTransport(loopbackAllowed()).send(channel(MattermostTransport.KIND, Map.of("url", receiver.url("/mm"))), n);
        new DiscordTransport(loopbackAllowed()).send(channel(DiscordTransport.KIND, Map.of("url", receiver.url("/discord"))), n);
        new TeamsTransport(loopbackAllowed()).send(channel(TeamsTransport.KIND, Map.of("url", receiver.url("/teams"))), n);
        new WebhookTransport(loopbackAllowed(), CLOCK).send(channel(WebhookTransport.KIND, Map.of("url", receiver.url("/hook"),
                "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")), n);
        List<Receiver.Request> got = receiver.requests();
        assertThat(got).hasSize(5);

        List<String> buttons = new ArrayList<>();
        got.get(0).json().path("blocks").forEach(b -> b.path("elements").forEach(e -> buttons.add(e.path("text").path("text").asString()
                + " " + e.path("url").asString())));
        assertThat(buttons).contains("Resolve https://bugs.example.com/actions/v1.r.sig",
                "Ignore for 1h https://bugs.example.com/actions/v1.i.sig");
        for (Receiver.Request attachments : got.subList(1, 3)) {
            assertThat(attachments.json().path("attachments").get(0).path("text").asString())
                    .contains("[Resolve](https://bugs.example.com/actions/v1.r.sig) · [Ignore for 1h](https://bugs.example.com/actions/v1.i.sig)");
        }
        List<String> cardActions = new ArrayList<>();
        got.get(3).json().path("attachments").get(0).path("content").path("actions")
                .forEach(a -> cardActions.add(a.path("title").asString() + " " + a.path("url").asString()));
        assertThat(cardActions).contains("Resolve https://bugs.example.com/actions/v1.r.sig",
                "Ignore for 1h https://bugs.example.com/actions/v1.i.sig");
        List<String> hookActions = new ArrayList<>();
        got.get(4).json().path("data").path("actions")
                .forEach(a -> hookActions.add(a.path("type").asString() + " " + a.path("url").asString()));
        assertThat(hookActions).containsExactly("open https://bugs.example.com/organizations/acme/issues/42/",
                "resolve https://bugs.example.com/actions/v1.r.sig", "snooze https://bugs.example.com/actions/v1.i.sig");

        // Events API v2 has links but no actions: PagerDuty gets the issue's page only, and acts with its own buttons
        try (PagerDutyReceiver pagerDuty = new PagerDutyReceiver()) {
            Channel channel = channel(PagerDutyTransport.KIND, Map.of("routing_key", "R0123456789abcdef0123456789abcde"));
            new PagerDutyTransport(loopbackAllowed(), props(null, pagerDuty.url())).send(channel, n);
            JsonNode trigger = pagerDuty.accepted("R0123456789abcdef0123456789abcde").get(0).json();
            assertThat(trigger.toString()).doesNotContain("/actions/");
            assertThat(trigger.path("links").get(0).path("href").asString()).isEqualTo("https://bugs.example.com/organizations/acme/issues/42/");
        }
    }

    @Test
    void webhookIsSignedPerStandardWebhooksAndVerifiesIndependently() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        new WebhookTransport(loopbackAllowed(), CLOCK).send(channel(WebhookTransport.KIND,
                Map.of("url", receiver.url("/hook"), "secret", secret)), alert("Boom"));
        Receiver.Request request = receiver.only();
        String id = request.header("webhook-id");
        String timestamp = request.header("webhook-timestamp");
        assertThat(id).isEqualTo("ntf-123");
        assertThat(timestamp).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(verify(secret, id, timestamp, request.body(), request.header("webhook-signature"))).isTrue();
        assertThat(verify(secret, id, timestamp, request.body() + " ", request.header("webhook-signature"))).isFalse();
        JsonNode json = request.json();
        assertThat(json.path("type").asString()).isEqualTo("issue.alert");
        assertThat(json.path("timestamp").asString()).isEqualTo("2026-11-21T08:00:00Z");
        assertThat(json.path("data").path("title").asString()).isEqualTo("Boom");
        assertThat(json.path("data").path("count").asLong()).isEqualTo(1234);
        assertThat(json.path("data").path("tags").path("browser").asString()).isEqualTo("Firefox 120");
    }

    /** Standard Webhooks verification written from the spec, sharing no code with the sender. */
    static boolean verify(String secret, String id, String timestamp, String body, String header) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.split("_", 2)[1]);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        for (String part : header.split(" ")) {
            String[] versioned = part.split(",", 2);
            if (versioned.length == 2 && versioned[0].equals("v1")
                    && java.security.MessageDigest.isEqual(versioned[1].getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void pagerDutyTriggersAndResolvesWithAStableDedupKey() throws Exception {
        try (PagerDutyReceiver pagerDuty = new PagerDutyReceiver()) {
            var transport = new PagerDutyTransport(loopbackAllowed(), props(null, pagerDuty.url()));
            String routingKey = "R0123456789abcdef0123456789abcde";
            Channel channel = channel(PagerDutyTransport.KIND, Map.of("routing_key", routingKey));
            assertThat(transport.send(channel, alert("Boom")).httpStatus()).isEqualTo(202);
            Notification resolved = NotificationFixtures.issue("ntf-124", Notification.Kind.RESOLVE, "issue/42", "acme", "shop", null, "Boom",
                    null, null, 0, 0, null, null, null, null, Map.of(), null, null);
            assertThat(transport.send(channel, resolved).httpStatus()).isEqualTo(202);

            assertThat(pagerDuty.rejected()).as("every event is valid Events API v2").isEmpty();
            List<PagerDutyReceiver.Event> events = pagerDuty.accepted(routingKey);
            assertThat(events).extracting(PagerDutyReceiver.Event::action).containsExactly("trigger", "resolve");
            JsonNode trigger = events.get(0).json();
            assertThat(trigger.path("dedup_key").asString()).isNotEmpty().hasSizeLessThanOrEqualTo(255);
            JsonNode payload = trigger.path("payload");
            assertThat(payload.path("summary").asString()).isEqualTo("[shop] Boom");
            assertThat(payload.path("source").asString()).isEqualTo("shop");
            assertThat(payload.path("severity").asString()).isEqualTo("error");
            assertThat(payload.path("custom_details").path("Events").asString()).isEqualTo("1234");
            assertThat(events.get(1).dedupKey()).isEqualTo(events.get(0).dedupKey());
            assertThat(pagerDuty.incidents(routingKey)).singleElement().satisfies(i -> assertThat(i.resolved()).isTrue());
        }
    }

    @Test
    void pagerDutyRefusingTheEventIsPermanentAndThrottlingIsTemporaryWithRetryAfter() {
        var transport = new PagerDutyTransport(loopbackAllowed(), props(null, receiver.url("/v2/enqueue")));
        Channel channel = channel(PagerDutyTransport.KIND, Map.of("routing_key", "R0123456789abcdef0123456789abcde"));
        receiver.thenAnswer(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}", Map.of());
        receiver.thenAnswer(429, "", Map.of("Retry-After", "30"));
        assertThatThrownBy(() -> transport.send(channel, alert("Boom"))).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.permanent()).isTrue();
            assertThat(e.getMessage()).contains("400").contains("invalid event");
        });
        assertThatThrownBy(() -> transport.send(channel, alert("Boom"))).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.permanent()).isFalse();
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void serverErrorsAndRefusedConnectionsAreTemporaryAndRedirectsAreNotFollowed() throws Exception {
        var slack = new SlackTransport(loopbackAllowed());
        receiver.thenAnswer(503, "busy", Map.of());
        receiver.thenAnswer(302, "", Map.of("Location", "http://169.254.169.254/latest/meta-data/"));
        Channel channel = channel(SlackTransport.KIND, Map.of("url", receiver.url("/x")));
        assertThatThrownBy(() -> slack.send(channel, alert("Boom")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
        assertThatThrownBy(() -> slack.send(channel, alert("Boom"))).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.permanent()).isTrue();
            assertThat(e.getMessage()).contains("redirect");
        });
        assertThat(receiver.requests()).hasSize(2);

        String down = receiver.url("/x");
        receiver.close();
        assertThatThrownBy(() -> slack.send(channel(SlackTransport.KIND, Map.of("url", down)), alert("Boom")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
        receiver = new Receiver();
    }

    @Test
    void theDefaultPolicyRefusesLoopbackBeforeSendingAnything() {
        var slack = new SlackTransport(new OutboundHttp(props(null, "http://unused"), CLOCK));
        assertThatThrownBy(() -> slack.send(channel(SlackTransport.KIND, Map.of("url", receiver.url("/x"))), alert("Boom")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).contains("loopback").contains("BUGMASTER_OUTBOUND_ALLOW");
                });
        assertThat(receiver.requests()).isEmpty();
    }

    static final String CELL = "<script>x</script> ```end``` | pipe @everyone <!channel> *b*\nsecond line " + "y".repeat(3000);

    /** An SQL monitor's rows: hostile cells (markup, backticks, pipes, mentions, a line break, 3000 characters), a null, 97 in all. */
    static Notification withTable(Notification n) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("c-1", "2023-05-30 14:34:28"));
        rows.add(java.util.Arrays.asList(CELL, null));
        for (int i = 0; i < 18; i++) {
            rows.add(List.of("c-" + (i + 2), "z".repeat(150)));
        }
        return n.withTable(new Notification.Table(List.of("checkout_id", "submitted_at"), rows, 97));
    }

    @Test
    void aTableIsShownByEveryChatTransportEscapedForItsFormatWithinItsLimits() throws Exception {
        Notification n = withTable(alert("Monitor Firing"));
        new SlackTransport(loopbackAllowed()).send(channel(SlackTransport.KIND, Map.of("url", receiver.url("/slack"))), n);
        new MattermostTransport(loopbackAllowed()).send(channel(MattermostTransport.KIND, Map.of("url", receiver.url("/mm"))), n);
        new DiscordTransport(loopbackAllowed()).send(channel(DiscordTransport.KIND, Map.of("url", receiver.url("/api/webhooks/1/t"))), n);
        new TeamsTransport(loopbackAllowed()).send(channel(TeamsTransport.KIND, Map.of("url", receiver.url("/teams"))), n);
        List<Receiver.Request> got = receiver.requests();
        assertThat(got).hasSize(4);

        JsonNode slack = got.get(0).json();
        String table = null;
        for (JsonNode block : slack.path("blocks")) {
            String text = block.path("text").path("text").asString("");
            assertThat(text.length()).isLessThanOrEqualTo(3000);
            if (text.startsWith("```")) {
                table = text;
            }
        }
        assertThat(table).isNotNull().endsWith("\n```").containsPattern("\ncheckout_id +\\| submitted_at\n").contains("&lt;script&gt;")
                .doesNotContain("<script>").doesNotContain("<!channel>").doesNotContain("second line");
        assertThat(table.substring(3, table.length() - 3)).as("no backtick ends the block early").doesNotContain("`");
        assertThat(slack.path("blocks").toString()).contains("Showing 20 of 97 rows");

        for (Receiver.Request markdown : got.subList(1, 3)) {
            String text = markdown.json().path("attachments").get(0).path("text").asString();
            assertThat(text.length()).isLessThanOrEqualTo(2000);
            int start = text.indexOf("```\n");
            int end = text.indexOf("\n```", start + 4);
            assertThat(start).isNotNegative();
            assertThat(end).as("the code block is closed: " + text).isGreaterThan(start);
            String block = text.substring(start + 4, end);
            assertThat(block).contains("checkout_id").contains("c-1").doesNotContain("`").doesNotContain("@everyone")
                    .contains("@\u200bev");
        }

        JsonNode card = got.get(3).json().path("attachments").get(0).path("content");
        String cardText = card.path("body").toString();
        assertThat(cardText).contains("Monospace").contains("checkout\\\\_id").contains("\\\\<script\\\\>")
                .doesNotContain("@everyone").contains("Showing 20 of 97 rows");
        assertThat(got.get(3).body().getBytes(StandardCharsets.UTF_8).length).isLessThan(28 * 1024);
    }

    @Test
    void aTableGoesToWebhooksAsDataAndToPagerDutyAsDetails() throws Exception {
        Notification n = withTable(alert("Monitor Firing"));
        new WebhookTransport(loopbackAllowed(), CLOCK).send(channel(WebhookTransport.KIND, Map.of("url", receiver.url("/hook"),
                "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")), n);
        JsonNode table = receiver.only().json().path("data").path("table");
        assertThat(table.path("columns").toString()).isEqualTo("[\"checkout_id\",\"submitted_at\"]");
        assertThat(table.path("rows").get(1).get(0).asString()).isEqualTo(CELL);
        assertThat(table.path("rows").get(1).get(1).asString()).isEqualTo("NULL");
        assertThat(table.path("total").asLong()).isEqualTo(97);

        try (PagerDutyReceiver pagerDuty = new PagerDutyReceiver()) {
            String routingKey = "R0123456789abcdef0123456789abcde";
            new PagerDutyTransport(loopbackAllowed(), props(null, pagerDuty.url()))
                    .send(channel(PagerDutyTransport.KIND, Map.of("routing_key", routingKey)), n);
            assertThat(pagerDuty.rejected()).isEmpty();
            JsonNode details = pagerDuty.accepted(routingKey).get(0).json().path("payload").path("custom_details");
            assertThat(details.path("records").asLong()).isEqualTo(97);
            assertThat(details.path("rows")).hasSize(20);
            assertThat(details.path("rows").get(1).path("checkout_id").asString()).startsWith("<script>x</script>").hasSizeLessThanOrEqualTo(200);
        }
    }

    @Test
    void aTableInAnEmailIsAnHtmlTableWithEveryCellEscapedAndAlignedTextInThePlainPart() throws Exception {
        var email = io.bugmaster.notify.email.EmailMessages.of(withTable(alert("Monitor Firing")));
        assertThat(email.html()).contains("<th align=\"left\" style=\"border-bottom:1px solid #ddd\">checkout_id</th>")
                .contains("&lt;script&gt;x&lt;/script&gt; ```end``` | pipe @everyone &lt;!channel&gt; *b*\nsecond line")
                .doesNotContain("<script>").contains(">NULL</td>").contains("Showing 20 of 97 rows");
        assertThat(email.text()).contains("checkout_id").contains("c-1 ").contains("<script>x</script>")
                .doesNotContain("second line\n").contains("Showing 20 of 97 rows");
        assertThat(io.bugmaster.notify.ntfy.NtfyMessages.body(withTable(alert("Monitor Firing")))).containsPattern("checkout_id +\\| submitted_at")
                .contains("Showing 20 of 97 rows");
        Notification back = NotificationJson.read(NotificationJson.write(withTable(alert("x"))));
        assertThat(back.table()).as("the queue keeps the table").isEqualTo(withTable(alert("x")).table());
    }

    @Test
    void emailHasTextAndHtmlPartsWithTheHostileTitleEscaped() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try {
            int port = mail.getSmtp().getPort();
            var settings = props("127.0.0.1", port, "http://unused");
            var email = new EmailTransport(settings, new SmtpSender(settings));
            Delivered delivered = email.send(channel(EmailTransport.KIND, Map.of("to", "oncall@example.com, lead@example.com")),
                    alert(HOSTILE + "\r\nBcc: victim@example.com"));
            assertThat(delivered.detail()).contains("127.0.0.1");
            assertThat(mail.waitForIncomingEmail(30_000, 2)).isTrue();
            MimeMessage message = mail.getReceivedMessages()[0];
            assertThat(message.getSubject()).contains("[shop]").doesNotContain("\n").doesNotContain("\r");
            assertThat(message.getHeader("Bcc")).isNull();
            assertThat(message.getFrom()[0].toString()).isEqualTo("bugmaster@example.com");
            assertThat(message.getHeader("X-Bugmaster-Notification")[0]).isEqualTo("ntf-123");
            String text = null;
            String html = null;
            List<jakarta.mail.Part> parts = new ArrayList<>();
            collect(message, parts);
            for (jakarta.mail.Part part : parts) {
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                } else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                }
            }
            assertThat(text).as(GreenMailUtil.getWholeMessage(message)).contains("Environment: production")
                    .contains("https://bugs.example.com/organizations/acme/issues/42/");
            assertThat(html).isNotNull().contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
                    .contains("&lt;2&gt;").contains("href=\"https://bugs.example.com/organizations/acme/issues/42/\"");
        } finally {
            mail.stop();
        }
    }

    private static void collect(jakarta.mail.Part part, List<jakarta.mail.Part> out) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), out);
            }
        } else {
            out.add(part);
        }
    }

    @Test
    void emailWithoutSmtpSettingsFailsPermanentlyWithTheSettingToSet() {
        var settings = props(null, "http://unused");
        var email = new EmailTransport(settings, new SmtpSender(settings));
        assertThatThrownBy(() -> email.send(channel(EmailTransport.KIND, Map.of("to", "a@example.com")), alert("x")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.getMessage()).contains("BUGMASTER_SMTP_HOST");
                });
    }
}
