package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.alerting.AlertEvaluator.Facts;
import io.bugmaster.alerting.AlertRuleDefinition.Action;
import io.bugmaster.alerting.AlertRuleDefinition.Condition;
import io.bugmaster.alerting.AlertRuleDefinition.Filter;
import io.bugmaster.alerting.AlertRuleDefinition.FilterKind;
import io.bugmaster.alerting.AlertRuleDefinition.Interval;
import io.bugmaster.alerting.AlertRuleDefinition.Match;
import io.bugmaster.alerting.AlertRuleDefinition.Scope;
import io.bugmaster.alerting.AlertRuleDefinition.Trigger;
import io.bugmaster.common.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** The evaluator and the rule JSON, without a database: a fixed time, facts built by hand. */
class AlertEvaluatorTest {
    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");

    static AlertRuleDefinition rule(List<Condition> conditions, Match actionMatch, List<Filter> filters, Match filterMatch,
            String environment) {
        return new AlertRuleDefinition(Scope.organization(), conditions, actionMatch, filters, filterMatch,
                List.of(Action.channel(1)), environment, 30);
    }

    static AlertRuleDefinition onNew(String environment, Filter... filters) {
        return rule(List.of(Condition.of(Trigger.NEW_ISSUE)), Match.ANY, List.of(filters), Match.ALL, environment);
    }

    static Facts facts(String topic) {
        return new Facts(topic, "production", "error", "shop@1.2.0", "shop@1.2.0", Map.of("browser", "Firefox 120"),
                Map.of("type", "CardDeclined", "platform", "java"), NOW.minus(Duration.ofHours(2)), 42, "jane@example.com", null,
                Set.of("jane@example.com"), Set.of(7L), Map.of(Interval.M1, 5L), Map.of(Interval.H1, 3L), null, NOW);
    }

    static Facts with(UnaryOperator<Facts> change) {
        return change.apply(facts("issue.new"));
    }

    static Filter filter(FilterKind kind, String key, String match, String value, Long number, String targetType, String target) {
        return new Filter(kind, key, match, value, number, targetType, target);
    }

    static Stream<Arguments> cases() {
        Facts f = facts("issue.new");
        return Stream.of(
                Arguments.of("new issue, any environment", onNew(null), f, true),
                Arguments.of("new issue in production, production rule", onNew("production"), f, true),
                Arguments.of("staging event, production rule", onNew("production"), with(x -> new Facts(x.topic(), "staging",
                        x.level(), x.release(), x.latestRelease(), x.tags(), x.attributes(), x.firstSeen(), x.timesSeen(),
                        x.assigneeEmail(), x.assigneeTeamId(), x.ownerEmails(), x.ownerTeamIds(), x.events(), x.users(),
                        x.lastFiredAt(), x.now())), false),
                Arguments.of("regression signal, new-issue rule", onNew(null), facts("issue.regression"), false),
                Arguments.of("regression signal, new or regression rule", rule(List.of(Condition.of(Trigger.NEW_ISSUE),
                        Condition.of(Trigger.REGRESSION)), Match.ANY, List.of(), Match.ALL, null), facts("issue.regression"), true),
                Arguments.of("all triggers must hold", rule(List.of(Condition.of(Trigger.NEW_ISSUE),
                        Condition.of(Trigger.REGRESSION)), Match.ALL, List.of(), Match.ALL, null), f, false),
                Arguments.of("escalating", rule(List.of(Condition.of(Trigger.ESCALATING)), Match.ANY, List.of(), Match.ALL, null),
                        facts("issue.escalating"), true),
                Arguments.of("snooze expired", rule(List.of(Condition.of(Trigger.SNOOZE_EXPIRED)), Match.ANY, List.of(), Match.ALL,
                        null), facts("issue.snooze_expired"), true),
                Arguments.of("5 events in 1m > 4", rule(List.of(new Condition(Trigger.EVENT_FREQUENCY, 4L, Interval.M1)),
                        Match.ANY, List.of(), Match.ALL, null), facts(null), true),
                Arguments.of("5 events in 1m is not > 5", rule(List.of(new Condition(Trigger.EVENT_FREQUENCY, 5L, Interval.M1)),
                        Match.ANY, List.of(), Match.ALL, null), facts(null), false),
                Arguments.of("3 users in 1h > 2", rule(List.of(new Condition(Trigger.USER_FREQUENCY, 2L, Interval.H1)),
                        Match.ANY, List.of(), Match.ALL, null), facts(null), true),
                Arguments.of("unknown count never fires", rule(List.of(new Condition(Trigger.USER_FREQUENCY, 0L, Interval.W1)),
                        Match.ANY, List.of(), Match.ALL, null), facts(null), false),
                Arguments.of("level gte warning, error", onNew(null, filter(FilterKind.LEVEL, null, "gte", "warning", null, null, null)),
                        f, true),
                Arguments.of("level gte fatal, error", onNew(null, filter(FilterKind.LEVEL, null, "gte", "fatal", null, null, null)),
                        f, false),
                Arguments.of("level eq error", onNew(null, filter(FilterKind.LEVEL, null, "eq", "error", null, null, null)), f, true),
                Arguments.of("latest release", onNew(null, filter(FilterKind.LATEST_RELEASE, null, null, null, null, null, null)),
                        f, true),
                Arguments.of("tag contains", onNew(null, filter(FilterKind.TAGGED_EVENT, "browser", "co", "firefox", null, null,
                        null)), f, true),
                Arguments.of("tag equals other", onNew(null, filter(FilterKind.TAGGED_EVENT, "browser", "eq", "Chrome", null, null,
                        null)), f, false),
                Arguments.of("tag not set", onNew(null, filter(FilterKind.TAGGED_EVENT, "os", "ns", null, null, null, null)), f, true),
                Arguments.of("attribute type", onNew(null, filter(FilterKind.EVENT_ATTRIBUTE, "type", "eq", "CardDeclined", null,
                        null, null)), f, true),
                Arguments.of("older than 1 hour", onNew(null, filter(FilterKind.AGE_COMPARISON, null, "older", "hour", 1L, null,
                        null)), f, true),
                Arguments.of("newer than 1 hour", onNew(null, filter(FilterKind.AGE_COMPARISON, null, "newer", "hour", 1L, null,
                        null)), f, false),
                Arguments.of("seen more than 41 times", onNew(null, filter(FilterKind.ISSUE_OCCURRENCES, null, null, null, 41L, null,
                        null)), f, true),
                Arguments.of("seen more than 42 times", onNew(null, filter(FilterKind.ISSUE_OCCURRENCES, null, null, null, 42L, null,
                        null)), f, false),
                Arguments.of("assigned to jane", onNew(null, filter(FilterKind.ASSIGNED_TO, null, null, null, null, "Member",
                        "JANE@example.com")), f, true),
                Arguments.of("unassigned", onNew(null, filter(FilterKind.ASSIGNED_TO, null, null, null, null, "Unassigned", null)),
                        f, false),
                Arguments.of("owned by team 7", onNew(null, filter(FilterKind.OWNED_BY, null, null, null, null, "Team", "7")), f, true),
                Arguments.of("owned by team 8", onNew(null, filter(FilterKind.OWNED_BY, null, null, null, null, "Team", "8")), f, false),
                Arguments.of("any filter may pass", rule(List.of(Condition.of(Trigger.NEW_ISSUE)), Match.ANY, List.of(
                        filter(FilterKind.LEVEL, null, "eq", "fatal", null, null, null),
                        filter(FilterKind.TAGGED_EVENT, "browser", "sw", "Fire", null, null, null)), Match.ANY, null), f, true),
                Arguments.of("no filter may pass", rule(List.of(Condition.of(Trigger.NEW_ISSUE)), Match.ANY, List.of(
                        filter(FilterKind.LEVEL, null, "eq", "fatal", null, null, null)), Match.NONE, null), f, true),
                Arguments.of("fired 10 minutes ago, 30 minute interval", onNew(null), with(x -> new Facts(x.topic(), x.environment(),
                        x.level(), x.release(), x.latestRelease(), x.tags(), x.attributes(), x.firstSeen(), x.timesSeen(),
                        x.assigneeEmail(), x.assigneeTeamId(), x.ownerEmails(), x.ownerTeamIds(), x.events(), x.users(),
                        NOW.minus(Duration.ofMinutes(10)), x.now())), false),
                Arguments.of("fired 30 minutes ago, 30 minute interval", onNew(null), with(x -> new Facts(x.topic(), x.environment(),
                        x.level(), x.release(), x.latestRelease(), x.tags(), x.attributes(), x.firstSeen(), x.timesSeen(),
                        x.assigneeEmail(), x.assigneeTeamId(), x.ownerEmails(), x.ownerTeamIds(), x.events(), x.users(),
                        NOW.minus(Duration.ofMinutes(30)), x.now())), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, AlertRuleDefinition rule, Facts facts, boolean fires) {
        AlertEvaluator.Decision decision = AlertEvaluator.evaluate(rule, facts);
        assertThat(decision.fire()).as(decision.reasons().toString()).isEqualTo(fires);
        assertThat(decision.reasons()).isNotEmpty();
    }

    @Test
    void reasonsSayWhy() {
        AlertEvaluator.Decision staging = AlertEvaluator.evaluate(onNew("production"), new Facts("issue.new", "staging", "error",
                null, null, null, null, NOW, 1, null, null, null, null, null, null, null, NOW));
        assertThat(staging.reasons()).containsExactly("environment is 'staging', the rule wants 'production'");
        AlertEvaluator.Decision throttled = AlertEvaluator.evaluate(onNew(null), new Facts("issue.new", null, "error", null, null,
                null, null, NOW, 1, null, null, null, null, null, null, NOW.minusSeconds(60), NOW));
        assertThat(throttled.reasons()).last().asString().startsWith("throttled");
    }

    // --- the JSON ---

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final AlertRuleJson.Lookup LOOKUP = new AlertRuleJson.Lookup() {
        @Override
        public Optional<Long> projectId(String slug) {
            return slug.equals("shop") ? Optional.of(11L) : Optional.empty();
        }

        @Override
        public Optional<Long> teamId(String slug) {
            return slug.equals("payments") ? Optional.of(7L) : Optional.empty();
        }

        @Override
        public boolean projectExists(long projectId) {
            return projectId == 11;
        }

        @Override
        public boolean teamExists(long teamId) {
            return teamId == 7;
        }

        @Override
        public boolean channelExists(long channelId) {
            return channelId == 3;
        }

        @Override
        public boolean isMember(String email) {
            return email.equalsIgnoreCase("jane@example.com");
        }

        @Override
        public Optional<Long> serviceId(String name) {
            return name.equals("checkout") ? Optional.of(5L) : Optional.empty();
        }

        @Override
        public boolean serviceExists(long serviceId) {
            return serviceId == 5;
        }
    };

    static final AlertRuleJson.Names NAMES = new AlertRuleJson.Names() {
        @Override
        public String projectSlug(long projectId) {
            return "shop";
        }

        @Override
        public String teamSlug(long teamId) {
            return "payments";
        }

        @Override
        public String serviceName(long serviceId) {
            return "checkout";
        }
    };

    static AlertRuleSettings parse(String json) {
        return AlertRuleJson.parse(JSON.readTree(json), LOOKUP, null, null);
    }

    @Test
    void aRuleRoundTripsThroughTheApiJsonAndStorage() {
        String json = """
                {"name": "prod to slack", "environment": "production", "frequency": 60, "actionMatch": "any", "filterMatch": "all",
                 "scope": {"type": "team", "team": "payments"},
                 "conditions": [{"id": "first_seen_event"}, {"id": "event_frequency", "value": "100", "interval": "1h"}],
                 "filters": [{"id": "sentry.rules.filters.level.LevelFilter", "match": "gte", "level": "ERROR"},
                             {"id": "owned_by", "targetType": "Team", "targetIdentifier": "payments"}],
                 "actions": [{"id": "notify_channel", "channel": 3},
                             {"id": "notify_email", "targetType": "Member", "targetIdentifier": "Jane@example.com"},
                             {"id": "page_service", "service": "checkout"}]}""";
        AlertRuleSettings parsed = parse(json);
        AlertRuleDefinition d = parsed.definition();
        assertThat(d.scope()).isEqualTo(Scope.team(7));
        assertThat(d.conditions().get(1)).isEqualTo(new Condition(Trigger.EVENT_FREQUENCY, 100L, Interval.H1));
        assertThat(d.filters().get(0).value()).isEqualTo("error");
        assertThat(d.actions().get(1).emails()).containsExactly("jane@example.com");
        assertThat(AlertRuleJson.load(AlertRuleJson.store(d))).isEqualTo(d);

        var rendered = AlertRuleJson.render(d, NAMES);
        assertThat(rendered.path("scope").path("team").asString()).isEqualTo("payments");
        assertThat(rendered.path("filters").get(1).path("targetIdentifier").asString()).isEqualTo("payments");
        assertThat(AlertRuleJson.parse(rendered.put("name", "again"), LOOKUP, null, null).definition()).isEqualTo(d);
    }

    static Stream<Arguments> invalid() {
        String base = "\"name\": \"x\", \"conditions\": [{\"id\": \"first_seen_event\"}], "
                + "\"actions\": [{\"id\": \"notify_channel\", \"channel\": \"3\"}]";
        return Stream.of(
                Arguments.of("{\"conditions\": [{\"id\": \"first_seen_event\"}]}", "name:"),
                Arguments.of("{\"name\": \"x\", \"actions\": [{\"id\": \"notify_channel\", \"channel\": \"3\"}]}", "conditions:"),
                Arguments.of("{" + base + ", \"frequency\": 3}", "frequency:"),
                Arguments.of("{" + base + ", \"actionMatch\": \"some\"}", "actionMatch:"),
                Arguments.of("{" + base + ", \"scope\": {\"type\": \"projects\", \"projects\": [\"nope\"]}}", "scope.projects:"),
                Arguments.of("{" + base + ", \"scope\": {\"type\": \"team\", \"team\": \"nope\"}}", "scope.team:"),
                Arguments.of("{\"name\": \"x\", \"conditions\": [{\"id\": \"first_seen_event\"}], "
                        + "\"actions\": [{\"id\": \"notify_channel\", \"channel\": \"4\"}]}", "actions[0].channel:"),
                Arguments.of("{\"name\": \"x\", \"conditions\": [{\"id\": \"event_frequency\", \"value\": 0, \"interval\": \"1m\"}], "
                        + "\"actions\": [{\"id\": \"notify_channel\", \"channel\": \"3\"}]}", "conditions[0].value:"),
                Arguments.of("{\"name\": \"x\", \"conditions\": [{\"id\": \"on_tuesdays\"}], "
                        + "\"actions\": [{\"id\": \"notify_channel\", \"channel\": \"3\"}]}", "conditions[0].id:"),
                Arguments.of("{" + base + ", \"filters\": [{\"id\": \"level\", \"level\": \"loud\"}]}", "filters[0].level:"),
                Arguments.of("{" + base + ", \"filters\": [{\"id\": \"event_attribute\", \"attribute\": \"colour\", \"match\": \"eq\", "
                        + "\"value\": \"red\"}]}", "filters[0].attribute:"),
                Arguments.of("{" + base + ", \"filters\": [{\"id\": \"assigned_to\", \"targetType\": \"Member\", "
                        + "\"targetIdentifier\": \"bob@example.com\"}]}", "filters[0].targetIdentifier:"),
                Arguments.of("{\"name\": \"x\", \"conditions\": [{\"id\": \"first_seen_event\"}], "
                        + "\"actions\": [{\"id\": \"notify_email\", \"targetType\": \"Everyone\"}]}", "actions[0].targetType:"),
                Arguments.of("{\"name\": \"x\", \"conditions\": [{\"id\": \"first_seen_event\"}], "
                        + "\"actions\": [{\"id\": \"page_service\"}]}", "actions[0].service_id:"),
                Arguments.of("{\"name\": \"x\", \"conditions\": [{\"id\": \"first_seen_event\"}], "
                        + "\"actions\": [{\"id\": \"page_service\", \"service\": \"billing\"}]}", "actions[0].service:"),
                Arguments.of("{\"name\": \"x\", \"conditions\": [{\"id\": \"first_seen_event\"}], "
                        + "\"actions\": [{\"id\": \"page_service\", \"service_id\": \"6\"}]}", "actions[0].service_id:"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void invalidRulesNameTheField(String json, String field) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidInputException.class).hasMessageStartingWith(field);
    }

    @Test
    void anUpdateChecksTheIdsItSendsAndKeepsThoseItLeavesOut() {
        // saved while channel 9 and team 8 existed; both are gone now
        AlertRuleSettings saved = new AlertRuleSettings("x", true, new AlertRuleDefinition(Scope.team(8),
                List.of(Condition.of(Trigger.NEW_ISSUE)), AlertRuleDefinition.Match.ANY, List.of(), AlertRuleDefinition.Match.ALL,
                List.of(AlertRuleDefinition.Action.channel(9)), null, 30));
        assertThat(AlertRuleJson.parse(JSON.readTree("{\"name\": \"y\"}"), LOOKUP, null, saved).definition().actions())
                .isEqualTo(saved.definition().actions());
        assertThatThrownBy(() -> AlertRuleJson.parse(JSON.readTree("{\"actions\": [{\"id\": \"notify_channel\", \"channel\": 9}]}"),
                LOOKUP, null, saved)).hasMessageStartingWith("actions[0].channel:");
        assertThatThrownBy(() -> saved.checked(null, LOOKUP)).hasMessageStartingWith("scope.team:");
        assertThat(saved.checked(saved, LOOKUP)).isEqualTo(saved);
    }

    @Test
    void aPartialUpdateKeepsWhatWasLeftOut() {
        AlertRuleSettings current = parse("{\"name\": \"x\", \"environment\": \"production\", \"conditions\": "
                + "[{\"id\": \"regression_event\"}], \"actions\": [{\"id\": \"notify_email\", \"targetType\": \"IssueOwners\"}]}");
        AlertRuleSettings changed = AlertRuleJson.parse(JSON.readTree("{\"status\": \"disabled\", \"frequency\": 1440}"), LOOKUP,
                null, current);
        assertThat(changed.enabled()).isFalse();
        assertThat(changed.definition().frequencyMinutes()).isEqualTo(1440);
        assertThat(changed.definition().environment()).isEqualTo("production");
        assertThat(changed.definition().conditions()).isEqualTo(current.definition().conditions());
    }

    @Test
    void monitorsAreSeenOnlyByRulesWithAMonitorTriggerThroughTheMonitorFilterAlone() {
        AlertEvaluator.MonitorFacts failing = new AlertEvaluator.MonitorFacts("monitor.failing", "nightly-report", "cron");
        Filter slug = filter(FilterKind.MONITOR, "slug", "eq", "nightly-report", null, null, null);
        Filter level = filter(FilterKind.LEVEL, null, "gte", "fatal", null, null, null);
        // the level filter is about issues: it neither stops a monitor nor is needed to pass
        AlertRuleDefinition jobs = rule(List.of(Condition.of(Trigger.MONITOR_FAILING), Condition.of(Trigger.NEW_ISSUE)), Match.ANY,
                List.of(slug, level), Match.ALL, "production");
        assertThat(AlertEvaluator.evaluateMonitor(jobs, failing).fire()).isTrue();
        assertThat(AlertEvaluator.evaluateMonitor(jobs, new AlertEvaluator.MonitorFacts("monitor.failing", "other", "cron")).fire())
                .isFalse();
        assertThat(AlertEvaluator.evaluateMonitor(jobs, new AlertEvaluator.MonitorFacts("monitor.down", "nightly-report", "cron"))
                .fire()).isFalse();
        // and the monitor filter is about monitors: an issue passes by it
        assertThat(AlertEvaluator.evaluate(jobs, new Facts("issue.new", "production", "fatal", null, null, null, null, null, 0,
                null, null, null, null, null, null, null, NOW)).fire()).isTrue();
        // a rule without a monitor trigger never fires for a monitor, even one whose match is "none"
        AlertRuleDefinition none = rule(List.of(Condition.of(Trigger.REGRESSION)), Match.NONE, List.of(), Match.ALL, null);
        assertThat(AlertEvaluator.evaluateMonitor(none, failing).fire()).isFalse();
        assertThat(AlertEvaluator.evaluateMonitor(rule(List.of(Condition.of(Trigger.MONITOR_RECOVERED)), Match.ANY,
                List.of(filter(FilterKind.MONITOR, "kind", "ne", "cron", null, null, null)), Match.ALL, null), failing).fire()).isFalse();
    }
}
