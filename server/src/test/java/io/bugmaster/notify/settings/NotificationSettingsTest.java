package io.bugmaster.notify.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotificationFixtures;
import io.bugmaster.notify.email.EmailMessages;
import io.bugmaster.notify.settings.NotificationSettings.Defaults;
import io.bugmaster.notify.settings.NotificationSettings.IssueAlerts;
import io.bugmaster.notify.settings.NotificationSettings.Override;
import io.bugmaster.notify.settings.NotificationSettings.Workflow;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationSettingsTest {

    @Test
    void aProjectOverrideWinsOverTheDefaultAndNullKeepsIt() {
        Defaults d = new Defaults(IssueAlerts.SUBSCRIBED, Workflow.SUBSCRIBED, true);
        assertThat(NotificationSettings.issueAlerts(d, null)).isEqualTo(IssueAlerts.SUBSCRIBED);
        assertThat(NotificationSettings.issueAlerts(d, new Override(1, IssueAlerts.NEVER, null))).isEqualTo(IssueAlerts.NEVER);
        assertThat(NotificationSettings.workflow(d, new Override(1, IssueAlerts.NEVER, null))).isEqualTo(Workflow.SUBSCRIBED);
        assertThat(NotificationSettings.workflow(d, new Override(1, null, Workflow.NEVER))).isEqualTo(Workflow.NEVER);
    }

    @Test
    void choicesDecideWhoGetsWhat() {
        assertThat(NotificationSettings.wantsIssueAlert(IssueAlerts.ALWAYS, false)).isTrue();
        assertThat(NotificationSettings.wantsIssueAlert(IssueAlerts.SUBSCRIBED, false)).isFalse();
        assertThat(NotificationSettings.wantsIssueAlert(IssueAlerts.SUBSCRIBED, true)).isTrue();
        assertThat(NotificationSettings.wantsIssueAlert(IssueAlerts.NEVER, true)).isFalse();
        assertThat(NotificationSettings.wantsWorkflowEmail(Workflow.SUBSCRIBED, true, false)).isTrue();
        assertThat(NotificationSettings.wantsWorkflowEmail(Workflow.SUBSCRIBED, true, true)).as("never the actor").isFalse();
        assertThat(NotificationSettings.wantsWorkflowEmail(Workflow.NEVER, true, false)).isFalse();
    }

    @Test
    void valuesAreParsedWithTheFieldInTheError() {
        assertThat(IssueAlerts.parse("issueAlerts", " Never ")).isEqualTo(IssueAlerts.NEVER);
        assertThat(NotificationSettings.isDefault("default")).isTrue();
        assertThat(NotificationSettings.isDefault(null)).isTrue();
        assertThatThrownBy(() -> Workflow.parse("projects[0].workflow", "always")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("subscribed, never");
    }

    @Test
    void aBodyInAnEmailIsEscapedAndLinksOnlyToBugmaster() {
        Notification n = NotificationFixtures.issue("k", Notification.Kind.WORKFLOW, "issue/1", "acme", "shop", null, "Boom", null, null, 0, 0,
                null, null, null, null, Map.of(), null, "https://bugs.example.com/orgs/acme/issues/1/",
                "jane commented:\n<script>x</script> see https://evil.example.com/x\n## not a heading\n- https://bugs.example.com/orgs/acme/issues/2/");
        EmailMessages.Email email = EmailMessages.of(n);
        assertThat(email.html()).doesNotContain("<script>").contains("&lt;script&gt;")
                .doesNotContain("href=\"https://evil.example.com")
                .contains("<li><a href=\"https://bugs.example.com/orgs/acme/issues/2/\">");
        assertThat(email.text()).contains("jane commented:").contains("<script>x</script>");
        assertThat(email.subject()).as("threads under the alert about the same issue").isEqualTo("Re: [shop] Boom");
    }
}
