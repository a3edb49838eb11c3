package io.bugmaster.incidents.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NoteRulesTest {
    static final Instant OPENED = Instant.parse("2026-12-05T10:00:00Z");
    static final Instant NOW = Instant.parse("2026-12-05T10:30:00Z");

    @Test
    void aFormsLocalTimeMeansTheInstantInTheBrowsersZoneAndUtcWithoutOne() {
        assertThat(NoteRules.local("2026-12-05T19:02", "Asia/Tokyo")).isEqualTo(Instant.parse("2026-12-05T10:02:00Z"));
        assertThat(NoteRules.local("2026-07-01T12:00", "Europe/Berlin")).as("summer time").isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
        assertThat(NoteRules.local("2026-12-05T10:02", "")).isEqualTo(Instant.parse("2026-12-05T10:02:00Z"));
        assertThat(NoteRules.local("", "Asia/Tokyo")).isNull();
        assertThatThrownBy(() -> NoteRules.local("2026-12-05T10:02", "Mars/Olympus")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown time zone 'Mars/Olympus'");
        assertThatThrownBy(() -> NoteRules.local("5 past 10", null)).hasMessageContaining("2026-12-05T10:02");
    }

    @Test
    void anApiTimeHasAnOffset() {
        assertThat(NoteRules.iso("2026-12-05T11:02:00+01:00")).isEqualTo(Instant.parse("2026-12-05T10:02:00Z"));
        assertThat(NoteRules.iso(null)).isNull();
        assertThatThrownBy(() -> NoteRules.iso("2026-12-05T10:02:00")).hasMessageContaining("with an offset");
    }

    @Test
    void aNoteIsNeitherInTheFutureNorMoreThanADayBeforeTheIncident() {
        assertThat(NoteRules.checkAt(NOW, OPENED, NOW)).isEqualTo(NOW);
        assertThat(NoteRules.checkAt(OPENED.minus(Duration.ofHours(24)), OPENED, NOW)).isEqualTo(OPENED.minus(Duration.ofHours(24)));
        assertThatThrownBy(() -> NoteRules.checkAt(NOW.plusMillis(1), OPENED, NOW)).hasMessageContaining("future");
        assertThatThrownBy(() -> NoteRules.checkAt(OPENED.minus(Duration.ofHours(24)).minusMillis(1), OPENED, NOW))
                .hasMessageContaining("2026-12-04 10:00:00 UTC");
    }

    @Test
    void theSignalsTextIsCutAt500CharactersNeverInsideACharacter() {
        assertThat(NoteRules.forSignal("short")).isEqualTo("short");
        for (String fires : new String[] {"🚒".repeat(300), "x" + "🚒".repeat(300)}) {
            String cut = NoteRules.forSignal(fires);
            assertThat(cut.length()).isLessThanOrEqualTo(500);
            assertThat(cut).endsWith("…");
            assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 2))).as("no half character before the ellipsis").isFalse();
        }
        assertThat(NoteRules.message("  trimmed \n")).isEqualTo("trimmed");
        assertThat(NoteRules.link(" https://a.example/x ")).isEqualTo("https://a.example/x");
        assertThatThrownBy(() -> NoteRules.link("ftp://a.example/x")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> NoteRules.link("https://")).hasMessageContaining("http or https");
    }
}
