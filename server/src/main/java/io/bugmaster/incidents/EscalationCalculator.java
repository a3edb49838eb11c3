package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;
import io.bugmaster.oncall.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What is due for an incident at a moment (GoAlert's engine, PagerDuty's meaning of the fields): the
 * one step the escalation engine applies next, with the incident's escalation state after it.
 *
 * <ul>
 * <li>auto-resolve comes first: an incident past its auto-resolve deadline is resolved;
 * <li>an acknowledged incident past its acknowledgement timeout triggers again: level 1 is paged anew;
 * <li>a triggered incident not yet paged (level 0) pages level 1;
 * <li>a triggered incident whose level's delay has passed pages the next level; after the last level
 *     it starts again at level 1 while loops remain ({@code num_loops} repeats), and then says that
 *     nobody answered;
 * <li>low urgency pages level 1 and never escalates.
 * </ul>
 * A level's delay is counted from when that level was paged.
 */
@PureLogic
public final class EscalationCalculator {

    private EscalationCalculator() {}

    /** The part of an incident escalation reads. Level 0: no level paged yet; loop 0: the first pass. */
    public record State(IncidentStatus status, Urgency urgency, int level, int loop, Instant nextEscalationAt, Instant ackTimeoutAt,
            Instant autoResolveAt) {}

    /** The policy as escalation sees it: each level's delay in minutes, and how many times it repeats. None: no levels. */
    public record Shape(List<Integer> delays, int numLoops) {
        public static final Shape NONE = new Shape(List.of(), 0);

        public Shape {
            delays = List.copyOf(delays);
        }

        Duration delay(int level) {
            return Duration.ofMinutes(delays.get(level - 1));
        }
    }

    public enum Kind {
        /** resolved because nothing happened for the service's auto-resolve timeout */
        AUTO_RESOLVE,
        /** the acknowledgement timed out: triggered again, level 1 paged */
        RETRIGGER,
        /** level 1 paged for a new incident */
        PAGE_FIRST,
        /** the next level (or level 1 of the next loop) paged */
        ESCALATE,
        /** the last level of the last loop passed unanswered: nobody more to page */
        EXHAUSTED,
        /** the service has no policy (or one without levels): nobody to page */
        NO_POLICY
    }

    /**
     * The step and the state after it: the level and loop now paged (when {@link #pages()}) and when
     * the next escalation is due (null: none).
     */
    public record Step(Kind kind, int level, int loop, Instant nextEscalationAt) {
        public boolean pages() {
            return kind == Kind.RETRIGGER || kind == Kind.PAGE_FIRST || kind == Kind.ESCALATE;
        }
    }

    public static Optional<Step> due(State s, Shape policy, Instant now) {
        if (s.status() == IncidentStatus.RESOLVED) {
            return Optional.empty();
        }
        if (s.autoResolveAt() != null && !now.isBefore(s.autoResolveAt())) {
            return Optional.of(new Step(Kind.AUTO_RESOLVE, s.level(), s.loop(), null));
        }
        if (s.status() == IncidentStatus.ACKNOWLEDGED) {
            if (s.ackTimeoutAt() != null && !now.isBefore(s.ackTimeoutAt())) {
                return Optional.of(first(Kind.RETRIGGER, s.urgency(), policy, now));
            }
            return Optional.empty();
        }
        if (s.nextEscalationAt() == null || now.isBefore(s.nextEscalationAt())) {
            return Optional.empty();
        }
        if (s.level() == 0) {
            return Optional.of(first(Kind.PAGE_FIRST, s.urgency(), policy, now));
        }
        int levels = policy.delays().size();
        if (s.urgency() == Urgency.LOW || levels == 0) {
            // nothing escalates a low-urgency incident; a stale deadline is cleared
            return Optional.of(new Step(Kind.EXHAUSTED, s.level(), s.loop(), null));
        }
        int level = s.level() + 1;
        int loop = s.loop();
        if (level > levels) {
            if (loop >= policy.numLoops()) {
                return Optional.of(new Step(Kind.EXHAUSTED, s.level(), s.loop(), null));
            }
            level = 1;
            loop++;
        }
        return Optional.of(new Step(Kind.ESCALATE, level, loop, now.plus(policy.delay(level))));
    }

    private static Step first(Kind kind, Urgency urgency, Shape policy, Instant now) {
        if (policy.delays().isEmpty()) {
            return new Step(Kind.NO_POLICY, 0, 0, null);
        }
        Instant next = urgency == Urgency.HIGH ? now.plus(policy.delay(1)) : null;
        return new Step(kind, 1, 0, next);
    }
}
