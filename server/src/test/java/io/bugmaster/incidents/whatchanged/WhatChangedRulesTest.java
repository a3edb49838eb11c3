package io.bugmaster.incidents.whatchanged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checklist's and the fixing decision's rules, without a database. */
class WhatChangedRulesTest {

    @Test
    void theChecklistTakesAnAnswerOrAnAnswerWithANote() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symptoms", "  brands see no orders ");
        body.put("third_party", Map.of("answer", "unknown", "note", "status page green"));
        assertThat(Checklist.read(body)).containsExactly(
                new Checklist.Answer(Checklist.Question.SYMPTOMS, "brands see no orders", null),
                new Checklist.Answer(Checklist.Question.THIRD_PARTY, "unknown", "status page green"));
        assertThat(Checklist.logLine(Checklist.read(Map.of("third_party", Map.of("answer", "unknown", "note", "status page green"))).get(0)))
                .isEqualTo("Checklist: Is there a problem with a third-party service? unknown (status page green)");
    }

    @Test
    void theChecklistSaysWhatIsWrong() {
        assertThatThrownBy(() -> Checklist.read(Map.of("availability", "mostly"))).isInstanceOf(InvalidInputException.class)
                .hasMessage("availability: one of totally, partially, no; got 'mostly'");
        assertThatThrownBy(() -> Checklist.read(Map.of("symptoms", "x".repeat(2001)))).hasMessageContaining("at most 2000 characters");
        assertThatThrownBy(() -> Checklist.read(Map.of("deploy", 1))).hasMessageContaining("an answer (a string)");
        assertThatThrownBy(() -> Checklist.read(Map.of())).hasMessageContaining("keyed by question");
        assertThatThrownBy(() -> Checklist.read(Map.of("deploy", Map.of("answer", "yes", "note", "n".repeat(501)))))
                .hasMessageContaining("deploy.note: at most 500 characters");
    }

    @Test
    void aDecisionSaysItsStrategyAndEstimates() {
        assertThat(FixDecision.draft("revert", 10, 2880, null)).isEqualTo(new FixDecision.Draft(FixDecision.Strategy.REVERT, 10, 2880, null));
        assertThat(new FixDecision(1, FixDecision.Strategy.REVERT, 10, 2880, null, null, null).summary())
                .isEqualTo("revert (restore ~10 min; fix ~2 days)");
        assertThat(new FixDecision(1, FixDecision.Strategy.DISABLE_THIRD_PARTY, null, 90, null, null, null).summary())
                .isEqualTo("disable the third party (fix ~1.5 h)");
        assertThat(new FixDecision(1, FixDecision.Strategy.RESTART, null, null, null, null, null).summary()).isEqualTo("restart");
        assertThat(FixDecision.duration(1440)).isEqualTo("1 day");
        assertThatThrownBy(() -> FixDecision.draft("pray", null, null, null)).hasMessageContaining("strategy: one of revert, rollback");
        assertThatThrownBy(() -> FixDecision.draft("hotfix", null, FixDecision.MAX_MINUTES + 1, null)).hasMessageContaining("fix_minutes");
    }
}
