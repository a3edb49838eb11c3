package io.bugmaster.slack.dm;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.DeclareRules;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentStatus;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Services;
import io.bugmaster.oncall.people.ContactMethod;
import io.bugmaster.oncall.people.ContactMethods;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.slack.SlackActions;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.slack.messages.SlackMessageLog;
import io.bugmaster.testing.FakeSlack;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SlackSigned;
import io.bugmaster.testing.SqliteTestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person whose contact method is a Slack direct message is paged there by the organization's
 * Slack app, with the incident's buttons, and acknowledges from the message; without a linked Slack
 * account the method fails with a reason that says how to fix it.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SlackDmSqliteTest extends IntegrationTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired SlackInstallations installations;
    @Autowired ContactMethods contactMethods;
    @Autowired EscalationPolicies policies;
    @Autowired Services services;
    @Autowired Incidents incidents;
    @Autowired SlackMessageLog messageLog;

    Tenant tenant;
    String org;
    FakeSlack.Workspace ws;
    User ana;
    Actor anaActor;

    @BeforeEach
    void setUp() {
        engine.runOnce(); // what other tests left is handled first
        tenant = newTenant();
        org = tenant.org().slug();
        ws = FakeSlack.shared().workspace(unique("ws"));
        installations.save(tenant.owner(), org, new SlackInstallations.Settings(ws.botToken, ws.signingSecret, null, null));
        ana = newUser("password-" + unique("p"));
        join(tenant.owner(), org, ana, Role.MEMBER);
        anaActor = Actor.session(ana.id(), ana.email());
    }

    ContactMethod slackMethod(Actor actor) {
        return contactMethods.create(actor, new ContactMethods.Input("slack_dm", null, null, null, null));
    }

    @Test
    void aPageReachesTheLinkedSlackAccountWithTheIncidentsButtonsAndItsAcknowledgeActs() {
        String anaSlack = ws.addUser(ana.email());
        ContactMethod method = slackMethod(anaActor);
        assertThat(method.kind()).isEqualTo(ContactMethod.Kind.SLACK_DM);
        assertThat(method.address()).isEqualTo("your linked Slack account");
        contactMethods.createRule(anaActor, new ContactMethods.RuleInput("high", method.id(), 0));
        long policy = policies.create(tenant.owner(), org, new EscalationPolicies.PolicyInput(unique("policy"), null, 0,
                List.of(new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(ana.id()))), false))))
                .id();
        long service = services.create(tenant.owner(), org, Map.of("name", unique("svc"), "escalation_policy", Map.of("id",
                Long.toString(policy)))).id();
        Incident incident = incidents.declare(tenant.owner(), org, new DeclareRules.DeclareInput("Checkout <!channel> down",
                List.of(Long.toString(service)), "P1", null, null), "web").incident();
        engine.runOnce();
        engine.runOnce();

        String dm = ws.dmChannel(anaSlack);
        assertThat(dm).as("a direct message was opened with Ana").isNotNull();
        List<JsonNode> messages = ws.messages(dm);
        assertThat(messages).hasSize(1);
        JsonNode page = messages.get(0);
        String section = page.path("blocks").get(0).path("text").path("text").asString();
        assertThat(section).contains("Checkout &lt;!channel&gt; down").doesNotContain("<!channel>");
        JsonNode buttons = page.path("blocks").get(1).path("elements");
        assertThat(buttons.findValuesAsString("action_id")).containsExactly(SlackActions.INCIDENT_ACKNOWLEDGE, SlackActions.INCIDENT_RESOLVE,
                SlackActions.INCIDENT_ESCALATE, SlackActions.OPEN);
        assertThat(buttons.get(0).path("value").asString()).isEqualTo("incident:" + incident.id());
        assertThat(messageLog.about(tenant.org().id(), "incident:" + incident.id())).extracting(SlackMessageLog.Posted::channel).contains(dm);

        ObjectNode click = JSON.createObjectNode().put("type", "block_actions").put("response_url", ws.responseUrl());
        click.putObject("user").put("id", anaSlack).put("team_id", ws.teamId);
        click.putObject("container").put("type", "message").put("channel_id", dm).put("message_ts", page.path("ts").asString());
        click.putArray("actions").addObject().put("type", "button").put("action_id", SlackActions.INCIDENT_ACKNOWLEDGE)
                .put("value", buttons.get(0).path("value").asString());
        assertThat(new SlackSigned(baseUrl(), ws.signingSecret).interaction(clock.instant(), click.toString()).status()).isEqualTo(200);
        assertThat(incidents.byId(incident.id()).orElseThrow().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    }

    @Test
    void withoutALinkedSlackAccountTheMethodFailsAndSaysHowToFixIt() {
        ContactMethod method = slackMethod(anaActor); // Ana's email is not in the Slack workspace
        ContactMethods.TestResult result = contactMethods.test(anaActor, Long.toString(method.id()), org);
        assertThat(result.delivered()).isFalse();
        assertThat(result.detail()).contains("link your Slack account first");
        assertThat(contactMethods.get(anaActor, Long.toString(method.id())).lastError()).contains("link your Slack account first");

        String anaSlack = ws.addUser(ana.email());
        ContactMethods.TestResult again = contactMethods.test(anaActor, Long.toString(method.id()), org);
        assertThat(again.delivered()).as(again.detail()).isTrue();
        assertThat(ws.messages(ws.dmChannel(anaSlack))).hasSize(1);
    }

    @Test
    void aSlackMethodTakesNoAddress() {
        ContactMethod method = contactMethods.create(anaActor, new ContactMethods.Input("slack_dm", "My Slack", "https://evil.example/", null, null));
        assertThat(method.address()).isEqualTo("your linked Slack account");
        assertThat(method.config()).containsOnlyKeys("user_id");
        assertThat(method.name()).isEqualTo("My Slack");
    }
}
