package io.bugmaster.oncall.policies;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import io.bugmaster.oncall.policies.EscalationPolicy.Rule;
import io.bugmaster.oncall.policies.EscalationPolicy.Target;
import io.bugmaster.oncall.policies.EscalationPolicy.TargetType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a policy's levels as a client sends them and turns them into and out of their stored
 * JSON. Each error names the field ({@code escalation_rules[1].targets[0].type}) and says why.
 */
@PureLogic
public final class PolicyRules {
    public static final int MAX_LEVELS = 20;
    public static final int MAX_TARGETS = 20;
    public static final int MAX_LOOPS = 9;
    /** PagerDuty asks for at least one minute between levels; a day is more than any team waits. */
    public static final int MIN_DELAY = 1;
    public static final int MAX_DELAY = 1440;
    public static final int MAX_NAME = 100;

    private PolicyRules() {}

    /** A target as sent: {@code {"type": "user_reference", "id": "12"}}; the id may be a string or a number. */
    @tools.jackson.databind.annotation.JsonNaming(tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TargetInput(String type, Object id) {}

    /** A level as sent. {@code roundRobin} null means all together. */
    @tools.jackson.databind.annotation.JsonNaming(tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RuleInput(Integer escalationDelayInMinutes, List<TargetInput> targets, Boolean roundRobin) {}

    public static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "a policy needs a name");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME) {
            throw new InvalidInputException("name", "at most " + MAX_NAME + " characters, got " + trimmed.length());
        }
        return trimmed;
    }

    public static int numLoops(Integer loops) {
        if (loops == null) {
            return 0;
        }
        if (loops < 0 || loops > MAX_LOOPS) {
            throw new InvalidInputException("num_loops", "the policy repeats 0 to " + MAX_LOOPS + " times, got " + loops);
        }
        return loops;
    }

    /** The levels, checked for shape (the target ids' existence is the caller's to check). */
    public static List<Rule> rules(List<RuleInput> input) {
        if (input == null || input.isEmpty()) {
            throw new InvalidInputException("escalation_rules", "a policy needs at least one level (escalation rule)");
        }
        if (input.size() > MAX_LEVELS) {
            throw new InvalidInputException("escalation_rules", "at most " + MAX_LEVELS + " levels, got " + input.size());
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            String field = "escalation_rules[" + i + "]";
            RuleInput r = input.get(i);
            if (r == null) {
                throw new InvalidInputException(field, "a level is an object with escalation_delay_in_minutes and targets");
            }
            Integer delay = r.escalationDelayInMinutes();
            if (delay == null) {
                throw new InvalidInputException(field + ".escalation_delay_in_minutes",
                        "required: the minutes before an unacknowledged incident escalates away from this level");
            }
            if (delay < MIN_DELAY || delay > MAX_DELAY) {
                throw new InvalidInputException(field + ".escalation_delay_in_minutes",
                        "between " + MIN_DELAY + " and " + MAX_DELAY + " minutes, got " + delay);
            }
            if (r.targets() == null || r.targets().isEmpty()) {
                throw new InvalidInputException(field + ".targets", "a level needs at least one target (a user, schedule or team)");
            }
            if (r.targets().size() > MAX_TARGETS) {
                throw new InvalidInputException(field + ".targets", "at most " + MAX_TARGETS + " targets, got " + r.targets().size());
            }
            List<Target> targets = new ArrayList<>();
            for (int j = 0; j < r.targets().size(); j++) {
                String tField = field + ".targets[" + j + "]";
                TargetInput t = r.targets().get(j);
                if (t == null) {
                    throw new InvalidInputException(tField, "a target is {\"type\", \"id\"}");
                }
                TargetType type = TargetType.parse(t.type()).orElseThrow(() -> new InvalidInputException(tField + ".type",
                        "unknown target type '" + t.type() + "'; use user_reference, schedule_reference or team_reference"));
                Target target = new Target(type, id(tField + ".id", t.id()));
                if (targets.contains(target)) {
                    throw new InvalidInputException(tField, "this target is on the level twice");
                }
                targets.add(target);
            }
            rules.add(new Rule(delay, targets, Boolean.TRUE.equals(r.roundRobin())));
        }
        return rules;
    }

    /** An id sent as a string of digits or a number. */
    public static long id(String field, Object id) {
        if (id instanceof Number n && (n instanceof Integer || n instanceof Long)) {
            if (n.longValue() > 0) {
                return n.longValue();
            }
        } else if (id instanceof String s && s.matches("[1-9][0-9]{0,17}")) {
            return Long.parseLong(s);
        }
        throw new InvalidInputException(field, "an id is a positive whole number (as a string or a number), got "
                + (id == null ? "nothing" : "'" + id + "'"));
    }

    /** The stored form: the levels as plain JSON values. */
    public static List<Map<String, Object>> toJson(List<Rule> rules) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Rule r : rules) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("escalation_delay_in_minutes", r.escalationDelayInMinutes());
            m.put("round_robin", r.roundRobin());
            m.put("targets", r.targets().stream().map(t -> Map.of("type", t.type().id(), "id", t.id())).toList());
            out.add(m);
        }
        return out;
    }

    /** The levels back from their stored JSON values. */
    @SuppressWarnings("unchecked")
    public static List<Rule> fromJson(List<Map<String, Object>> stored) {
        List<Rule> rules = new ArrayList<>();
        for (Map<String, Object> m : stored) {
            List<Target> targets = new ArrayList<>();
            for (Map<String, Object> t : (List<Map<String, Object>>) m.get("targets")) {
                targets.add(new Target(TargetType.parse((String) t.get("type")).orElseThrow(),
                        ((Number) t.get("id")).longValue()));
            }
            rules.add(new Rule(((Number) m.get("escalation_delay_in_minutes")).intValue(), targets,
                    Boolean.TRUE.equals(m.get("round_robin"))));
        }
        return rules;
    }
}
