package io.bugmaster.slack.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimelineMessageTest {
    static final Instant OPENED = Instant.parse("2026-12-05T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-05T10:30:00Z");

    @Test
    void aMessagesTsIsTheMomentItWasWritten() {
        assertThat(TimelineMessage.at("1764928956.000247")).contains(Instant.ofEpochSecond(1764928956, 247_000));
        assertThat(TimelineMessage.at("1764928956")).contains(Instant.ofEpochSecond(1764928956));
        assertThat(TimelineMessage.at("soon")).isEmpty();
        assertThat(TimelineMessage.at("1e9")).isEmpty();
        assertThat(TimelineMessage.at(null)).isEmpty();
    }

    @Test
    void theNoteIsPlacedAtTheMessageWhenTheTimelineMayHoldIt() {
        Instant said = OPENED.plus(Duration.ofMinutes(5));
        assertThat(TimelineMessage.placed(said.getEpochSecond() + ".000100", OPENED, NOW)).isEqualTo(said.plusNanos(100_000));
        assertThat(TimelineMessage.placed(OPENED.minus(Duration.ofHours(25)).getEpochSecond() + ".000000", OPENED, NOW))
                .as("more than a day before the incident: now").isNull();
        assertThat(TimelineMessage.placed(NOW.plusSeconds(60).getEpochSecond() + ".000000", OPENED, NOW)).as("in the future: now").isNull();
    }

    @Test
    void theNoteSaysWhoWroteItAndIsCutToFit() {
        assertThat(TimelineMessage.note(" Rolled back ", "U1")).isEqualTo("\uD83D\uDCCC Rolled back — <@U1> in Slack");
        assertThat(TimelineMessage.note("", null)).isEqualTo("\uD83D\uDCCC (a message without text) — in Slack");
        assertThat(TimelineMessage.note("x".repeat(10_000), "U1")).hasSizeLessThanOrEqualTo(5000).contains("…");
    }

    @Test
    void theNoteIsTheTextAsTypedAndNotifiesNoCrowd() {
        assertThat(TimelineMessage.note("p95 &lt; 300 ms &amp;&amp; errors &gt; 0", "U1")).startsWith("\uD83D\uDCCC p95 < 300 ms && errors > 0 —");
        assertThat(TimelineMessage.note("<!channel> rollback done, <!here|here> too <!subteam^S0123|@oncall-web> <!subteam^S9>", "U1"))
                .startsWith("\uD83D\uDCCC @channel rollback done, @here too @oncall-web @group —").doesNotContain("<!");
        assertThat(TimelineMessage.note("cc <@U2> see <https://grafana.example/d/1|dashboard>", "U1")).as("people and links stay")
                .contains("<@U2>").contains("<https://grafana.example/d/1|dashboard>");
    }
}
