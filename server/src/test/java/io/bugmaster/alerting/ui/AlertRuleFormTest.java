package io.bugmaster.alerting.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.alerting.AlertRuleDefinition;
import io.bugmaster.alerting.AlertRuleJson;
import io.bugmaster.alerting.AlertRuleSettings;
import io.bugmaster.alerting.ui.AlertRulePages.Form;
import io.bugmaster.common.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert rule form builds its rule directly; each is the rule the API makes of the Sentry-style
 * body the form used to build and parse back (given here as it was built), so the pages save what
 * they saved before, and a mistake gets the message it got before.
 */
class AlertRuleFormTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An organization with project shop (11), team payments (7), channel 3 and member jane@example.com. */
    private static final AlertRuleJson.Lookup ORG = new AlertRuleJson.Lookup() {
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

    private static Form form(String scopeType, List<String> projects, String team, List<String> triggers, String eventCount,
            String userCount, String environment, String level, int frequency, List<String> channels, boolean assignee, boolean owners,
            String emailTeam, String members) {
        return new Form("prod <i>errors</i> ", true, scopeType, projects, team, triggers, eventCount, "1h", userCount, "1d",
                environment, level, frequency, channels, assignee, owners, emailTeam, members, "");
    }

    private static AlertRuleSettings fromForm(Form form, AlertRuleSettings current) {
        return AlertRulePages.settings(form, current == null ? null : current.definition()).checked(current, ORG);
    }

    private static AlertRuleSettings fromApi(String body, AlertRuleSettings current) {
        return AlertRuleJson.parse(JSON.readTree(body), ORG, null, current);
    }

    @Test
    void aNewRuleFromTheFormIsTheRuleOfItsApiBody() {
        Form simple = form("organization", List.of(), "", List.of("first_seen_event", "regression_event"), "", "", "production",
                "error", 60, List.of("3"), false, true, "", "");
        assertThat(fromForm(simple, null)).isEqualTo(fromApi("""
                {"name": "prod <i>errors</i> ", "enabled": true, "scope": {"type": "organization"},
                 "conditions": [{"id": "first_seen_event"}, {"id": "regression_event"}], "actionMatch": "any",
                 "filters": [{"id": "level", "match": "gte", "level": "error"}],
                 "actions": [{"id": "notify_channel", "channel": "3"}, {"id": "notify_email", "targetType": "IssueOwners"}],
                 "frequency": 60, "environment": "production"}""", null));

        Form everything = form("projects", List.of("11"), "", List.of("escalating_event"), " 100 ", "5", " staging ", "", 1440,
                List.of("3"), true, false, "7", "Jane@example.com, jane@example.com,");
        AlertRuleSettings built = fromForm(everything, null);
        assertThat(built).isEqualTo(fromApi("""
                {"name": "prod <i>errors</i> ", "enabled": true, "scope": {"type": "projects", "projects": ["shop"]},
                 "conditions": [{"id": "escalating_event"}, {"id": "event_frequency", "value": "100", "interval": "1h"},
                                {"id": "event_unique_user_frequency", "value": "5", "interval": "1d"}],
                 "actionMatch": "any", "filters": [],
                 "actions": [{"id": "notify_channel", "channel": "3"}, {"id": "notify_email", "targetType": "Assignee"},
                             {"id": "notify_email", "targetType": "Team", "targetIdentifier": "payments"},
                             {"id": "notify_email", "targetType": "Member", "targetIdentifier": "Jane@example.com, jane@example.com,"}],
                 "frequency": 1440, "environment": " staging "}""", null));
        assertThat(built.name()).isEqualTo("prod <i>errors</i>");
        assertThat(built.definition().environment()).isEqualTo("staging");
        assertThat(built.definition().actions().get(3).emails()).containsExactly("jane@example.com");

        Form team = form("team", List.of(), "7", List.of("snooze_expired_event"), "", "", "", "", 30, List.of(), true, false, "", "");
        assertThat(fromForm(team, null)).isEqualTo(fromApi("""
                {"name": "prod <i>errors</i> ", "enabled": true, "scope": {"type": "team", "team": "payments"},
                 "conditions": [{"id": "snooze_expired_event"}], "actionMatch": "any", "filters": [],
                 "actions": [{"id": "notify_email", "targetType": "Assignee"}], "frequency": 30, "environment": null}""", null));
    }

    @Test
    void anEditKeepsWhatOnlyTheApiSetsAsTheApiBodyDid() {
        AlertRuleSettings saved = fromApi("""
                {"name": "old", "enabled": true, "scope": {"type": "organization"}, "conditions": [{"id": "first_seen_event"}],
                 "actionMatch": "all", "filterMatch": "any",
                 "filters": [{"id": "level", "match": "eq", "level": "fatal"},
                             {"id": "tagged_event", "key": "browser", "match": "co", "value": "Firefox"},
                             {"id": "owned_by", "targetType": "Team", "targetIdentifier": "payments"}],
                 "actions": [{"id": "page_service", "service": "checkout"}, {"id": "notify_channel", "channel": 3}]}""", null);
        Form edited = form("organization", List.of(), "", List.of("regression_event"), "", "", "", "warning", 30, List.of("3"), false,
                false, "", "");
        // the body the form used to send: its fields, then the saved rule's other filters and paging actions as the API shows them
        AlertRuleSettings before = fromApi("""
                {"name": "prod <i>errors</i> ", "enabled": true, "scope": {"type": "organization"},
                 "conditions": [{"id": "regression_event"}], "actionMatch": "any",
                 "filters": [{"id": "level", "match": "gte", "level": "warning"},
                             {"id": "tagged_event", "key": "browser", "match": "co", "value": "Firefox"},
                             {"id": "owned_by", "targetType": "Team", "targetIdentifier": "payments"}],
                 "actions": [{"id": "notify_channel", "channel": "3"}, {"id": "page_service", "service": "checkout"}],
                 "filterMatch": "any", "frequency": 30, "environment": null}""", saved);
        assertThat(fromForm(edited, saved)).isEqualTo(before);
        assertThat(before.definition().filterMatch()).isEqualTo(AlertRuleDefinition.Match.ANY);
    }

    @Test
    void aMistakeInTheFormGetsTheMessageItsApiBodyGot() {
        String rest = "\"enabled\": true, \"actionMatch\": \"any\", \"filters\": [], \"frequency\": 30, \"environment\": null";
        assertSameError(form("organization", List.of(), "", List.of(), "", "", "", "", 30, List.of("3"), false, false, "", ""),
                "{\"name\": \"x\", \"scope\": {\"type\": \"organization\"}, \"conditions\": [], "
                        + "\"actions\": [{\"id\": \"notify_channel\", \"channel\": \"3\"}], " + rest + "}",
                "conditions: at least one trigger is required");
        assertSameError(form("organization", List.of(), "", List.of("first_seen_event"), "", "", "", "", 30, List.of(), false, false,
                        "", ""),
                "{\"name\": \"x\", \"scope\": {\"type\": \"organization\"}, \"conditions\": [{\"id\": \"first_seen_event\"}], "
                        + "\"actions\": [], " + rest + "}",
                "actions: at least one action is required");
        assertSameError(form("projects", List.of(), "", List.of("first_seen_event"), "", "", "", "", 30, List.of("3"), false, false,
                        "", ""),
                "{\"name\": \"x\", \"scope\": {\"type\": \"projects\", \"projects\": []}, \"conditions\": [{\"id\": \"first_seen_event\"}], "
                        + "\"actions\": [{\"id\": \"notify_channel\", \"channel\": \"3\"}], " + rest + "}",
                "scope.projects: must list at least one project slug");
        // a channel of another organization, sent by hand
        assertSameError(form("organization", List.of(), "", List.of("first_seen_event"), "", "", "", "", 30, List.of("4"), false,
                        false, "", ""),
                "{\"name\": \"x\", \"scope\": {\"type\": \"organization\"}, \"conditions\": [{\"id\": \"first_seen_event\"}], "
                        + "\"actions\": [{\"id\": \"notify_channel\", \"channel\": \"4\"}], " + rest + "}",
                "actions[0].channel: must be the id of a notification channel of this organization");
        assertSameError(form("organization", List.of(), "", List.of("first_seen_event"), "0", "", "", "", 30, List.of("3"), false,
                        false, "", ""),
                "{\"name\": \"x\", \"scope\": {\"type\": \"organization\"}, \"conditions\": [{\"id\": \"first_seen_event\"}, "
                        + "{\"id\": \"event_frequency\", \"value\": \"0\", \"interval\": \"1h\"}], "
                        + "\"actions\": [{\"id\": \"notify_channel\", \"channel\": \"3\"}], " + rest + "}",
                "conditions[1].value: must be a count from 1 to 1000000000");
        assertSameError(form("organization", List.of(), "", List.of("first_seen_event"), "", "", "", "", 30, List.of("3"), false,
                        false, "", "bob@example.com"),
                "{\"name\": \"x\", \"scope\": {\"type\": \"organization\"}, \"conditions\": [{\"id\": \"first_seen_event\"}], "
                        + "\"actions\": [{\"id\": \"notify_channel\", \"channel\": \"3\"}, {\"id\": \"notify_email\", "
                        + "\"targetType\": \"Member\", \"targetIdentifier\": \"bob@example.com\"}], " + rest + "}",
                "actions[1].targetIdentifier: 'bob@example.com' is not a member of this organization");
        assertSameError(form("organization", List.of(), "", List.of("first_seen_event"), "", "", "e".repeat(65), "", 30, List.of("3"),
                        false, false, "", ""),
                "{\"name\": \"x\", \"scope\": {\"type\": \"organization\"}, \"conditions\": [{\"id\": \"first_seen_event\"}], "
                        + "\"actions\": [{\"id\": \"notify_channel\", \"channel\": \"3\"}], \"enabled\": true, \"actionMatch\": \"any\", "
                        + "\"filters\": [], \"frequency\": 30, \"environment\": \"" + "e".repeat(65) + "\"}",
                "environment: must be an environment name");
        assertSameError(form("organization", List.of(), "", List.of("first_seen_event"), "", "", "", "", 3, List.of("3"), false,
                        false, "", ""),
                "{\"name\": \"x\", \"scope\": {\"type\": \"organization\"}, \"conditions\": [{\"id\": \"first_seen_event\"}], "
                        + "\"actions\": [{\"id\": \"notify_channel\", \"channel\": \"3\"}], \"enabled\": true, \"actionMatch\": \"any\", "
                        + "\"filters\": [], \"frequency\": 3, \"environment\": null}",
                "frequency: must be one of");
    }

    private static void assertSameError(Form form, String body, String message) {
        assertThatThrownBy(() -> fromApi(body, null)).isInstanceOf(InvalidInputException.class).hasMessageStartingWith(message);
        assertThatThrownBy(() -> fromForm(form, null)).isInstanceOf(InvalidInputException.class).hasMessageStartingWith(message);
    }
}
