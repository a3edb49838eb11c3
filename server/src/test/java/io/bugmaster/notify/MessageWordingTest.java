package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.notify.email.EmailMessages;
import io.bugmaster.notify.pagerduty.PagerDutyEvents;
import io.bugmaster.notify.slack.SlackMessages;
import io.bugmaster.notify.slack.SlackTransport;
import io.bugmaster.notify.teams.AdaptiveCards;
import io.bugmaster.notify.webhook.WebhookPayloads;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every message as a person woken at 3 a.m. reads it, in every transport: it says why it was sent
 * (the trigger and the rule) before anything else, tells times as "Dec 4, 15:05 UTC (3 hours ago)"
 * and never as an ISO timestamp, and a test message reads as a sentence.
 */
class MessageWordingTest {
    static final Instant NOW = Instant.parse("2026-12-04T18:05:31.417Z");
    static final Pattern ISO = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d");
    static final String WHY = "Regression in shop@1.4.2 · alert rule “Checkout errors”";

    static Notification alert() {
        return NotificationFixtures.issue("k1", Notification.Kind.ALERT, "issue/42", "acme", "shop", "production",
                "TypeError: cart is undefined", "checkout.js in submit", "error", 142, 12, NOW.minus(Duration.ofHours(3)), "shop@1.4.2",
                null, null, Map.of("browser", "Firefox 120"), null, "https://bugs.example.com/orgs/acme/issues/42")
                .withReason("Regression in shop@1.4.2", "Checkout errors", NOW);
    }

    /** Everything a person sees of a message, per transport: the texts of Slack, Mattermost/Discord, Teams, email, PagerDuty. */
    static Map<String, String> seen(Notification n) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("slack", SlackMessages.blocks(n).toString());
        out.put("mattermost/discord", unmarkdown(SlackMessages.attachments(n).toString()));
        out.put("teams", unmarkdown(AdaptiveCards.message(n).toString()));
        EmailMessages.Email email = EmailMessages.of(n);
        out.put("email", email.subject() + "\n" + email.text() + "\n" + email.html());
        JsonNode payload = PagerDutyEvents.event("R0123456789abcdef0123456789abcde", n).path("payload");
        out.put("pagerduty", payload.path("summary").asString() + "\n" + payload.path("custom_details"));
        return out;
    }

    /** Markdown as its reader sees it: without the escaping backslashes (doubled in JSON) and the zero-width spaces after {@code @}. */
    static String unmarkdown(String json) {
        return json.replace("\u200b", "").replaceAll("\\\\\\\\([\\\\*_~`\\[\\]()<>|#!])", "$1");
    }

    @Test
    void everyTransportSaysWhyTheAlertWasSentRightUnderItsHeadline() {
        Notification n = alert();
        assertThat(n.why()).isEqualTo(WHY);
        seen(n).forEach((transport, text) -> assertThat(text).as(transport).contains("Regression in shop@1.4.2").contains("Checkout errors"));

        JsonNode slack = SlackMessages.blocks(n);
        assertThat(slack.path("text").asString()).as("what a phone shows")
                .startsWith("Regression in shop@1.4.2: [shop] TypeError: cart is undefined in checkout.js in submit");
        assertThat(slack.path("blocks").get(0).path("text").path("text").asString())
                .isEqualTo("*<https://bugs.example.com/orgs/acme/issues/42|[shop] TypeError: cart is undefined>*\n" + WHY
                        + "\n`checkout.js in submit`");
        // markdown transports escape it as event data (a rule name is typed by people too)
        assertThat(SlackMessages.attachments(n).path("text").asString())
                .startsWith(Texts.markdownEscape("Regression in shop@1.4.2: [shop] TypeError"));
        assertThat(SlackMessages.attachments(n).path("attachments").get(0).path("text").asString())
                .startsWith(Texts.markdownEscape(WHY) + "\n");
        JsonNode teams = AdaptiveCards.message(n).path("attachments").get(0).path("content").path("body");
        assertThat(teams.get(1).path("text").asString()).isEqualTo(Texts.markdownEscape(WHY));

        EmailMessages.Email email = EmailMessages.of(n);
        assertThat(email.subject()).as("a reply about the issue threads with the alert").isEqualTo("[shop] TypeError: cart is undefined");
        assertThat(email.text()).startsWith("[shop] TypeError: cart is undefined\n" + WHY + "\ncheckout.js in submit\n");
        assertThat(email.html()).contains("<strong>" + WHY + "</strong>");

        JsonNode pd = PagerDutyEvents.event("R0123456789abcdef0123456789abcde", n);
        assertThat(pd.path("payload").path("summary").asString()).isEqualTo("Regression in shop@1.4.2: [shop] TypeError: cart is undefined");
        assertThat(pd.path("payload").path("custom_details").path("Why").asString()).isEqualTo("Regression in shop@1.4.2");
        assertThat(pd.path("payload").path("custom_details").path("Alert rule").asString()).isEqualTo("Checkout errors");
        assertThat(pd.path("payload").path("timestamp").asString()).isEqualTo(NOW.toString());

        JsonNode webhook = tools.jackson.databind.json.JsonMapper.builder().build().readTree(WebhookPayloads.body(n, NOW)).path("data");
        assertThat(webhook.path("reason").asString()).isEqualTo("Regression in shop@1.4.2");
        assertThat(webhook.path("rule").asString()).isEqualTo("Checkout errors");
        assertThat(webhook.path("createdAt").asString()).isEqualTo(NOW.toString());
        assertThat(webhook.path("firstSeen").asString()).as("machines get ISO 8601").isEqualTo(NOW.minus(Duration.ofHours(3)).toString());
    }

    @Test
    void timesReadAsDateAndTimeInUtcWithHowLongAgoNeverAsIsoTimestamps() {
        Notification n = alert();
        assertThat(n.facts().get("First seen")).isEqualTo("Dec 4, 15:05 UTC (3 hours ago)");
        seen(n).forEach((transport, text) -> assertThat(text).as(transport).contains("Dec 4, 15:05 UTC (3 hours ago)")
                .doesNotContainPattern(ISO));
        Notification lastYear = NotificationFixtures.issue("k2", Notification.Kind.ALERT, "issue/1", "acme", null, null, "x", null,
                "error", 1, 1, Instant.parse("2025-11-30T23:59:00Z"), null, null, null, Map.of(), null, null).withReason("New issue", null, NOW);
        assertThat(lastYear.facts().get("First seen")).isEqualTo("Nov 30, 2025, 23:59 UTC (368 days ago)");
        assertThat(Times.ago(NOW.minusSeconds(20), NOW)).isEqualTo("just now");
        assertThat(Times.ago(NOW.minus(Duration.ofMinutes(1)), NOW)).isEqualTo("1 minute ago");
        assertThat(Times.ago(NOW.minus(Duration.ofHours(47)), NOW)).isEqualTo("47 hours ago");
        assertThat(Times.duration(Duration.ofMinutes(15))).isEqualTo("15 minutes");
        assertThat(Times.duration(Duration.ofDays(7))).isEqualTo("1 week");
    }

    @Test
    void theTestMessageReadsAsASentenceInEveryTransport() {
        Channel ops = new Channel(3, 1, "ops", SlackTransport.KIND, Map.of(), true, null, NOW);
        Notification test = TestNotifications.of("acme", ops, "https://bugs.example.com/orgs/acme/settings/notifications/3",
                "jane@example.com", NOW);
        assertThat(test.headline()).isEqualTo("Test: Bugmaster can reach channel “ops”");
        assertThat(test.why()).isEqualTo("If you can read this, the channel works. Sent by jane@example.com at Dec 4, 18:05 UTC.");
        seen(test).forEach((transport, text) -> assertThat(text).as(transport)
                .contains("If you can read this, the channel works.").doesNotContain(" in If you").doesNotContainPattern(ISO));
        assertThat(SlackMessages.fallback(test)).isEqualTo("Test: Bugmaster can reach channel “ops” "
                + "https://bugs.example.com/orgs/acme/settings/notifications/3");
    }

    @Test
    void aStormDigestSaysWhyTheAlertsCameTogetherAndWhen() {
        Instant minute = Instant.parse("2026-12-04T18:05:00Z");
        Notification digest = Storms.digest("d", 3, minute, 10, List.of(alert(), alert()));
        assertThat(digest.headline()).isEqualTo("2 more issue alerts, Dec 4, 18:05–18:06 UTC");
        assertThat(digest.facts()).containsEntry("Events", "284").doesNotContainKey("Users");
        seen(digest).forEach((transport, text) -> assertThat(text).as(transport)
                .contains("Storm control: this channel gets at most 10 issue alerts a minute one by one").doesNotContainPattern(ISO));
    }

    @Test
    void aRuleNameIsEscapedLikeEventData() {
        Notification n = alert().withReason("New issue", "<!channel> <b>rule</b>", NOW);
        assertThat(SlackMessages.blocks(n).toString()).doesNotContain("<!channel>").contains("&lt;!channel&gt;");
        assertThat(EmailMessages.of(n).html()).doesNotContain("<b>rule</b>").contains("&lt;b&gt;rule&lt;/b&gt;");
        assertThat(SlackMessages.attachments(n).toString()).doesNotContain("<b>rule</b>");
    }
}
