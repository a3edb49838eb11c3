package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.notify.email.EmailMessages;
import io.bugmaster.notify.pagerduty.PagerDutyEvents;
import io.bugmaster.notify.slack.SlackMessages;
import io.bugmaster.notify.teams.AdaptiveCards;
import io.bugmaster.notify.webhook.WebhookPayloads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A storm digest lists its issues in each transport's own format, with event data escaped for that format. */
class DigestMessagesTest {
    static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    static final String HOSTILE = "<script>x</script> & <!channel> @everyone *b* [x](http://evil)";
    static final JsonMapper JSON = JsonMapper.builder().build();

    static Notification alert(String key, String title, String project, long count) {
        return NotificationFixtures.issue(key, Notification.Kind.ALERT, "issue/" + key, "acme", project, "production", title, null,
                "error", count, 1, T0, null, null, null, Map.of(), null, "https://bugs.example.com/issues/" + key + "/");
    }

    static Notification digest() {
        return Storms.digest("digest:7:1", 7, T0, 10, List.of(alert("1", "TypeError: x is undefined", "shop", 3),
                alert("2", HOSTILE, "<b>web</b>", 1)));
    }

    @Test
    void slackListsEachIssueAsALinkedBulletWithMrkdwnEscaped() {
        JsonNode root = SlackMessages.blocks(digest());
        String all = root.path("blocks").toString();
        JsonNode list = root.path("blocks").get(1).path("text");
        assertThat(list.path("type").asString()).isEqualTo("mrkdwn");
        assertThat(list.path("text").asString()).isEqualTo(
                "• <https://bugs.example.com/issues/1/|TypeError: x is undefined> · shop · 3 events\n"
                        + "• <https://bugs.example.com/issues/2/|&lt;script&gt;x&lt;/script&gt; &amp; &lt;!channel&gt; @everyone *b* [x](http://evil)>"
                        + " · &lt;b&gt;web&lt;/b&gt; · 1 event");
        assertThat(all).doesNotContain("<!channel>").doesNotContain("<script>");
    }

    @Test
    void aLongSlackDigestIsSplitIntoSectionsWithinSlacksLimitAndCountsTheRest() {
        List<Notification> folded = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            folded.add(alert("k" + i, "E".repeat(400) + i, "shop", 2));
        }
        JsonNode blocks = SlackMessages.blocks(Storms.digest("d", 1, T0, 10, folded)).path("blocks");
        int listed = 0;
        for (JsonNode block : blocks) {
            String text = block.path("text").path("text").asString();
            assertThat(text.length()).isLessThanOrEqualTo(3000);
            listed += (int) text.lines().filter(l -> l.startsWith("• ")).count();
        }
        assertThat(listed).isEqualTo(Storms.MAX_LISTED);
        assertThat(blocks.toString()).contains("… and 35 more");
    }

    @Test
    void mattermostAndDiscordAttachmentsListTheIssuesAsMarkdownEscapedLines() {
        JsonNode attachment = SlackMessages.attachments(digest()).path("attachments").get(0);
        assertThat(attachment.path("text").asString()).isEqualTo(
                "Storm control: this channel gets at most 10 issue alerts a minute one by one; the rest of that minute come together here\n"
                        + "- [shop] TypeError: x is undefined (3 events) https://bugs.example.com/issues/1/\n"
                        + "- [\\<b\\>web\\</b\\>] \\<script\\>x\\</script\\> & \\<\\!channel\\> @\u200beveryone \\*b\\* \\[x\\]\\(http://evil\\)"
                        + " (1 event) https://bugs.example.com/issues/2/");
    }

    @Test
    void teamsListsTheIssuesAsFactsWithMarkdownLinks() {
        JsonNode body = AdaptiveCards.message(digest()).path("attachments").get(0).path("content").path("body");
        assertThat(body.get(1).path("text").asString()).startsWith("Storm control: ");
        JsonNode facts = body.get(2).path("facts");
        assertThat(body.get(2).path("type").asString()).isEqualTo("FactSet");
        assertThat(facts.size()).isEqualTo(2);
        assertThat(facts.get(0).path("title").asString()).isEqualTo("shop · 3 events");
        assertThat(facts.get(0).path("value").asString()).isEqualTo("[TypeError: x is undefined](https://bugs.example.com/issues/1/)");
        assertThat(facts.get(1).path("title").asString()).isEqualTo("\\<b\\>web\\</b\\> · 1 event");
        assertThat(facts.get(1).path("value").asString()).startsWith("[\\<script\\>x\\</script\\>").contains("@\u200beveryone")
                .endsWith("\\[x\\]\\(http://evil\\)](https://bugs.example.com/issues/2/)");
    }

    @Test
    void emailHasAnHtmlListWithEverythingEscapedAndATextList() {
        EmailMessages.Email email = EmailMessages.of(digest());
        assertThat(email.html()).contains("<ul><li><a href=\"https://bugs.example.com/issues/1/\">TypeError: x is undefined</a>"
                + " <span style=\"color:#616061\">shop</span> (3 events)</li>")
                .contains("&lt;script&gt;x&lt;/script&gt; &amp; &lt;!channel&gt;")
                .contains("&lt;b&gt;web&lt;/b&gt;")
                .doesNotContain("<script>").doesNotContain("<b>web");
        assertThat(email.text()).contains("- [shop] TypeError: x is undefined (3 events) https://bugs.example.com/issues/1/\n"
                + "- [<b>web</b>] " + HOSTILE + " (1 event) https://bugs.example.com/issues/2/\n");
    }

    @Test
    void webhookCarriesTheIssuesAsAJsonArray() {
        JsonNode data = JSON.readTree(WebhookPayloads.body(digest(), T0)).path("data");
        assertThat(data.path("issues").size()).isEqualTo(2);
        assertThat(data.path("issues").get(1).path("title").asString()).isEqualTo(HOSTILE);
        assertThat(data.path("issues").get(1).path("project").asString()).isEqualTo("<b>web</b>");
        assertThat(data.path("issues").get(1).path("count").asLong()).isEqualTo(1);
        assertThat(data.path("issues").get(1).path("url").asString()).isEqualTo("https://bugs.example.com/issues/2/");
        assertThat(data.path("moreIssues").asInt()).isZero();
        assertThat(data.path("culprit").isNull()).isTrue();
    }

    @Test
    void pagerDutyListsTheIssuesInCustomDetails() {
        JsonNode details = PagerDutyEvents.event("rk", digest()).path("payload").path("custom_details");
        assertThat(details.path("issues").get(0).asString()).isEqualTo("[shop] TypeError: x is undefined (3 events) https://bugs.example.com/issues/1/");
    }

    @Test
    void aDigestPagesAsItsMostSevereIssue() {
        Notification warning = NotificationFixtures.issue("w", Notification.Kind.ALERT, "issue/w", "acme", "shop", null, "slow", null,
                "warning", 1, 1, T0, null, null, null, Map.of(), null, null);
        Notification fatal = NotificationFixtures.issue("f", Notification.Kind.ALERT, "issue/f", "acme", "shop", null, "down", null,
                "fatal", 1, 1, T0, null, null, null, Map.of(), null, null);
        Notification digest = Storms.digest("digest:7:1", 7, T0, 10, List.of(warning, fatal, alert("3", "x", "shop", 1)));
        assertThat(digest.severity()).isEqualTo("fatal");
        assertThat(PagerDutyEvents.event("rk", digest).path("payload").path("severity").asString()).isEqualTo("critical");
        assertThat(Storms.digest("digest:7:1", 7, T0, 10, List.of(warning)).severity()).isEqualTo("warning");
    }

    @Test
    void anOrdinaryAlertHasNoDigestList() {
        Notification plain = alert("1", "Boom", "shop", 1);
        assertThat(plain.digest()).isNull();
        assertThat(JSON.readTree(WebhookPayloads.body(plain, T0)).path("data").has("issues")).isFalse();
        assertThat(SlackMessages.blocks(plain).path("blocks").toString()).doesNotContain("• ");
    }

    @Test
    void theQueueCodecKeepsTheDigestAndReadsOldRowsThatHaveNone() {
        Notification d = digest();
        Notification back = NotificationQueueStore.fromJson(NotificationQueueStore.toJson(d));
        assertThat(back.digest()).isEqualTo(d.digest());
        String old = "{\"idempotencyKey\":\"digest:1:0\",\"kind\":\"issue_alert\",\"subjectKey\":\"digest/1/0\",\"title\":\"3 more\","
                + "\"culprit\":\"- [shop] a (1 event)\",\"count\":3,\"users\":0,\"tags\":{\"issues\":\"3\"}}";
        Notification legacy = NotificationQueueStore.fromJson(old);
        assertThat(legacy.digest()).isNull();
        assertThat(legacy.text()).isEqualTo("- [shop] a (1 event)");
    }
}
