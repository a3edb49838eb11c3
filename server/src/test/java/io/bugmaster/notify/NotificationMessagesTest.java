package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.notify.email.EmailMessages;
import io.bugmaster.notify.email.EmailTransport;
import io.bugmaster.notify.pagerduty.PagerDutyEvents;
import io.bugmaster.notify.pagerduty.PagerDutyTransport;
import io.bugmaster.notify.slack.SlackMessages;
import io.bugmaster.notify.slack.SlackTransport;
import io.bugmaster.notify.teams.AdaptiveCards;
import io.bugmaster.notify.webhook.WebhookTransport;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Message building and channel settings, without any network. */
class NotificationMessagesTest {
    static final String HUGE = "x".repeat(20_000);

    @Test
    void slackEscapesOnlyItsThreeControlCharacters() {
        assertThat(Texts.slackEscape("a & b < c > d *e* _f_")).isEqualTo("a &amp; b &lt; c &gt; d *e* _f_");
    }

    @Test
    void truncationKeepsSurrogatePairsWholeAndMarksTheCut() {
        assertThat(Texts.truncate("abcdef", 4)).isEqualTo("abc…");
        assertThat(Texts.truncate("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
        assertThat(Texts.truncate("abc", 4)).isEqualTo("abc");
    }

    @Test
    void hugeEventDataIsCutToEachServicesLimits() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            tags.put("tag" + i, HUGE);
        }
        Notification n = NotificationFixtures.issue("k", Notification.Kind.ALERT, "issue/1", "acme", HUGE, HUGE, HUGE, HUGE, "error",
                1, 1, null, HUGE, HUGE, HUGE, tags, HUGE, "https://bugs.example.com/x");

        JsonNode slack = SlackMessages.blocks(n);
        assertThat(slack.path("text").asString().length()).isLessThanOrEqualTo(4000);
        assertThat(slack.path("blocks").size()).isLessThanOrEqualTo(50);
        slack.path("blocks").forEach(block -> {
            if (block.path("text").has("text")) {
                assertThat(block.path("text").path("text").asString().length()).isLessThanOrEqualTo(3000);
            }
            block.path("fields").forEach(f -> assertThat(f.path("text").asString().length()).isLessThanOrEqualTo(2000));
            assertThat(block.path("fields").size()).isLessThanOrEqualTo(10);
            block.path("elements").forEach(e -> {
                if (e.path("type").asString().equals("mrkdwn")) {
                    assertThat(e.path("text").asString().length()).isLessThanOrEqualTo(2000);
                }
            });
        });

        JsonNode attachments = SlackMessages.attachments(n);
        JsonNode a = attachments.path("attachments").get(0);
        int total = a.path("title").asString().length() + a.path("text").asString().length();
        for (JsonNode f : a.path("fields")) {
            assertThat(f.path("value").asString().length()).isLessThanOrEqualTo(1024);
            total += f.path("title").asString().length() + f.path("value").asString().length();
        }
        assertThat(a.path("title").asString().length()).isLessThanOrEqualTo(256);
        assertThat(total).as("Discord's 6000-character embed total").isLessThanOrEqualTo(6000 + 10 * 1000);
        assertThat(attachments.path("text").asString().length()).isLessThanOrEqualTo(2000);

        assertThat(AdaptiveCards.message(n).toString().length()).isLessThan(28 * 1024);
        JsonNode pd = PagerDutyEvents.event("R0123456789abcdef0123456789abcde", n);
        assertThat(pd.path("payload").path("summary").asString().length()).isLessThanOrEqualTo(1024);
        assertThat(pd.path("payload").path("source").asString().length()).isLessThanOrEqualTo(255);
        assertThat(EmailMessages.of(n).subject().length()).isLessThanOrEqualTo(200);
    }

    @Test
    void pagerDutySeverityFollowsTheLevel() {
        assertThat(PagerDutyEvents.severity("fatal")).isEqualTo("critical");
        assertThat(PagerDutyEvents.severity("error")).isEqualTo("error");
        assertThat(PagerDutyEvents.severity("warning")).isEqualTo("warning");
        assertThat(PagerDutyEvents.severity("info")).isEqualTo("info");
        assertThat(PagerDutyEvents.severity(null)).isEqualTo("error");
        assertThat(PagerDutyEvents.severity("debug")).isEqualTo("info");
        assertThat(PagerDutyEvents.severity("FATAL")).isEqualTo("critical");
        assertThat(PagerDutyEvents.severity("something new")).as("never paged too low").isEqualTo("error");
    }

    static Notification ofKind(Notification.Kind kind, String level) {
        return NotificationFixtures.issue("k-" + kind.id(), kind, "issue/42", "acme", "shop", null, "Weekly report 2026-W48 for #payments", null,
                level, 0, 0, null, null, null, null, Map.of(), null, "https://bugs.example.com/orgs/acme/issues/42", "## New issues");
    }

    @Test
    void pagerDutyCarriesIssueAlertsResolvesAndTestsOnlyNeverAReportOrAWorkflowMessage() {
        String key = "R0123456789abcdef0123456789abcde";
        assertThat(PagerDutyEvents.refusal(ofKind(Notification.Kind.ALERT, "error"))).isEmpty();
        assertThat(PagerDutyEvents.refusal(ofKind(Notification.Kind.RESOLVE, "error"))).isEmpty();
        assertThat(PagerDutyEvents.refusal(ofKind(Notification.Kind.TEST, "info"))).isEmpty();
        assertThat(PagerDutyEvents.refusal(ofKind(Notification.Kind.REPORT, null))).get().asString()
                .isEqualTo("not sent: PagerDuty pages people, and a weekly report is not something to page anyone about");
        assertThat(PagerDutyEvents.refusal(ofKind(Notification.Kind.WORKFLOW, "fatal"))).get().asString()
                .startsWith("not sent: PagerDuty pages people, and a workflow message");
        for (Notification.Kind kind : List.of(Notification.Kind.REPORT, Notification.Kind.WORKFLOW)) {
            assertThatThrownBy(() -> PagerDutyEvents.event(key, ofKind(kind, "fatal"))).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(PagerDutyEvents.event(key, ofKind(Notification.Kind.ALERT, "warning")).path("payload").path("severity")
                .asString()).isEqualTo("warning");
        assertThat(PagerDutyEvents.event(key, ofKind(Notification.Kind.TEST, "fatal")).path("payload").path("severity").asString())
                .as("the test button never pages urgently").isEqualTo("info");
        JsonNode resolve = PagerDutyEvents.event(key, ofKind(Notification.Kind.RESOLVE, "fatal"));
        assertThat(resolve.path("event_action").asString()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asString()).isEqualTo("bugmaster/issue/42");
        assertThat(resolve.has("payload")).isFalse();
    }

    @Test
    void aResolveEmailRepliesToTheAlertSoMailClientsThreadThem() {
        Notification resolve = ofKind(Notification.Kind.RESOLVE, "error").withReason("Resolved by jane@example.com", null, null);
        EmailMessages.Email email = EmailMessages.of(resolve);
        assertThat(email.subject()).isEqualTo("Re: [shop] Weekly report 2026-W48 for #payments");
        assertThat(email.text()).startsWith("Resolved: [shop] Weekly report 2026-W48 for #payments\nResolved by jane@example.com\n");
    }

    @Test
    void channelUrlsAreMaskedKeepingTheServiceRecognizable() {
        assertThat(ChannelConfigs.maskUrl("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"))
                .isEqualTo("https://hooks.slack.com/services/T0…/****");
        assertThat(ChannelConfigs.maskUrl("https://discord.com/api/webhooks/1234567890/abcdefTOKEN"))
                .isEqualTo("https://discord.com/api/webhooks/12…/****");
        assertThat(ChannelConfigs.maskUrl("https://chat.example.com/hooks/xo3mzd6sbfbnbq8o9wyxk6e1nr"))
                .isEqualTo("https://chat.example.com/hooks/xo…");
        assertThat(ChannelConfigs.maskUrl("https://prod-01.westus.logic.azure.com:443/workflows/abc123/triggers/manual?sig=SECRET"))
                .isEqualTo("https://prod-01.westus.logic.azure.com:443/workflows/ab…/****?****").doesNotContain("SECRET");
        Map<String, String> masked = ChannelConfigs.masked(PagerDutyTransport.KIND, Map.of("routing_key", "R0123456789abcdef0123456789abcde"));
        assertThat(masked.get("routing_key")).isEqualTo("R012…****");
        assertThat(ChannelConfigs.masked(WebhookTransport.KIND, Map.of("url", "https://x.example.com/h", "secret", "whsec_abc")).get("secret"))
                .isEqualTo("whsec_****");
    }

    @Test
    void settingsAreCheckedPerKindWithFieldNames() {
        OutboundPolicy policy = OutboundPolicy.denyPrivate();
        assertThatThrownBy(() -> ChannelConfigs.validate(SlackTransport.KIND, Map.of(), Map.of(), policy))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("config.url: is required");
        assertThatThrownBy(() -> ChannelConfigs.validate(SlackTransport.KIND, Map.of("url", "ftp://x.example.com/"), Map.of(), policy))
                .hasMessageStartingWith("config.url: only http:// and https://");
        assertThatThrownBy(() -> ChannelConfigs.validate(SlackTransport.KIND, Map.of("url", "http://169.254.169.254/"), Map.of(), policy))
                .hasMessageStartingWith("config.url: refused").hasMessageContaining("metadata");
        assertThatThrownBy(() -> ChannelConfigs.validate(SlackTransport.KIND, Map.of("url", "https://x.example.com/", "channel", "#x"),
                Map.of(), policy)).hasMessageStartingWith("config.channel: unknown setting");
        assertThatThrownBy(() -> ChannelConfigs.validate(EmailTransport.KIND, Map.of("to", "a@example.com, nope"), Map.of(), policy))
                .hasMessageStartingWith("config.to: 'nope' is not an email address");
        assertThatThrownBy(() -> ChannelConfigs.validate(PagerDutyTransport.KIND, Map.of("routing_key", "short"), Map.of(), policy))
                .hasMessageStartingWith("config.routing_key: must be the 32-character");
        assertThatThrownBy(() -> ChannelConfigs.validate(WebhookTransport.KIND, Map.of("url", "https://x.example.com/", "secret", "s3cret"),
                Map.of(), policy)).hasMessageStartingWith("config.secret: must be whsec_");

        Map<String, String> webhook = ChannelConfigs.validate(WebhookTransport.KIND, Map.of("url", "https://x.example.com/h"), Map.of(), policy);
        assertThat(webhook.get("secret")).startsWith("whsec_");
        assertThat(ChannelConfigs.validate(EmailTransport.KIND, Map.of("to", java.util.List.of("a@example.com", "b@example.com")),
                Map.of(), policy).get("to")).isEqualTo("a@example.com, b@example.com");
    }

    @Test
    void anUpdateKeepsSecretsThatAreLeftOutOrSentBackMasked() {
        OutboundPolicy policy = OutboundPolicy.denyPrivate();
        Map<String, String> before = ChannelConfigs.validate(WebhookTransport.KIND, Map.of("url", "https://x.example.com/hooks/abcdef123456"),
                Map.of(), policy);
        Map<String, Object> form = new HashMap<>(ChannelConfigs.masked(WebhookTransport.KIND, before));
        assertThat(ChannelConfigs.validate(WebhookTransport.KIND, form, before, policy)).isEqualTo(before);
        assertThat(ChannelConfigs.validate(WebhookTransport.KIND, Map.of(), before, policy)).isEqualTo(before);
        assertThat(ChannelConfigs.validate(WebhookTransport.KIND, Map.of("url", "https://y.example.com/h"), before, policy).get("secret"))
                .isEqualTo(before.get("secret"));
    }
}
