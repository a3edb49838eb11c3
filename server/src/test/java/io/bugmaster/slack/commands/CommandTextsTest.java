package io.bugmaster.slack.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.incidents.Priority;
import io.bugmaster.slack.SlackText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CommandTextsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void whatPeopleTypedCannotMentionEveryoneOrMakeLinks() {
        assertThat(SlackText.escape("<!channel> & <http://evil|click>")).isEqualTo("&lt;!channel&gt; &amp; &lt;http://evil|click&gt;");
        assertThat(SlackText.link("https://b.example/orgs/a/incidents/7", "#7 a|b <c>"))
                .isEqualTo("<https://b.example/orgs/a/incidents/7|#7 a¦b &lt;c&gt;>");
        assertThat(SlackText.time(Instant.parse("2026-12-06T06:00:00Z"))).isEqualTo("<!date^1796536800^{date_short_pretty} {time}|Sun 6 Dec 06:00 UTC>");
    }

    @Test
    void agesAreRough() {
        assertThat(CommandReplies.age(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(CommandReplies.age(Duration.ofMinutes(12))).isEqualTo("12 min");
        assertThat(CommandReplies.age(Duration.ofMinutes(185))).isEqualTo("3 h 5 min");
        assertThat(CommandReplies.age(Duration.ofHours(52))).isEqualTo("2 d 4 h");
        assertThat(CommandReplies.age(Duration.ofSeconds(-5))).isEqualTo("0 s");
    }

    @Test
    void onCallLevelsShowNowUntilAndNext() {
        Instant until = Instant.parse("2026-12-06T06:00:00Z");
        String text = OnCallText.render("in this organization", List.of(
                new OnCallText.Policy("Web <primary>", List.of("Checkout", "Cart"), List.of(
                        new OnCallText.Level(1, List.of(new OnCallText.Who("<@U1>")), until, List.of(new OnCallText.Who("<@U2>"))),
                        new OnCallText.Level(2, List.of(), null, List.of()))),
                new OnCallText.Policy(null, List.of("Ledger"), List.of())), "https://b.example/orgs/a/oncall");
        assertThat(text).contains("*Web &lt;primary&gt;* (Checkout, Cart)")
                .contains("Level 1: <@U1> until " + SlackText.time(until) + "; next <@U2>")
                .contains("Level 2: nobody")
                .contains("*Ledger*: no escalation policy, nobody is paged");
        assertThat(OnCallText.render("for team Payments", List.of(), "https://b.example/orgs/a/oncall")).contains("No services for team Payments");
        String notWorkedOut = OnCallText.render("here", List.of(new OnCallText.Policy("P", List.of("S"), List.of(
                new OnCallText.Level(1, List.of(new OnCallText.Who("<@U1>")), until, null)))), "https://b.example/orgs/a/oncall");
        assertThat(notWorkedOut).contains("Level 1: <@U1> until " + SlackText.time(until)).doesNotContain("next");
    }

    @Test
    void theModalKeepsSlacksLimitsAndItsSubmissionIsChecked() {
        Priority wordy = new Priority(1, "P1", "x".repeat(300), 30);
        var view = DeclareModal.view("t".repeat(300), List.of(wordy), List.of(new DeclareModal.ServiceOption(4, "Checkout")), false,
                new DeclareModal.Origin("C1", "https://hooks.slack.com/commands/1/2/3"));
        JsonNode blocks = view.path("blocks");
        assertThat(blocks.get(0).path("element").path("initial_value").asString()).hasSize(DeclareModal.MAX_TITLE);
        assertThat(blocks.get(1).path("element").path("options").get(0).path("text").path("text").asString()).hasSize(75);
        assertThat(blocks.get(2).path("element").path("initial_option").path("value").asString()).as("the only service is chosen").isEqualTo("4");
        assertThat(blocks.get(4).path("element").has("initial_options")).as("unchecked when the installation says so").isFalse();

        var submitted = JSON.createObjectNode();
        submitted.put("private_metadata", view.path("private_metadata").asString());
        var values = submitted.putObject("state").putObject("values");
        values.putObject("title").putObject("title").put("value", " Checkout down ");
        values.putObject("priority").putObject("priority").putObject("selected_option").put("value", "1");
        values.putObject("service").putObject("service").putObject("selected_option").put("value", "4");
        values.putObject("channel").putObject("channel").putArray("selected_options").addObject().put("value", "create");
        DeclareModal.Submission s = DeclareModal.read(submitted, List.of(wordy), List.of(new DeclareModal.ServiceOption(4, "Checkout")));
        assertThat(s.valid()).isTrue();
        assertThat(s.title()).isEqualTo("Checkout down");
        assertThat(s.priority()).isEqualTo(1);
        assertThat(s.serviceId()).isEqualTo(4L);
        assertThat(s.description()).isNull();
        assertThat(s.createChannel()).isTrue();
        assertThat(s.origin()).isEqualTo(new DeclareModal.Origin("C1", "https://hooks.slack.com/commands/1/2/3"));

        submitted.put("private_metadata", "{not json");
        assertThat(DeclareModal.read(submitted, List.of(wordy), List.of()).errors()).containsOnlyKeys("service");
        assertThat(DeclareModal.read(submitted, List.of(wordy), List.of()).origin()).isEqualTo(new DeclareModal.Origin(null, null));
    }
}
