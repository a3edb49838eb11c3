package io.bugmaster.issues.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.issues.ui.EventFormat.ContextCard;
import io.bugmaster.issues.ui.EventFormat.Timeline;
import io.bugmaster.issues.ui.EventView.Crumb;
import io.bugmaster.issues.ui.EventView.Pair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event view's wording, without a server: relative crumb times, the folded timeline, context cards, sizes. */
class EventViewFormatTest {
    static Crumb crumb(String timestamp, String level) {
        return new Crumb(timestamp, "http", "xhr", level, "GET /cart", List.of(new Pair("status_code", "500")));
    }

    @Test
    void crumbTimesReadRelativeToTheEvent() {
        assertThat(EventFormat.relative(Duration.ofMillis(-2_340))).isEqualTo("-2.3s");
        assertThat(EventFormat.relative(Duration.ofMillis(-59_960))).isEqualTo("-59.9s");
        assertThat(EventFormat.relative(Duration.ZERO)).isEqualTo("0.0s");
        assertThat(EventFormat.relative(Duration.ofMillis(150))).isEqualTo("+0.1s");
        assertThat(EventFormat.relative(Duration.ofSeconds(-245))).isEqualTo("-4m 05s");
        assertThat(EventFormat.relative(Duration.ofMinutes(-123))).isEqualTo("-2h 03m");
        assertThat(EventFormat.relative(Duration.ofHours(-76))).isEqualTo("-3d 4h");
    }

    @Test
    void theTimelineRunsOldestFirstAndFoldsAllButTheLastTwenty() {
        List<Crumb> crumbs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            crumbs.add(crumb("2026-01-01T00:00:" + String.format("%02d", 30 + i) + ".500Z", i == 24 ? "error" : "info"));
        }
        Timeline t = EventFormat.timeline(crumbs, "2026-01-01T00:01:00Z");
        assertThat(t.total()).isEqualTo(25);
        assertThat(t.earlier()).hasSize(5);
        assertThat(t.recent()).hasSize(20);
        assertThat(t.earlier().get(0).relative()).isEqualTo("-29.5s");
        assertThat(t.recent().get(19).relative()).isEqualTo("-5.5s");
        assertThat(t.recent().get(19).level()).isEqualTo("error");
        assertThat(t.recent().get(19).absolute()).isEqualTo("2026-01-01T00:00:54.500Z");
        assertThat(t.recent().get(0).data()).containsExactly(new Pair("status_code", "500"));

        Timeline short_ = EventFormat.timeline(crumbs.subList(0, 3), "2026-01-01T00:01:00Z");
        assertThat(short_.earlier()).isEmpty();
        assertThat(short_.recent()).hasSize(3);
        assertThat(EventFormat.timeline(List.of(), "2026-01-01T00:01:00Z").isEmpty()).isTrue();
    }

    @Test
    void crumbsWithoutAReadableTimeHaveNoRelativeTimeAndUnknownLevelsShowAsInfo() {
        Timeline t = EventFormat.timeline(List.of(crumb("yesterday-ish", "<b>loud</b>"), crumb(null, "WARN"),
                crumb("2026-01-01T01:00:00+01:00", "critical")), "2026-01-01T00:00:01Z");
        assertThat(t.recent().get(0).relative()).isNull();
        assertThat(t.recent().get(0).absolute()).isEqualTo("yesterday-ish");
        assertThat(t.recent().get(0).level()).isEqualTo("info");
        assertThat(t.recent().get(1).level()).isEqualTo("warning");
        assertThat(t.recent().get(2).relative()).isEqualTo("-1.0s");
        assertThat(t.recent().get(2).level()).isEqualTo("fatal");
        assertThat(EventFormat.timeline(List.of(crumb("2026-01-01T00:00:00Z", "info")), null).recent().get(0).relative()).isNull();
    }

    @Test
    void sizesAreHumanReadable() {
        assertThat(EventFormat.size(0)).isEqualTo("0 B");
        assertThat(EventFormat.size(1023)).isEqualTo("1023 B");
        assertThat(EventFormat.size(1536)).isEqualTo("1.5 KiB");
        assertThat(EventFormat.size(12L * 1024 * 1024)).isEqualTo("12.0 MiB");
        assertThat(EventFormat.size(3L * 1024 * 1024 * 1024)).isEqualTo("3.0 GiB");
    }

    @Test
    void contextsBecomeCardsWithATitleAndAHeadlineKnownKindsFirst() {
        List<ContextCard> cards = EventFormat.contextCards(List.of(
                Map.entry("<custom>", List.of(new Pair("flag", "on"))),
                Map.entry("device", List.of(new Pair("family", "Pixel"), new Pair("model", "Pixel 7"), new Pair("arch", "arm64"))),
                Map.entry("browser", List.of(new Pair("name", "Chrome"), new Pair("version", "120"), new Pair("type", "browser"))),
                Map.entry("os", List.of(new Pair("name", "Linux"), new Pair("version", "6.1"), new Pair("kernel_version", "6.1.0"))),
                Map.entry("runtime", List.of(new Pair("name", "Java"), new Pair("version", "17"))),
                Map.entry("my_client_os", List.of(new Pair("type", "os"), new Pair("name", "Windows")))));
        assertThat(cards).extracting(ContextCard::title)
                .containsExactly("Operating system", "Operating system", "Runtime", "Browser", "Device", "<custom>");
        assertThat(cards.get(0).headline()).isEqualTo("Linux 6.1");
        assertThat(cards.get(0).fields()).containsExactly(new Pair("kernel_version", "6.1.0"));
        assertThat(cards.get(1).headline()).isEqualTo("Windows");
        assertThat(cards.get(1).fields()).isEmpty();
        assertThat(cards.get(3).headline()).isEqualTo("Chrome 120");
        assertThat(cards.get(3).fields()).as("the type field is not shown").isEmpty();
        assertThat(cards.get(4).headline()).isEqualTo("Pixel 7");
        assertThat(cards.get(4).fields()).containsExactly(new Pair("family", "Pixel"), new Pair("arch", "arm64"));
        assertThat(cards.get(5).kind()).as("a client's key never becomes a CSS class").isEqualTo("custom");
        assertThat(cards.get(5).headline()).isNull();
    }

    @Test
    void aContextWithNothingToShowGetsNoCard() {
        List<ContextCard> cards = EventFormat.contextCards(List.of(
                Map.entry("trace", List.of(new Pair("type", "trace"))),
                Map.entry("empty", List.of()),
                Map.entry("blank", List.of(new Pair("name", ""), new Pair("version", " "))),
                Map.entry("os", List.of(new Pair("name", "Linux"), new Pair("build", "")))));
        assertThat(cards).extracting(ContextCard::title).containsExactly("Operating system");
        assertThat(cards.get(0).fields()).as("a blank field is not shown").isEmpty();
    }
}
