package io.bugmaster.issues.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ActivitySentenceTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static String of(String type, String data) {
        JsonNode node = JSON.readTree(data);
        return ActivitySentence.of(type, null, node);
    }

    @Test
    void aRegressionNamesTheReleaseThatReopenedTheIssue() {
        assertThat(of("set_regression", "{\"version\":\"shop@1.4.2\",\"resolved_in_version\":\"shop@1.4.1\",\"event_id\":\"e\"}"))
                .isEqualTo("Regressed in shop@1.4.2 (resolved in shop@1.4.1).");
        assertThat(of("set_regression", "{\"version\":\"shop@1.4.2\"}")).isEqualTo("Regressed in shop@1.4.2.");
        assertThat(of("set_regression", "{\"event_id\":\"e\"}")).isEqualTo("Regressed: an event arrived after it was resolved.");
        assertThat(of("set_regression", "{\"version\":{\"not\":\"text\"}}")).as("odd data is not trusted")
                .isEqualTo("Regressed: an event arrived after it was resolved.");
    }

    @Test
    void aChangeMadeThroughAnActionLinkSaysWhereTheLinkWasSent() {
        String via = "{\"via\":\"a Slack message to the channel “Ops”\"}";
        assertThat(of("set_resolved", via)).isEqualTo("Resolved through a link in a Slack message to the channel “Ops”.");
        assertThat(of("set_ignored", via)).isEqualTo("Ignored through a link in a Slack message to the channel “Ops”.");
        assertThat(ActivitySentence.of("set_resolved", 7L, JSON.readTree("{}"))).as("a person's change needs no sentence").isNull();
    }

    @Test
    void aPersonsChangeMadeFromSlackSaysSo() {
        assertThat(ActivitySentence.of("set_resolved", 7L, JSON.readTree("{\"via\":\"Slack\"}"))).isEqualTo("From Slack.");
    }

    @Test
    void aWakeUpSaysWhichConditionEndedTheIgnore() {
        assertThat(of("set_unresolved", "{\"reason\":\"ignoreUntil\",\"ignoreUntil\":1}"))
                .isEqualTo("Stopped ignoring: the time it was ignored for ran out.");
        assertThat(of("set_unresolved", "{\"reason\":\"ignoreCount\",\"ignoreCount\":100}"))
                .isEqualTo("Stopped ignoring: 100 more events arrived.");
        assertThat(of("set_unresolved", "{\"reason\":\"ignoreCount\",\"ignoreCount\":1,\"ignoreWindow\":60}"))
                .isEqualTo("Stopped ignoring: 1 more event arrived within 1 hour.");
        assertThat(of("set_unresolved", "{\"reason\":\"ignoreUserCount\",\"ignoreUserCount\":10,\"ignoreUserWindow\":1440}"))
                .isEqualTo("Stopped ignoring: 10 more users affected within 1 day.");
        assertThat(of("set_unresolved", "{\"reason\":\"ignoreUserCount\"}")).isEqualTo("Stopped ignoring: enough users affected.");
    }

    @Test
    void anEscalationGivesItsNumbers() {
        assertThat(of("set_escalating", "{\"reason\":\"40 events in the last hour; threshold 10 from 3 events in the 7 days before\"}"))
                .isEqualTo("Escalating: 40 events in the last hour; threshold 10 from 3 events in the 7 days before.");
    }

    @Test
    void anAssignmentToTheBugmasterSaysSoAndNamesTheRotation() {
        assertThat(of("assigned", "{\"assignee\":\"3\",\"assigneeType\":\"user\",\"assigneeEmail\":\"ann@example.com\","
                + "\"reason\":\"assigned to this week's bugmaster\",\"schedule\":\"Backend triage\",\"team\":\"backend\"}"))
                .isEqualTo("Assigned to this week's bugmaster, ann@example.com (on call on Backend triage): no ownership rule owns it.");
    }

    @Test
    void anAssignmentByOwnershipRuleNamesTheRule() {
        assertThat(of("assigned", "{\"assignee\":\"3\",\"assigneeType\":\"user\",\"assigneeEmail\":\"ann@example.com\","
                + "\"reason\":\"assigned by ownership rule\",\"rule\":\"module:com.acme.* ann@example.com\"}"))
                .isEqualTo("Assigned to ann@example.com by the ownership rule module:com.acme.* ann@example.com");
        assertThat(of("assigned", "{\"assignee\":\"4\",\"assigneeType\":\"team\",\"assigneeEmail\":\"\","
                + "\"rule\":\"url:*/pay* #payments\"}")).isEqualTo("Assigned by the ownership rule url:*/pay* #payments");
    }

    @Test
    void aPersonsChangeNeedsNoSentence() {
        assertThat(ActivitySentence.of("set_unresolved", 7L, JSON.readTree("{}"))).isNull();
        assertThat(of("set_unresolved", "{}")).isNull();
        assertThat(of("assigned", "{}")).isNull();
    }
}
