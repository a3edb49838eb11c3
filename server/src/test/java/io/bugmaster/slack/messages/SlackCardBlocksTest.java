package io.bugmaster.slack.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.common.Subject;
import io.bugmaster.signals.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The cards within Slack's Block Kit limits whatever events put in them, and the "who did what" lines. */
class SlackCardBlocksTest {
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    static SlackCardBlocks.IssueFacts issue(String title, List<SlackCardBlocks.Choice> choices) {
        return new SlackCardBlocks.IssueFacts(42, "WEB-7", "web", title, "x".repeat(5000), "error", 3, 1, NOW.minusSeconds(3600), NOW,
                "Unresolved", true, null, "https://bugs.example.com/orgs/acme/issues/42", choices);
    }

    static List<JsonNode> texts(SlackCards.Card card) {
        List<JsonNode> out = new ArrayList<>();
        card.blocks().forEach(b -> {
            if (b.has("text")) {
                out.add(b.path("text"));
            }
            b.path("fields").forEach(out::add);
            b.path("elements").forEach(e -> out.add(e.has("text") && e.path("text").isObject() ? e.path("text") : e));
        });
        return out;
    }

    @Test
    void hugeTitlesAndManyTeamsStayWithinSlacksLimits() {
        List<SlackCardBlocks.Choice> teams = IntStream.range(0, 300)
                .mapToObj(i -> new SlackCardBlocks.Choice("team:" + i, "#" + "t".repeat(200) + i)).toList();
        SlackCards.Card card = SlackCardBlocks.issue(issue("T".repeat(20_000), teams), "L".repeat(10_000), NOW);
        card.blocks().forEach(b -> {
            if (b.path("text").isObject()) {
                assertThat(b.path("text").path("text").asString().length()).isLessThanOrEqualTo(3000);
            }
            b.path("fields").forEach(f -> assertThat(f.path("text").asString().length()).isLessThanOrEqualTo(2000));
        });
        JsonNode assign = card.blocks().get(card.blocks().size() - 1).path("elements").get(2);
        assertThat(assign.path("options").size()).isEqualTo(100);
        assign.path("options").forEach(o -> {
            assertThat(o.path("text").path("text").asString().length()).isLessThanOrEqualTo(75);
            assertThat(o.path("value").asString().length()).isLessThanOrEqualTo(150);
        });
        assertThat(card.text().length()).isLessThanOrEqualTo(3000);
    }

    @Test
    void eventTextIsEscapedAndCannotEndTheTitlesLink() {
        SlackCards.Card card = SlackCardBlocks.issue(issue("<!here> a|b & <http://x|y>", List.of()), "by <@U1>", NOW);
        String heading = card.blocks().get(0).path("text").path("text").asString();
        assertThat(heading).startsWith("*<https://bugs.example.com/orgs/acme/issues/42|[web] &lt;!here&gt; a¦b &amp; &lt;http://x¦y&gt;>*");
        assertThat(card.blocks().toString()).doesNotContain("<!here>").doesNotContain("<@U1>");
        assertThat(card.text()).doesNotContain("<");
    }

    @Test
    void anIncidentsButtonsFollowItsStatus() {
        for (String status : List.of("triggered", "acknowledged", "resolved")) {
            SlackCards.Card card = SlackCardBlocks.incident(new SlackCardBlocks.IncidentFacts(7, 3, "Checkout down", status, status,
                    "P1", "checkout", List.of("ana@example.com"), NOW, "https://bugs.example.com/orgs/acme/incidents/3"), null, NOW);
            List<String> ids = new ArrayList<>();
            card.blocks().forEach(b -> b.path("elements").forEach(e -> {
                if (e.has("action_id")) {
                    ids.add(e.path("action_id").asString());
                }
            }));
            assertThat(ids).as(status).isEqualTo(switch (status) {
                case "triggered" -> List.of("incident_acknowledge", "incident_resolve", "incident_escalate", "open");
                case "acknowledged" -> List.of("incident_resolve", "incident_escalate", "open");
                default -> List.of("open");
            });
        }
    }

    @Test
    void aCardWithoutButtonsHasNoEmptyActionsBlock() {
        SlackCards.Card gone = SlackCardBlocks.incident(new SlackCardBlocks.IncidentFacts(7, 0, "(gone)", "resolved", null, null, null,
                List.of(), null, null), "Deleted", NOW);
        gone.blocks().forEach(b -> assertThat(b.path("type").asString()).isNotEqualTo("actions"));
    }

    static Signal signal(String subject, String kind, String body) {
        return new Signal(1, 1, Subject.parse(subject), kind, body, NOW);
    }

    @Test
    void changeLinesSayWhoDidWhatAndHow() {
        assertThat(ChangeLines.of(signal("issue:1", "issue.resolved", "{\"activity\":\"set_resolved\",\"actor\":\"ana@example.com\"}")))
                .isEqualTo("Resolved by ana@example.com");
        assertThat(ChangeLines.of(signal("issue:1", "issue.changed", "{\"activity\":\"set_ignored\",\"actor\":\"ana@example.com\"}")))
                .isEqualTo("Ignored by ana@example.com");
        assertThat(ChangeLines.of(signal("issue:1", "issue.changed", "{\"activity\":\"set_unresolved\",\"actor\":\"bob@example.com\"}")))
                .isEqualTo("Reopened by bob@example.com");
        assertThat(ChangeLines.of(signal("incident:1", "incident.acknowledged", "{\"number\":3,\"by\":\"ana@example.com\",\"via\":\"slack\"}")))
                .isEqualTo("Acknowledged by ana@example.com from Slack");
        assertThat(ChangeLines.of(signal("incident:1", "incident.escalated", "{\"number\":3,\"level\":2,\"loop\":0}")))
                .isEqualTo("Escalated to level 2 (nobody acknowledged in time)");
        assertThat(ChangeLines.of(signal("incident:1", "incident.stage_changed",
                "{\"number\":3,\"from\":\"investigating\",\"to\":\"identified\",\"by\":\"ana@example.com\"}")))
                .isEqualTo("Stage investigating → identified by ana@example.com");
    }
}
