package io.bugmaster.alerting;

import io.bugmaster.alerting.AlertRuleDefinition.Condition;
import io.bugmaster.alerting.AlertRuleDefinition.Filter;
import io.bugmaster.alerting.AlertRuleDefinition.FilterKind;
import io.bugmaster.alerting.AlertRuleDefinition.Interval;
import io.bugmaster.alerting.AlertRuleDefinition.Match;
import io.bugmaster.common.PureLogic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a rule fires for what happened to an issue, and says why or why not. Pure: the
 * caller gathers the facts (from the signal, the issue, its latest event, counts per interval, when
 * the rule last fired for the issue) and the time.
 */
@PureLogic
public final class AlertEvaluator {
    private static final Map<String, Integer> LEVELS = Map.of("debug", 10, "info", 20, "warning", 30, "error", 40, "fatal", 50);

    private AlertEvaluator() {}

    /**
     * What is known when a rule is evaluated.
     *
     * @param topic the signal's kind (issue.new, ...), or null in the periodic frequency check
     * @param environment the environment of the event behind the signal (null when it had none)
     * @param latestRelease the newest release of the issue's project, for the latest-release filter
     * @param attributes event attributes by name (message, platform, type, value, http.url, user.email, ...)
     * @param assigneeEmail the assigned person's email, or null
     * @param assigneeTeamId the assigned team, or null
     * @param ownerEmails and {@code ownerTeamIds}: the issue's owners under the ownership rules
     * @param events events of the issue per interval (only the intervals the rule's conditions use)
     * @param users distinct users of the issue per interval
     * @param lastFiredAt when this rule last fired for this issue, or null
     */
    public record Facts(String topic, String environment, String level, String release, String latestRelease,
            Map<String, String> tags, Map<String, String> attributes, Instant firstSeen, long timesSeen,
            String assigneeEmail, Long assigneeTeamId, Set<String> ownerEmails, Set<Long> ownerTeamIds,
            Map<Interval, Long> events, Map<Interval, Long> users, Instant lastFiredAt, Instant now) {
        public Facts {
            tags = tags == null ? Map.of() : tags;
            attributes = attributes == null ? Map.of() : attributes;
            ownerEmails = ownerEmails == null ? Set.of() : ownerEmails;
            ownerTeamIds = ownerTeamIds == null ? Set.of() : ownerTeamIds;
            events = events == null ? Map.of() : events;
            users = users == null ? Map.of() : users;
        }
    }

    /**
     * Fire or not, with the reasons in the order they were checked, and the triggers that held (what
     * the message tells as the reason it was sent).
     */
    public record Decision(boolean fire, List<String> reasons, List<Condition> held) {
        Decision(boolean fire, List<String> reasons) {
            this(fire, reasons, List.of());
        }
    }

    public static Decision evaluate(AlertRuleDefinition rule, Facts facts) {
        List<String> reasons = new ArrayList<>();
        if (rule.environment() != null && !rule.environment().equals(facts.environment())) {
            reasons.add("environment is " + (facts.environment() == null ? "not set" : "'" + facts.environment() + "'")
                    + ", the rule wants '" + rule.environment() + "'");
            return new Decision(false, reasons);
        }
        List<Boolean> results = new ArrayList<>();
        List<Condition> held = new ArrayList<>();
        for (Condition c : rule.conditions()) {
            boolean holds = condition(c, facts, reasons);
            results.add(holds);
            if (holds) {
                held.add(c);
            }
        }
        if (!combine(rule.actionMatch(), results)) {
            reasons.add("triggers do not match (" + rule.actionMatch().id() + ")");
            return new Decision(false, reasons);
        }
        results.clear();
        // the monitor filter is about monitors: an issue's signals pass by it
        List<Filter> issueFilters = rule.filters().stream().filter(f -> f.kind() != FilterKind.MONITOR).toList();
        for (Filter f : issueFilters) {
            results.add(filter(f, facts, reasons));
        }
        if (!issueFilters.isEmpty() && !combine(rule.filterMatch(), results)) {
            reasons.add("filters do not pass (" + rule.filterMatch().id() + ")");
            return new Decision(false, reasons);
        }
        if (facts.lastFiredAt() != null) {
            Instant next = facts.lastFiredAt().plus(Duration.ofMinutes(rule.frequencyMinutes()));
            if (facts.now().isBefore(next)) {
                reasons.add("throttled: fired for this issue at " + facts.lastFiredAt() + ", action interval "
                        + rule.frequencyMinutes() + " minutes");
                return new Decision(false, reasons);
            }
        }
        return new Decision(true, reasons, held);
    }

    /** What is known of a monitor when a rule is evaluated for one of its signals. */
    public record MonitorFacts(String topic, String slug, String kind) {}

    /**
     * Whether a rule fires for a monitor's signal. Only a rule with a monitor trigger looks at
     * monitors; the issue filters (level, tags, assignee...) and the environment are about events
     * and do not apply, only the monitor filter does. No action interval: a monitor raises a signal
     * only when its state (or what it says while down) changes, so each is news.
     */
    public static Decision evaluateMonitor(AlertRuleDefinition rule, MonitorFacts facts) {
        List<String> reasons = new ArrayList<>();
        if (!rule.hasMonitorConditions()) {
            reasons.add("the rule has no monitor trigger");
            return new Decision(false, reasons);
        }
        List<Boolean> results = new ArrayList<>();
        List<Condition> held = new ArrayList<>();
        for (Condition c : rule.conditions()) {
            boolean holds = c.trigger().monitor() && c.trigger().topic().equals(facts.topic());
            reasons.add((holds ? "trigger holds: " : "trigger does not hold: ") + c.trigger().label());
            results.add(holds);
            if (holds) {
                held.add(c);
            }
        }
        if (!combine(rule.actionMatch(), results)) {
            reasons.add("triggers do not match (" + rule.actionMatch().id() + ")");
            return new Decision(false, reasons);
        }
        List<Filter> monitorFilters = rule.filters().stream().filter(f -> f.kind() == FilterKind.MONITOR).toList();
        results.clear();
        for (Filter f : monitorFilters) {
            String actual = "kind".equals(f.key()) ? facts.kind() : facts.slug();
            boolean passes = matches(f.match(), actual, f.value());
            reasons.add((passes ? "filter passes: " : "filter fails: ") + describe(f));
            results.add(passes);
        }
        if (!monitorFilters.isEmpty() && !combine(rule.filterMatch(), results)) {
            reasons.add("filters do not pass (" + rule.filterMatch().id() + ")");
            return new Decision(false, reasons);
        }
        return new Decision(true, reasons, held);
    }

    private static boolean combine(Match match, List<Boolean> results) {
        return switch (match) {
            case ALL -> !results.isEmpty() && results.stream().allMatch(b -> b);
            case ANY -> results.stream().anyMatch(b -> b);
            case NONE -> results.stream().noneMatch(b -> b);
        };
    }

    private static boolean condition(Condition c, Facts facts, List<String> reasons) {
        if (!c.trigger().frequency()) {
            boolean holds = c.trigger().topic().equals(facts.topic());
            reasons.add((holds ? "trigger holds: " : "trigger does not hold: ") + c.trigger().label());
            return holds;
        }
        Map<Interval, Long> counts = c.trigger() == AlertRuleDefinition.Trigger.EVENT_FREQUENCY ? facts.events() : facts.users();
        Long count = counts.get(c.interval());
        boolean holds = count != null && count > c.value();
        String what = c.trigger() == AlertRuleDefinition.Trigger.EVENT_FREQUENCY ? "events" : "users";
        reasons.add((holds ? "trigger holds: " : "trigger does not hold: ") + (count == null ? "?" : count) + " " + what
                + " in " + c.interval().id() + (holds ? " > " : " <= ") + c.value());
        return holds;
    }

    private static boolean filter(Filter f, Facts facts, List<String> reasons) {
        boolean passes = switch (f.kind()) {
            case LEVEL -> {
                Integer have = facts.level() == null ? null : LEVELS.get(facts.level().toLowerCase(Locale.ROOT));
                int want = LEVELS.get(f.value());
                yield have != null && switch (f.match()) {
                    case "gte" -> have >= want;
                    case "lte" -> have <= want;
                    default -> have == want;
                };
            }
            case LATEST_RELEASE -> facts.release() != null && facts.release().equals(facts.latestRelease());
            case TAGGED_EVENT -> matches(f.match(), facts.tags().get(f.key()), f.value());
            case EVENT_ATTRIBUTE -> matches(f.match(), facts.attributes().get(f.key()), f.value());
            case AGE_COMPARISON -> {
                if (facts.firstSeen() == null) {
                    yield false;
                }
                long unit = AlertRuleJson.AGE_UNITS.get(f.value());
                Instant cutoff = facts.now().minus(Duration.ofMinutes(unit * f.number()));
                yield "older".equals(f.match()) ? facts.firstSeen().isBefore(cutoff) : facts.firstSeen().isAfter(cutoff);
            }
            case ISSUE_OCCURRENCES -> facts.timesSeen() > f.number();
            case ASSIGNED_TO -> switch (f.targetType()) {
                case "Unassigned" -> facts.assigneeEmail() == null && facts.assigneeTeamId() == null;
                case "Member" -> f.target().equalsIgnoreCase(facts.assigneeEmail() == null ? "" : facts.assigneeEmail());
                default -> facts.assigneeTeamId() != null && Long.toString(facts.assigneeTeamId()).equals(f.target());
            };
            case OWNED_BY -> "Member".equals(f.targetType())
                    ? facts.ownerEmails().stream().anyMatch(e -> e.equalsIgnoreCase(f.target()))
                    : facts.ownerTeamIds().contains(Long.parseLong(f.target()));
            case MONITOR -> true;
        };
        reasons.add((passes ? "filter passes: " : "filter fails: ") + describe(f));
        return passes;
    }

    /** Sentry's match types: eq, ne, co (contains), nc, sw (starts with), ew (ends with), is (set), ns (not set). */
    static boolean matches(String match, String actual, String expected) {
        if ("is".equals(match)) {
            return actual != null && !actual.isEmpty();
        }
        if ("ns".equals(match)) {
            return actual == null || actual.isEmpty();
        }
        if (actual == null) {
            return "ne".equals(match) || "nc".equals(match);
        }
        String a = actual.toLowerCase(Locale.ROOT);
        String e = expected == null ? "" : expected.toLowerCase(Locale.ROOT);
        return switch (match) {
            case "eq" -> a.equals(e);
            case "ne" -> !a.equals(e);
            case "co" -> a.contains(e);
            case "nc" -> !a.contains(e);
            case "sw" -> a.startsWith(e);
            case "ew" -> a.endsWith(e);
            default -> false;
        };
    }

    static String describe(Filter f) {
        return switch (f.kind()) {
            case LEVEL -> "level " + f.match() + " " + f.value();
            case LATEST_RELEASE -> "release is the latest";
            case TAGGED_EVENT -> "tag " + f.key() + " " + f.match() + (f.value() == null ? "" : " " + f.value());
            case EVENT_ATTRIBUTE -> "attribute " + f.key() + " " + f.match() + (f.value() == null ? "" : " " + f.value());
            case AGE_COMPARISON -> "issue " + f.match() + " than " + f.number() + " " + f.value() + (f.number() == 1 ? "" : "s");
            case ISSUE_OCCURRENCES -> "seen more than " + f.number() + " times";
            case ASSIGNED_TO -> "assigned to " + ("Unassigned".equals(f.targetType()) ? "nobody" : f.targetType().toLowerCase(Locale.ROOT) + " " + f.target());
            case OWNED_BY -> "owned by " + f.targetType().toLowerCase(Locale.ROOT) + " " + f.target();
            case MONITOR -> "monitor " + f.key() + " " + f.match() + (f.value() == null ? "" : " " + f.value());
        };
    }
}
