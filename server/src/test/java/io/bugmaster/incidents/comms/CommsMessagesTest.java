package io.bugmaster.incidents.comms;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.notify.Notification;
import io.bugmaster.notify.slack.SlackMessages;
import io.bugmaster.notify.teams.AdaptiveCards;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The status update as a message: its title, facts and text, and the text escaped in each chat format. */
class CommsMessagesTest {
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    static final String HOSTILE = "Revert is out.\n<!channel> <https://evil.example|click> @everyone *bold* [x](javascript:alert(1))";
    static final CommsMessages.Facts FACTS = new CommsMessages.Facts(7, 42, "Brands see no orders", "P2", "identified", List.of("Orders", "Search"),
            "acme", "https://bugmaster.example.com/orgs/acme/incidents/42", "https://meet.example.com/incidents");

    static Notification update(String text) {
        return CommsMessages.statusUpdate("incident:7:status-update:3:c1", FACTS, new StatusUpdate(3, 7, NOW, "identified", text, 5L),
                "ana@example.com", NOW);
    }

    @Test
    void aStatusUpdateSaysWhichIncidentHowBadWhatStageAndWhatIsKnown() {
        Notification n = update("We found it.");
        assertThat(n.title()).isEqualTo("[#42 P2] Identified: Brands see no orders");
        assertThat(n.headline()).isEqualTo("[#42 P2] Identified: Brands see no orders");
        assertThat(n.kind()).as("for reading: never pages, never folds into a storm").isEqualTo(Notification.Kind.REPORT);
        assertThat(n.facts()).containsEntry("Stage", "Identified").containsEntry("Priority", "P2").containsEntry("Services", "Orders, Search")
                .containsEntry("Posted by", "ana@example.com");
        assertThat(n.body()).isEqualTo("We found it.");
        assertThat(n.links()).extracting(Notification.Link::url).containsExactly(FACTS.link(), FACTS.situationRoom());
        assertThat(n.data()).containsEntry("incident_number", 42L).containsEntry("priority", "P2");
        assertThat(CommsMessages.statusUpdate("k", new CommsMessages.Facts(7, 42, "t", null, "investigating", List.of(), "acme", FACTS.link(), null),
                new StatusUpdate(3, 7, NOW, "investigating", "x", null), "ana@example.com", NOW).title())
                .as("no priority set yet").isEqualTo("[#42] Investigating: t");
    }

    @Test
    void slackShowsTheTextWithItsLinesAndCannotBeMadeToMentionOrLink() {
        JsonNode blocks = SlackMessages.blocks(update(HOSTILE));
        String body = blocks.get("blocks").get(1).get("text").get("text").asString();
        assertThat(body).startsWith("Revert is out.\n&lt;!channel&gt; &lt;https://evil.example|click&gt;").doesNotContain("<!channel>")
                .doesNotContain("<https://evil");
        assertThat(blocks.toString()).doesNotContain("<!channel>");

        JsonNode attachments = SlackMessages.attachments(update(HOSTILE));
        String text = attachments.get("attachments").get(0).get("text").asString();
        assertThat(text).contains("Revert is out.").contains("@\u200beveryone").contains("\\[x\\]\\(javascript:alert\\(1\\)\\)")
                .doesNotContain("@everyone");
    }

    @Test
    void teamsShowsTheTextEscaped() {
        String card = AdaptiveCards.message(update(HOSTILE)).toString();
        assertThat(card).contains("Revert is out.").contains("@\u200beveryone").doesNotContain("[x](javascript");
    }

    @Test
    void aReminderTellsHowLongStakeholdersHaveHeardNothing() {
        Notification n = CommsMessages.reminder("k", FACTS, "1 hour 5 minutes", 60, NOW);
        assertThat(n.title()).isEqualTo("[#42 P2] Post a status update: Brands see no orders");
        assertThat(n.why()).isEqualTo("No status update for 1 hour 5 minutes; P2 incidents get one at least every 60 minutes");
        assertThat(n.kind()).isEqualTo(Notification.Kind.WORKFLOW);
    }
}
