package io.bugmaster.oncall.policies;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An escalation policy (PagerDuty's model): ordered levels, each paging its targets and waiting
 * {@code escalationDelayInMinutes} for an acknowledgement before the incident moves to the next
 * level; after the last level the whole policy repeats {@code numLoops} more times.
 */
@PureLogic
public record EscalationPolicy(long id, long orgId, String name, String description, int numLoops, List<Rule> rules,
        Instant createdAt, Instant updatedAt) {

    public EscalationPolicy {
        rules = List.copyOf(rules);
    }

    /**
     * One level. {@code escalationDelayInMinutes} is PagerDuty's: the minutes an incident stays on
     * this level, unacknowledged, before it escalates away from it (to the next level, or from the
     * last back to the first while loops remain). {@code roundRobin}: page one target person per
     * incident, in turn, instead of all of them.
     */
    public record Rule(int escalationDelayInMinutes, List<Target> targets, boolean roundRobin) {
        public Rule {
            targets = List.copyOf(targets);
        }
    }

    /** Who a level pages: a person, whoever is on call on a schedule, or a team's members. */
    public record Target(TargetType type, long id) {
        public Target {
            Objects.requireNonNull(type, "type");
        }
    }

    public enum TargetType {
        USER("user_reference"), SCHEDULE("schedule_reference"), TEAM("team_reference");

        private final String id;

        TargetType(String id) {
            this.id = id;
        }

        /** PagerDuty's word, used in the API and the stored JSON. */
        public String id() {
            return id;
        }

        public static java.util.Optional<TargetType> parse(String id) {
            for (TargetType t : values()) {
                if (t.id.equals(id)) {
                    return java.util.Optional.of(t);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** The level (1-based), or null when there is none. */
    public Rule level(int level) {
        return level >= 1 && level <= rules.size() ? rules.get(level - 1) : null;
    }
}
