package io.bugmaster.alerting;

import io.bugmaster.common.PureLogic;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an alert rule says, apart from its name and owner: where it looks (scope), when it fires
 * (conditions, the triggers), what must also be true (filters), what it does (actions) and how
 * often at most per issue (the action interval, {@code frequencyMinutes}). Ids in it (projects, team,
 * channels) were checked against the rule's organization when it was saved.
 */
@PureLogic
public record AlertRuleDefinition(
        Scope scope,
        List<Condition> conditions,
        Match actionMatch,
        List<Filter> filters,
        Match filterMatch,
        List<Action> actions,
        String environment,
        int frequencyMinutes) {

    public AlertRuleDefinition {
        conditions = List.copyOf(conditions);
        filters = List.copyOf(filters);
        actions = List.copyOf(actions);
    }

    /** The action intervals a rule may have, in minutes (5 minutes to a week, as Sentry offers). */
    public static final List<Integer> FREQUENCIES = List.of(5, 10, 30, 60, 180, 720, 1440, 10080);

    public boolean hasFrequencyConditions() {
        return conditions.stream().anyMatch(c -> c.trigger().frequency());
    }

    /** Has a trigger on an issue's signals (a new issue, a regression...). */
    public boolean hasSignalConditions() {
        return conditions.stream().anyMatch(c -> !c.trigger().frequency() && !c.trigger().monitor());
    }

    /** Has a trigger on a monitor's signals: only such a rule looks at monitors. */
    public boolean hasMonitorConditions() {
        return conditions.stream().anyMatch(c -> c.trigger().monitor());
    }

    /** all: every one must hold; any: at least one; none: not one. */
    public enum Match {
        ALL, ANY, NONE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Match> parse(String value) {
            for (Match m : values()) {
                if (m.id().equals(value)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /** Which projects' signals a rule looks at. {@code ORGANIZATION} includes projects created later. */
    public record Scope(ScopeType type, List<Long> projectIds, Long teamId) {
        public Scope {
            projectIds = projectIds == null ? List.of() : List.copyOf(projectIds);
        }

        public static Scope organization() {
            return new Scope(ScopeType.ORGANIZATION, List.of(), null);
        }

        public static Scope projects(List<Long> ids) {
            return new Scope(ScopeType.PROJECTS, ids, null);
        }

        public static Scope team(long teamId) {
            return new Scope(ScopeType.TEAM, List.of(), teamId);
        }
    }

    public enum ScopeType {
        ORGANIZATION, PROJECTS, TEAM;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A trigger: a signal from the digest, or a count of events or users within an interval. */
    public enum Trigger {
        NEW_ISSUE("first_seen_event", "issue.new", "a new issue is created"),
        REGRESSION("regression_event", "issue.regression", "a resolved issue comes back (regression)"),
        ESCALATING("escalating_event", "issue.escalating", "an archived issue escalates"),
        SNOOZE_EXPIRED("snooze_expired_event", "issue.snooze_expired", "a snoozed issue wakes up"),
        EVENT_FREQUENCY("event_frequency", null, "an issue has more than N events in an interval"),
        USER_FREQUENCY("event_unique_user_frequency", null, "an issue is seen by more than N users in an interval"),
        MONITOR_DOWN("monitor_down", "monitor.down", "a monitor misses a check-in or a run times out"),
        MONITOR_FAILING("monitor_failing", "monitor.failing", "a monitor's job fails or its check fires"),
        MONITOR_RECOVERED("monitor_recovered", "monitor.up", "a monitor that was down is up again");

        private final String id;
        private final String topic;
        private final String label;

        Trigger(String id, String topic, String label) {
            this.id = id;
            this.topic = topic;
            this.label = label;
        }

        public String id() {
            return id;
        }

        /** The signal kind of a signal trigger; null for the frequency triggers. */
        public String topic() {
            return topic;
        }

        public String label() {
            return label;
        }

        public boolean frequency() {
            return topic == null;
        }

        /** A trigger on a monitor's signals rather than an issue's. */
        public boolean monitor() {
            return topic != null && topic.startsWith("monitor.");
        }

        public static Optional<Trigger> parse(String id) {
            for (Trigger t : values()) {
                if (t.id.equals(id)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    public enum Interval {
        M1("1m", Duration.ofMinutes(1)),
        M5("5m", Duration.ofMinutes(5)),
        M15("15m", Duration.ofMinutes(15)),
        H1("1h", Duration.ofHours(1)),
        D1("1d", Duration.ofDays(1)),
        W1("1w", Duration.ofDays(7));

        private final String id;
        private final Duration duration;

        Interval(String id, Duration duration) {
            this.id = id;
            this.duration = duration;
        }

        public String id() {
            return id;
        }

        public Duration duration() {
            return duration;
        }

        public static Optional<Interval> parse(String id) {
            for (Interval i : values()) {
                if (i.id.equals(id)) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }
    }

    /** One trigger; {@code value} and {@code interval} only for the frequency triggers. */
    public record Condition(Trigger trigger, Long value, Interval interval) {
        public static Condition of(Trigger trigger) {
            return new Condition(trigger, null, null);
        }
    }

    public enum FilterKind {
        LEVEL("level"),
        LATEST_RELEASE("latest_release"),
        TAGGED_EVENT("tagged_event"),
        EVENT_ATTRIBUTE("event_attribute"),
        AGE_COMPARISON("age_comparison"),
        ISSUE_OCCURRENCES("issue_occurrences"),
        ASSIGNED_TO("assigned_to"),
        OWNED_BY("owned_by"),
        /** A monitor's slug or kind; applies to monitors' signals only, as the issue filters apply to issues' only. */
        MONITOR("monitor");

        private final String id;

        FilterKind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<FilterKind> parse(String id) {
            for (FilterKind k : values()) {
                if (k.id.equals(id)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One filter. Which fields matter depends on the kind:
     * level: {@code match} (eq, gte, lte) and {@code value} (a level name);
     * tagged_event / event_attribute: {@code key} (tag key or attribute), {@code match} (eq, ne, co, nc, sw, ew, is, ns), {@code value};
     * age_comparison: {@code match} (older, newer), {@code number} and {@code value} (minute, hour, day, week);
     * issue_occurrences: {@code number};
     * assigned_to: {@code targetType} (Unassigned, Member, Team) and {@code target} (email or team id);
     * owned_by: {@code targetType} (Member, Team) and {@code target};
     * monitor: {@code key} (slug or kind), {@code match} (as tagged_event) and {@code value}.
     */
    public record Filter(FilterKind kind, String key, String match, String value, Long number, String targetType,
            String target) {}

    public enum ActionKind {
        NOTIFY_CHANNEL("notify_channel"),
        NOTIFY_EMAIL("notify_email"),
        PAGE_SERVICE("page_service");

        private final String id;

        ActionKind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<ActionKind> parse(String id) {
            for (ActionKind k : values()) {
                if (k.id.equals(id)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** Whom an email action writes to. */
    public enum EmailTarget {
        ASSIGNEE("Assignee"), ISSUE_OWNERS("IssueOwners"), TEAM("Team"), MEMBER("Member");

        private final String id;

        EmailTarget(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<EmailTarget> parse(String id) {
            for (EmailTarget t : values()) {
                if (t.id.equals(id)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One action: notify a channel ({@code channelId}); email ({@code emailTarget}, plus {@code teamId}
     * for a team or {@code emails} for listed members); or page a service of the organization
     * ({@code serviceId}): an alert on it, keyed by the issue, that resolving the issue resolves.
     */
    public record Action(ActionKind kind, Long channelId, EmailTarget emailTarget, Long teamId, List<String> emails,
            Long serviceId) {
        public Action {
            emails = emails == null ? List.of() : List.copyOf(emails);
        }

        public static Action channel(long id) {
            return new Action(ActionKind.NOTIFY_CHANNEL, id, null, null, List.of(), null);
        }

        public static Action email(EmailTarget target) {
            return new Action(ActionKind.NOTIFY_EMAIL, null, target, null, List.of(), null);
        }
    }
}
