package io.bugmaster.slack.interactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.slack.SlackActions;
import org.junit.jupiter.api.Test;

class SlackClickTest {

    static SlackClick ok(String actionId, String value) {
        SlackClick.Read read = SlackClick.read(actionId, value);
        assertThat(read).as(actionId + " " + value).isInstanceOf(SlackClick.Ok.class);
        return ((SlackClick.Ok) read).click();
    }

    static String refused(String actionId, String value) {
        SlackClick.Read read = SlackClick.read(actionId, value);
        assertThat(read).as(actionId + " " + value).isInstanceOf(SlackClick.Refused.class);
        return ((SlackClick.Refused) read).reason();
    }

    @Test
    void buttonsNameTheirSubject() {
        SlackClick c = ok(SlackActions.ISSUE_RESOLVE, "issue:42");
        assertThat(c.action()).isEqualTo(SlackClick.Action.ISSUE_RESOLVE);
        assertThat(c.subjectId()).isEqualTo(42);
        assertThat(c.choice()).isNull();
        assertThat(ok(SlackActions.INCIDENT_ESCALATE, "incident:7").subject()).isEqualTo("incident:7");
        assertThat(ok(SlackActions.OPEN, null).action()).isEqualTo(SlackClick.Action.OPEN);
    }

    @Test
    void ignoreChoicesAreMinutesHoursOrAMoreEventsCount() {
        assertThat(ok(SlackActions.ISSUE_IGNORE, "issue:42 30m").ignoreMinutes()).isEqualTo(30);
        assertThat(ok(SlackActions.ISSUE_IGNORE, "issue:42 24h").ignoreMinutes()).isEqualTo(1440);
        SlackClick count = ok(SlackActions.ISSUE_IGNORE, "issue:42 100");
        assertThat(count.ignoreMinutes()).isNull();
        assertThat(count.ignoreCount()).isEqualTo(100);
        assertThat(refused(SlackActions.ISSUE_IGNORE, "issue:42")).contains("ignore needs a choice");
        assertThat(refused(SlackActions.ISSUE_IGNORE, "issue:42 0m")).contains("ignore needs a choice");
        assertThat(refused(SlackActions.ISSUE_IGNORE, "issue:42 forever")).contains("ignore needs a choice");
    }

    @Test
    void assignChoicesAreMeAUserOrATeam() {
        assertThat(ok(SlackActions.ISSUE_ASSIGN, "issue:42 me").choice()).isEqualTo("me");
        assertThat(ok(SlackActions.ISSUE_ASSIGN, "issue:42 user:7").choice()).isEqualTo("user:7");
        assertThat(ok(SlackActions.ISSUE_ASSIGN, "issue:42 team:3").choice()).isEqualTo("team:3");
        assertThat(refused(SlackActions.ISSUE_ASSIGN, "issue:42 admin@example.com")).contains("assign needs a choice");
    }

    @Test
    void valuesThatDoNotFitTheirActionAreRefused() {
        assertThat(refused("drop_tables", "issue:1")).contains("not one of Bugmaster's");
        assertThat(refused(SlackActions.ISSUE_RESOLVE, null)).contains("no value");
        assertThat(refused(SlackActions.ISSUE_RESOLVE, "incident:1")).contains("not an issue");
        assertThat(refused(SlackActions.INCIDENT_ACKNOWLEDGE, "issue:1")).contains("not an incident");
        assertThat(refused(SlackActions.ISSUE_RESOLVE, "issue:-1")).contains("not an issue");
        assertThat(refused(SlackActions.ISSUE_RESOLVE, "issue:99999999999999999999")).as("beyond a long").contains("not an issue");
        assertThat(refused(SlackActions.ISSUE_RESOLVE, "issue:1 30m")).contains("takes no choice");
        assertThat(refused(SlackActions.ISSUE_RESOLVE, "issue:1".repeat(1000))).contains("not an issue");
    }
}
