package io.bugmaster.incidents.roles.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.incidents.roles.IncidentRoles;
import io.bugmaster.incidents.roles.Responders;
import io.bugmaster.incidents.roles.RoleRules;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * The roles forms as an attacker tries them: without the CSRF token, as a viewer, on another
 * organization's incident; and hostile role names and responder messages shown as text.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class RolePagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "role-pages-password";

    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired AlertIntake intake;
    @Autowired Incidents incidents;
    @Autowired IncidentRoles roles;
    @Autowired Responders responders;

    User user;
    User other;
    Actor me;
    String org;
    WebClient web;
    String page;
    String number;

    @BeforeEach
    void setUp() {
        engine.runOnce();
        user = newUser(PASSWORD);
        me = Actor.session(user.id(), user.email());
        org = unique("roles");
        organizations.create(me, "Roles", org);
        other = newUser("password-" + unique("p"));
        join(me, org, other, Role.MEMBER);
        EscalationPolicy policy = policies.create(me, org, new EscalationPolicies.PolicyInput("On-call", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(user.id()))), false))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "checkout");
        body.put("escalation_policy", Map.of("id", Long.toString(policy.id())));
        ServiceDefinition service = services.create(me, org, body);
        intake.apply(intake.integrationByKey(services.createIntegration(me, org, Long.toString(service.id()), "events_api_v2", null)
                .integrationKey()).orElseThrow(), new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, "k", "Orders stuck", "db-1",
                "critical", null, null, null, null, Map.of(), List.of(), null, null));
        number = Long.toString(incidents.list(me, org, List.of(), null, 0, 1).items().get(0).incident().number());
        page = "/orgs/" + org + "/incidents/" + number;
        web = new WebClient(baseUrl());
        web.login(user.email(), PASSWORD);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefusedAndChangeNothing() {
        assertThat(web.postRaw(page + "/roles", Map.of("role", "incident_manager", "user", Long.toString(other.id()))).statusCode()).isEqualTo(403);
        assertThat(web.postRaw(page + "/responders", Map.of("target", "user:" + other.id())).statusCode()).isEqualTo(403);
        assertThat(web.postRaw("/orgs/" + org + "/settings/incident-roles", Map.of("name", "Scribe")).statusCode()).isEqualTo(403);
        assertThat(roles.holders(me, org, number)).allSatisfy(h -> assertThat(h.holder()).isNull());
        assertThat(responders.list(me, org, number)).isEmpty();
        assertThat(roles.list(me, org)).hasSize(3);
        // the page's own forms each carry the token
        String html = web.get(page).body();
        String panel = html.substring(html.indexOf("id=\"roles\""), html.indexOf("</section>", html.indexOf("id=\"roles\"")));
        int forms = panel.split("<form method=\"post\"", -1).length - 1;
        assertThat(forms).isEqualTo(2);
        assertThat(panel.split("name=\"_csrf\"", -1).length - 1).isEqualTo(forms);
    }

    @Test
    void aViewerSeesTheRolesButNoFormsAndCannotAct() {
        roles.assign(me, org, number, "incident_manager", Long.toString(other.id()), "test");
        User viewer = newUser(PASSWORD);
        join(me, org, viewer, Role.VIEWER);
        WebClient theirs = new WebClient(baseUrl());
        theirs.login(viewer.email(), PASSWORD);
        String html = theirs.get(page).body();
        assertThat(html).contains("Roles and responders").contains(other.email()).doesNotContain("Add responders").doesNotContain(">Assign<");
        assertThat(theirs.post(page, page + "/roles", Map.of("role", "incident_manager", "user", Long.toString(viewer.id()))).statusCode())
                .isEqualTo(403);
        assertThat(theirs.post(page, page + "/roles/incident_manager/unassign", Map.of()).statusCode()).isEqualTo(403);
        assertThat(theirs.post(page, page + "/responders", Map.of("target", "user:" + viewer.id())).statusCode()).isEqualTo(403);
        String settings = theirs.get("/orgs/" + org + "/settings/incident-roles").body();
        assertThat(settings).contains("Incident manager").doesNotContain("Add a role").doesNotContain("Delete role");
        assertThat(theirs.post("/orgs/" + org + "/settings/incident-roles", "/orgs/" + org + "/settings/incident-roles",
                Map.of("name", "Scribe")).statusCode()).isEqualTo(403);
        assertThat(roles.holders(me, org, number).get(0).holder().user().id()).isEqualTo(other.id());
        assertThat(responders.list(me, org, number)).isEmpty();
    }

    @Test
    void aMemberAssignsFromThePageAndABadChoiceSaysWhatIsWrong() {
        assertThat(web.post(page, page + "/roles", Map.of("role", "incident_manager", "user", Long.toString(other.id()))).statusCode())
                .isEqualTo(302);
        assertThat(web.get(page).body()).contains("is Incident manager now; they are notified.");
        web.post(page, page + "/roles", Map.of("role", "incident_manager", "user", "999999999"));
        assertThat(web.get(page).body()).contains("No member of this organization has user id 999999999.");
        web.post(page, page + "/responders", Map.of("target", "nonsense"));
        assertThat(web.get(page).body()).contains("Choose a person, a service or an escalation policy to page.");
        web.post(page, page + "/responders", Map.of("target", "user:" + other.id(), "message", "m".repeat(501)));
        assertThat(web.get(page).body()).contains("Message is at most 500 characters.");
        assertThat(responders.list(me, org, number)).isEmpty();
    }

    @Test
    void anotherOrganizationsIncidentAndRolesAreNotFound() {
        User stranger = newUser(PASSWORD);
        Actor them = Actor.session(stranger.id(), stranger.email());
        String theirOrg = unique("theirs");
        organizations.create(them, "Theirs", theirOrg);
        long theirRole = roles.create(them, theirOrg, new RoleRules.Input(null, "Their secret role", null, null)).id();

        assertThat(web.post(page, "/orgs/" + theirOrg + "/incidents/1/roles", Map.of("role", "incident_manager", "user",
                Long.toString(stranger.id()))).statusCode()).isEqualTo(404);
        assertThat(web.get("/orgs/" + theirOrg + "/settings/incident-roles").statusCode()).isEqualTo(404);
        assertThat(web.post(page, "/orgs/" + theirOrg + "/settings/incident-roles/" + theirRole + "/delete", Map.of()).statusCode())
                .isEqualTo(404);
        // their role's id in my organization's path is not found either
        assertThat(web.post(page, "/orgs/" + org + "/settings/incident-roles/" + theirRole + "/delete", Map.of()).statusCode()).isEqualTo(404);
        assertThat(roles.list(them, theirOrg)).extracting(r -> r.name()).contains("Their secret role");
    }

    @Test
    void hostileRoleNamesAndMessagesAreShownAsText() {
        roles.create(me, org, new RoleRules.Input("xss", "<img src=x onerror=alert(1)>", "<script>alert(2)</script>", null));
        roles.assign(me, org, number, "xss", Long.toString(other.id()), "test");
        responders.add(me, org, number, new Responders.Request(Long.toString(other.id()), null, null, "<b onmouseover=alert(3)>look</b>"), "test");
        String html = web.get(page).body();
        assertThat(html).doesNotContain("<img src=x").doesNotContain("<script>alert(2)").doesNotContain("<b onmouseover")
                .contains("&lt;img src=x onerror=alert(1)&gt;").contains("&lt;b onmouseover=alert(3)&gt;look&lt;/b&gt;");
        String settings = web.get("/orgs/" + org + "/settings/incident-roles").body();
        assertThat(settings).doesNotContain("<img src=x").contains("&lt;script&gt;alert(2)&lt;/script&gt;");
    }
}
