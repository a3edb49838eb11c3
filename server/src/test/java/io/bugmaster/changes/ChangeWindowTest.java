package io.bugmaster.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.changes.ChangeWindow.Appeared;
import io.bugmaster.changes.ChangeWindow.Found;
import io.bugmaster.changes.ChangeWindow.Link;
import io.bugmaster.common.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window's pure part: placing changes against the incident, newest first, unsafe links dropped, and the checklist hints. */
class ChangeWindowTest {
    static final Instant OPENED = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant FROM = OPENED.minus(Duration.ofHours(6));
    static final Instant TO = OPENED.plus(Duration.ofHours(1));

    static Found found(String id, Instant at, String kind, Link... links) {
        return new Found(id, at, kind, kind, "what " + id, null, null, List.of(links), List.of());
    }

    @Test
    void rowsInTheWindowNewestFirstEachSaidAgainstTheIncidentsStart() {
        ChangeWindow w = ChangeWindow.of(OPENED, FROM, TO, 6, List.of(
                found("a", OPENED.minus(Duration.ofMinutes(40)), "deploy"),
                found("b", OPENED.minus(Duration.ofMinutes(125)), "migration"),
                found("c", OPENED.plus(Duration.ofMinutes(12)), "config"),
                found("old", FROM.minusSeconds(1), "deploy"),
                found("late", TO.plusSeconds(1), "deploy"),
                found("d", OPENED.minus(Duration.ofHours(3)), "infrastructure"),
                found("e", OPENED.plusSeconds(20), "feature_flag")), List.of());
        assertThat(w.rows()).extracting(r -> r.id() + " " + r.when()).containsExactly("c 12 min after", "e at the start",
                "a 40 min before", "b 2 h 5 min before", "d 3 h before");
    }

    @Test
    void theChecklistHintsCountOnlyWhatCameBeforeTheIncident() {
        ChangeWindow w = ChangeWindow.of(OPENED, FROM, TO, 6, List.of(
                found("a", OPENED.minus(Duration.ofMinutes(40)), "deploy"),
                found("b", OPENED.minus(Duration.ofMinutes(90)), "deploy"),
                found("c", OPENED.plus(Duration.ofMinutes(5)), "migration"),
                found("d", OPENED.minus(Duration.ofMinutes(10)), "config")), List.of());
        assertThat(w.hints()).extracting(h -> h.question() + ": " + h.text()).containsExactly(
                "deploy: Yes: 2 deploys, the last 40 min before",
                "infrastructure: Yes: 1 infrastructure change 10 min before",
                "schema: None recorded in the 6 h before");
    }

    @Test
    void onlyHttpLinksAndOurOwnPathsReachThePage() {
        ChangeWindow w = ChangeWindow.of(OPENED, FROM, TO, 6, List.of(found("a", OPENED, "deploy",
                new Link("https://ci.example.com/1", "ok"), new Link("javascript:alert(1)", "js"), new Link("JaVaScRiPt:alert(2)", "js2"),
                new Link("data:text/html,x", "data"), new Link("//evil.example.com/x", "protocol-relative"), new Link("/\\evil.example.com", "bs"),
                new Link("/orgs/acme/releases/1.0", "ours"), new Link(null, "none"))), List.of());
        assertThat(w.rows().get(0).links()).extracting(Link::text).containsExactly("ok", "ours");
    }

    @Test
    void suspectsInTheWindowTheLatestFirst() {
        ChangeWindow w = ChangeWindow.of(OPENED, FROM, TO, 6, List.of(), List.of(
                new Appeared(1, "SHOP-1", "old", "new", FROM.minusSeconds(60), "/i/1"),
                new Appeared(2, "SHOP-2", "brand is undefined", "new", OPENED.minus(Duration.ofMinutes(35)), "/i/2"),
                new Appeared(3, "SHOP-3", "timeout", "regressed", OPENED.plus(Duration.ofMinutes(3)), "/i/3")));
        assertThat(w.suspects()).extracting(s -> s.shortId() + " " + s.how() + " " + s.when())
                .containsExactly("SHOP-3 regressed 3 min after", "SHOP-2 new 35 min before");
    }

    @Test
    void hoursAreOneToSeventyTwoSixByDefault() {
        assertThat(ChangeWindow.hours(null)).isEqualTo(6);
        assertThat(ChangeWindow.hours(72)).isEqualTo(72);
        assertThatThrownBy(() -> ChangeWindow.hours(0)).isInstanceOf(InvalidInputException.class).hasMessageContaining("1 to 72");
        assertThatThrownBy(() -> ChangeWindow.hours(73)).isInstanceOf(InvalidInputException.class);
    }
}
