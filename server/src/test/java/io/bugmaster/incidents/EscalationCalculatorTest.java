package io.bugmaster.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.incidents.EscalationCalculator.Kind;
import io.bugmaster.incidents.EscalationCalculator.Shape;
import io.bugmaster.incidents.EscalationCalculator.State;
import io.bugmaster.incidents.EscalationCalculator.Step;
import io.bugmaster.oncall.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What is due at T, with a fixed clock: the escalation engine's pure part. */
class EscalationCalculatorTest {
    static final Instant T = Instant.parse("2026-03-29T00:00:00Z");
    static final Shape TWO_LEVELS = new Shape(List.of(5, 10), 1);

    static State triggered(int level, int loop, Instant next) {
        return new State(IncidentStatus.TRIGGERED, Urgency.HIGH, level, loop, next, null, null);
    }

    static Instant at(int minutes) {
        return T.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void aNewIncidentPagesLevelOneAtOnceAndWaitsItsDelay() {
        assertThat(EscalationCalculator.due(triggered(0, 0, T), TWO_LEVELS, T)).contains(new Step(Kind.PAGE_FIRST, 1, 0, at(5)));
    }

    @Test
    void nothingIsDueBeforeTheDeadline() {
        assertThat(EscalationCalculator.due(triggered(1, 0, at(5)), TWO_LEVELS, at(5).minusMillis(1))).isEmpty();
    }

    @Test
    void theNextLevelWaitsItsOwnDelayCountedFromWhenItWasPaged() {
        assertThat(EscalationCalculator.due(triggered(1, 0, at(5)), TWO_LEVELS, at(5))).contains(new Step(Kind.ESCALATE, 2, 0, at(15)));
        // late by a minute: the next delay counts from when level 2 was really paged
        assertThat(EscalationCalculator.due(triggered(1, 0, at(5)), TWO_LEVELS, at(6))).contains(new Step(Kind.ESCALATE, 2, 0, at(16)));
    }

    @Test
    void afterTheLastLevelThePolicyRepeatsNumLoopsTimesThenIsExhausted() {
        assertThat(EscalationCalculator.due(triggered(2, 0, at(15)), TWO_LEVELS, at(15))).contains(new Step(Kind.ESCALATE, 1, 1, at(20)));
        assertThat(EscalationCalculator.due(triggered(2, 1, at(30)), TWO_LEVELS, at(30))).contains(new Step(Kind.EXHAUSTED, 2, 1, null));
    }

    @Test
    void lowUrgencyPagesLevelOneAndNeverEscalates() {
        State low = new State(IncidentStatus.TRIGGERED, Urgency.LOW, 0, 0, T, null, null);
        assertThat(EscalationCalculator.due(low, TWO_LEVELS, T)).contains(new Step(Kind.PAGE_FIRST, 1, 0, null));
        State paged = new State(IncidentStatus.TRIGGERED, Urgency.LOW, 1, 0, null, null, null);
        assertThat(EscalationCalculator.due(paged, TWO_LEVELS, at(600))).isEmpty();
    }

    @Test
    void anAcknowledgedIncidentWaitsForItsTimeoutThenTriggersAgainFromLevelOne() {
        State acked = new State(IncidentStatus.ACKNOWLEDGED, Urgency.HIGH, 2, 1, null, at(30), null);
        assertThat(EscalationCalculator.due(acked, TWO_LEVELS, at(29))).isEmpty();
        assertThat(EscalationCalculator.due(acked, TWO_LEVELS, at(30))).contains(new Step(Kind.RETRIGGER, 1, 0, at(35)));
        State noTimeout = new State(IncidentStatus.ACKNOWLEDGED, Urgency.HIGH, 2, 1, null, null, null);
        assertThat(EscalationCalculator.due(noTimeout, TWO_LEVELS, at(100_000))).isEmpty();
    }

    @Test
    void autoResolveComesFirst() {
        State s = new State(IncidentStatus.ACKNOWLEDGED, Urgency.HIGH, 1, 0, null, at(30), at(30));
        assertThat(EscalationCalculator.due(s, TWO_LEVELS, at(30)).map(Step::kind)).contains(Kind.AUTO_RESOLVE);
    }

    @Test
    void aResolvedIncidentHasNothingDue() {
        State s = new State(IncidentStatus.RESOLVED, Urgency.HIGH, 1, 0, at(1), at(1), at(1));
        assertThat(EscalationCalculator.due(s, TWO_LEVELS, at(100))).isEqualTo(Optional.empty());
    }

    @Test
    void withoutAPolicyNobodyIsPagedAndNothingStaysDue() {
        assertThat(EscalationCalculator.due(triggered(0, 0, T), Shape.NONE, T)).contains(new Step(Kind.NO_POLICY, 0, 0, null));
    }
}
