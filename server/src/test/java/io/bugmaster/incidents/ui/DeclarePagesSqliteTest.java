package io.bugmaster.incidents.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentStage;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * The declare form and the incident page's forms over real HTTP: a rejected declaration keeps what
 * was typed and says what is wrong next to the field; CSRF is required; a viewer cannot declare;
 * another organization's incident, issue and priorities page are not reachable; only admins write priorities.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class DeclarePagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "declare-pages-password";

    @Autowired Services services;
    @Autowired Incidents incidents;

    User owner;
    Actor me;
    String org;
    WebClient member;
    ServiceDefinition orders;
    ServiceDefinition payments;

    @BeforeEach
    void setUp() {
        owner = newUser(PASSWORD);
        me = Actor.session(owner.id(), owner.email());
        org = unique("declare");
        organizations.create(me, "Declare", org);
        User plain = newUser(PASSWORD);
        join(me, org, plain, Role.MEMBER);
        orders = services.create(me, org, Map.of("name", "Orders"));
        payments = services.create(me, org, Map.of("name", "Payments"));
        member = new WebClient(baseUrl());
        member.login(plain.email(), PASSWORD);
    }

    String form() {
        return "/orgs/" + org + "/incidents/new";
    }

    @Test
    void aRejectedDeclarationKeepsWhatWasTypedAndSaysWhatIsWrong() {
        HttpResponse<String> noPriority = member.post(form(), form(), List.of(Map.entry("title", "Brands <b>see</b> no orders"),
                Map.entry("service", Long.toString(orders.id())), Map.entry("also", Long.toString(payments.id())),
                Map.entry("description", "since 14:05")));
        assertThat(noPriority.statusCode()).isEqualTo(422);
        assertThat(noPriority.body()).contains("id=\"priority-error\"").contains("if unsure, pick the higher")
                .contains("value=\"Brands &lt;b&gt;see&lt;/b&gt; no orders\"").contains(">since 14:05</textarea>")
                .containsPattern("value=\"" + payments.id() + "\"\\s+checked");
        HttpResponse<String> noService = member.post(form(), form(), Map.of("title", "t", "priority", "2"));
        assertThat(noService.statusCode()).isEqualTo(422);
        assertThat(noService.body()).contains("id=\"service_ids-error\"");
        assertThat(incidents.list(me, org, List.of(), null, 0, 10).items()).isEmpty();

        HttpResponse<String> ok = member.post(form(), form(), Map.of("title", "Brands see no orders", "service",
                Long.toString(orders.id()), "priority", "2"));
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(ok)).endsWith("/orgs/" + org + "/incidents/1");
        String page = member.get("/orgs/" + org + "/incidents/1").body();
        assertThat(page).contains("Incident #1 declared as P2").contains("has no escalation policy, so nobody is paged");
    }

    @Test
    void theIncidentPagesFormsNeedTheCsrfTokenAndMoveStageAndServices() {
        member.post(form(), form(), Map.of("title", "Checkout slow", "service", Long.toString(orders.id()), "priority", "3"));
        String incident = "/orgs/" + org + "/incidents/1";
        assertThat(member.postRaw(incident + "/stage", Map.of("stage", "identified")).statusCode()).isEqualTo(403);
        assertThat(member.post(incident, incident + "/stage", Map.of("stage", "identified")).statusCode()).isEqualTo(302);
        assertThat(member.post(incident, incident + "/services", List.of(Map.entry("service", Long.toString(orders.id())),
                Map.entry("service", Long.toString(payments.id())))).statusCode()).isEqualTo(302);
        assertThat(member.post(incident, incident + "/stage", Map.of("stage", "resolved")).statusCode()).isEqualTo(302);
        member.post(incident, incident + "/stage", Map.of("stage", "monitoring"));
        assertThat(member.get(incident).body()).contains("is resolved and stays resolved");
        Incident i = incidents.get(me, org, "1").incident();
        assertThat(i.stage()).isEqualTo(IncidentStage.RESOLVED);
        assertThat(incidents.get(me, org, "1").impacted()).extracting(ServiceDefinition::name).containsExactly("Orders", "Payments");

        // a viewer reads the page without the forms, and cannot declare
        User viewer = newUser(PASSWORD);
        join(me, org, viewer, Role.VIEWER);
        WebClient reader = new WebClient(baseUrl());
        reader.login(viewer.email(), PASSWORD);
        assertThat(reader.get(incident).body()).doesNotContain(incident + "/priority").doesNotContain("Link an issue")
                .doesNotContain("id=\"declare-incident\"");
        assertThat(reader.get(form()).body()).contains("only reads incidents").doesNotContain(">Declare incident</button>");
        assertThat(reader.post(form(), form(), Map.of("title", "t", "service", Long.toString(orders.id()), "priority", "1")).statusCode())
                .isEqualTo(403);

        // someone of another organization reaches none of it
        User stranger = newUser(PASSWORD);
        organizations.create(Actor.session(stranger.id(), stranger.email()), "Theirs", unique("theirs"));
        WebClient theirs = new WebClient(baseUrl());
        theirs.login(stranger.email(), PASSWORD);
        assertThat(theirs.get(incident).statusCode()).isIn(403, 404);
        assertThat(theirs.get(form()).statusCode()).isIn(403, 404);
        assertThat(theirs.get("/orgs/" + org + "/settings/incident-priorities").statusCode()).isIn(403, 404);
    }

    @Test
    void onlyAdminsWriteThePriorities() {
        String settings = "/orgs/" + org + "/settings/incident-priorities";
        List<Map.Entry<String, String>> two = List.of(Map.entry("label", "SEV1"), Map.entry("description", "All down"),
                Map.entry("reminder", "15"), Map.entry("label", "SEV2"), Map.entry("description", "Some down"), Map.entry("reminder", ""));
        assertThat(member.get(settings).body()).contains("<strong>P1</strong>").contains("Only the organization's owners and admins")
                .doesNotContain("id=\"priorities-form\"");
        WebClient admin = new WebClient(baseUrl());
        admin.login(owner.email(), PASSWORD);
        assertThat(member.postRaw(settings, Map.of("label", "X")).statusCode()).as("without the CSRF token").isEqualTo(403);
        assertThat(member.post(form(), settings, two).statusCode()).as("a member's token, not an admin").isEqualTo(403);
        assertThat(admin.get(settings).body()).contains("value=\"P1\"");
        HttpResponse<String> dup = admin.post(settings, settings, List.of(Map.entry("label", "A"), Map.entry("description", "x"),
                Map.entry("reminder", ""), Map.entry("label", "a"), Map.entry("description", "y"), Map.entry("reminder", "")));
        assertThat(dup.statusCode()).isEqualTo(422);
        assertThat(dup.body()).contains("used twice").contains("value=\"a\"");
        assertThat(admin.post(settings, settings, two).statusCode()).isEqualTo(302);
        assertThat(incidents.priorities(me, org)).extracting(p -> p.label()).containsExactly("SEV1", "SEV2");
        assertThat(member.get(form()).body()).contains("All down").doesNotContain("Critical: the product is down");
    }
}
