package io.bugmaster.incidents.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.TimelineEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a role definition may say, and when a responder answered, without a database. */
class RoleRulesTest {
    static final Instant PAGED = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aSlugIsMadeFromTheNameWhenNoneIsGiven() {
        assertThat(RoleRules.check(new RoleRules.Input(null, " Incident manager ", null, null), null))
                .isEqualTo(new RoleRules.Checked("incident_manager", "Incident manager", "", null));
        assertThat(RoleRules.slugOf("Équipe d'astreinte / N°2")).isEqualTo("equipe_d_astreinte_n_2");
        assertThat(RoleRules.slugOf("!!!")).isEqualTo("role");
        assertThat(RoleRules.slugOf("42")).isEqualTo("role_42");
        assertThat(RoleRules.slugOf("a".repeat(60))).hasSize(RoleRules.MAX_SLUG);
    }

    @Test
    void anUpdateKeepsWhatItLeavesOut() {
        IncidentRole current = new IncidentRole(7, 1, "scribe", "Scribe", "Writes it down", 3);
        assertThat(RoleRules.check(new RoleRules.Input(null, null, "Keeps the timeline", null), current))
                .isEqualTo(new RoleRules.Checked("scribe", "Scribe", "Keeps the timeline", null));
    }

    @Test
    void badValuesSayWhatIsWrong() {
        assertThatThrownBy(() -> RoleRules.check(new RoleRules.Input(null, "", null, null), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("name: is required");
        assertThatThrownBy(() -> RoleRules.check(new RoleRules.Input("Has Spaces", "X", null, null), null))
                .hasMessageContaining("slug: 'Has Spaces' is not a slug");
        assertThatThrownBy(() -> RoleRules.check(new RoleRules.Input("123", "X", null, null), null))
                .hasMessageContaining("reads as a role id");
        assertThatThrownBy(() -> RoleRules.check(new RoleRules.Input(null, "X", "d".repeat(501), null), null))
                .hasMessageContaining("description: is at most 500");
        assertThatThrownBy(() -> RoleRules.check(new RoleRules.Input(null, "X", null, -1), null)).hasMessageContaining("position");
        assertThatThrownBy(() -> RoleRules.check(null, null)).hasMessageContaining("send the role");
    }

    static TimelineEntry entry(String kind, Long userId, Instant at) {
        return new TimelineEntry("log:" + at.toEpochMilli(), at, kind, userId, "someone", "web", "…", null, true, false);
    }

    @Test
    void aResponderAnswersWithTheirFirstActionAfterTheRequest() {
        List<TimelineEntry> timeline = List.of(
                entry("acknowledged", 5L, PAGED.minusSeconds(60)), // before the request: not an answer to it
                entry("notified", 5L, PAGED), // being paged is not answering
                entry("delivery", 5L, PAGED.plusSeconds(5)), // nor is the page reaching their phone
                entry("role", 6L, PAGED.plusSeconds(30)), // someone else
                entry("note", 5L, PAGED.plusSeconds(240)),
                entry("status_update", 5L, PAGED.plusSeconds(600)));
        assertThat(Answers.answeredAt(5, PAGED, timeline)).contains(PAGED.plusSeconds(240));
        assertThat(Answers.answeredAt(6, PAGED, timeline)).contains(PAGED.plusSeconds(30));
        assertThat(Answers.answeredAt(7, PAGED, timeline)).isEmpty();
        assertThat(Answers.answeredAt(5, PAGED.plusSeconds(601), timeline)).isEmpty();
    }
}
