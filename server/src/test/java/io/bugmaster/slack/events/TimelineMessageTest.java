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
}
