package io.bugmaster.incidents;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * The one-click links in a page, followed as a person does: the link from the page sent to them
 * opens a page that only asks (mail scanners prefetch links), its button acknowledges, a second use
 * is refused; a direct POST (ntfy's http action) resolves without any session; a changed or expired
 * token does nothing.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class IncidentLinksBrowserSqliteTest extends BrowserTest {
    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired IncidentIntake intake;
    @Autowired Incidents incidents;
    @Autowired JdbcClient db;

    static final String PASSWORD = "incident-links-password";
    final HttpClient http = HttpClient.newHttpClient();

    record Paged(Tenant tenant, User person, Incident incident, String acknowledge, String resolve) {}

    /** An incident whose level 1 pages one member; the links are those of the page queued for them. */
    Paged paged() {
        engine.runOnce();
        Tenant t = newTenant();
        User person = newUser(PASSWORD);
        join(t.owner(), t.org().slug(), person, Role.MEMBER);
        var policy = policies.create(t.owner(), t.org().slug(), new EscalationPolicies.PolicyInput(unique("p"), null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(person.id()))), false))));
        ServiceDefinition s = services.create(t.owner(), t.org().slug(), Map.of("name", "Checkout", "escalation_policy",
                Map.of("id", Long.toString(policy.id())), "runbook", "Restart the <b>consumer</b>"));
        Services.IssuedKey key = services.createIntegration(t.owner(), t.org().slug(), Long.toString(s.id()), "events_api_v2", null);
        intake.apply(intake.integrationByKey(key.integrationKey()).orElseThrow(), new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER,
                "orders", "Orders stuck <script>alert(1)</script>", "test", "critical", null, null, null, null, Map.of(), List.of(), null, null));
        engine.runOnce();
        long incidentId = db.sql("SELECT incident_id FROM alerts WHERE org_id = ? AND dedup_key = 'orders'").param(t.org().id())
                .query(Long.class).single();
        // the page to the person, by their contact method (their account email, the default)
        String queued = db.sql("SELECT notification FROM notification_queue WHERE idempotency_key LIKE ? AND contact_method_id IS NOT NULL")
                .param("incident:" + incidentId + ":%").query(String.class).single();
        JsonNode actions = ApiClient.JSON.readTree(queued).get("actions");
        String ack = null;
        String resolve = null;
        for (JsonNode a : actions) {
            String url = a.get("url").asText().replace("http://localhost:8080", baseUrl());
            if (a.get("type").asText().equals("acknowledge")) {
                ack = url;
            } else if (a.get("type").asText().equals("resolve")) {
                resolve = url;
            }
        }
        assertThat(ack).contains("/incident-actions/");
        return new Paged(t, person, incidents.get(t.owner(), t.org().slug(), "1").incident(), ack, resolve);
    }

    IncidentStatus status(Paged p) {
        return incidents.get(p.tenant().owner(), p.tenant().org().slug(), Long.toString(p.incident().number())).incident().status();
    }

    @Test
    void followingTheLinkAsksAndTheButtonAcknowledgesOnce() {
        Paged p = paged();
        try (BrowserContext context = newContext()) {
            List<String> errors = errors();
            Page page = newPage(context, errors);
            page.navigate(p.acknowledge());
            assertThat(page.locator("h1")).containsText("Acknowledge this incident?");
            assertThat(page.locator("main")).containsText("Orders stuck <script>alert(1)</script>");
            assertThat(page.locator("#runbook + pre")).containsText("Restart the <b>consumer</b>");
            assertThat(status(p)).as("opening the link acts on nothing").isEqualTo(IncidentStatus.TRIGGERED);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge")).click();
            assertThat(page.locator("h1")).containsText("Incident acknowledged");
            assertThat(status(p)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
            assertThat(errors).isEmpty();

            Response again = page.navigate(p.acknowledge());
            assertThat(again.status()).isEqualTo(409);
            assertThat(page.locator("h1")).containsText("This link was already used");
        }
        List<String> log = db.sql("SELECT message FROM incident_log WHERE incident_id = ? AND kind = 'acknowledged'").param(p.incident().id())
                .query(String.class).list();
        assertThat(log).singleElement().asString().contains(p.person().email());
    }

    @Test
    void aDirectPostResolvesWithoutASessionAndOnlyOnce() throws Exception {
        Paged p = paged();
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(p.resolve())).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(status(p)).isEqualTo(IncidentStatus.TRIGGERED);

        HttpResponse<String> post = post(p.resolve());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).contains("Incident resolved");
        assertThat(status(p)).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(post(p.resolve()).statusCode()).as("a second use").isIn(200, 409);
        assertThat(db.sql("SELECT COUNT(*) FROM incident_log WHERE incident_id = ? AND kind = 'resolved'").param(p.incident().id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aChangedTokenAnExpiredOneAndOneForSomeoneWhoLeftDoNothing() throws Exception {
        Paged p = paged();
        String token = p.acknowledge().substring(p.acknowledge().lastIndexOf('/') + 1);
        String[] parts = token.split("\\.");
        // the same signature over another incident's payload
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replaceFirst("\n" + p.incident().id() + "\n", "\n1\n")
                        .getBytes()) + "." + parts[2];
        assertThat(post(p.acknowledge().replace(token, forged)).statusCode()).isEqualTo(404);
        assertThat(post(p.acknowledge().replace(token, token.substring(0, token.length() - 2))).statusCode()).isEqualTo(404);
        assertThat(status(p)).isEqualTo(IncidentStatus.TRIGGERED);

        clock.advance(Duration.ofDays(8));
        try {
            HttpResponse<String> expired = post(p.acknowledge());
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(expired.body()).contains("expired");
        } finally {
            clock.advance(Duration.ofDays(-8));
        }
        organizations.removeMember(p.tenant().owner(), p.tenant().org().slug(), memberId(p));
        assertThat(post(p.acknowledge()).statusCode()).isEqualTo(403);
        assertThat(status(p)).isEqualTo(IncidentStatus.TRIGGERED);
    }

    @Test
    void theIncidentPageShowsTheRunbookWithItsHtmlAsTextAndItsButtonsAct() {
        Paged p = paged();
        try (BrowserContext context = newContext()) {
            List<String> errors = errors();
            Page page = newPage(context, errors);
            logIn(page, p.person().email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + p.tenant().org().slug() + "/incidents");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Orders stuck <script>alert(1)</script>")).click();
            assertThat(page.locator("h1")).containsText("#1 Orders stuck <script>alert(1)</script>");
            assertThat(page.locator("#runbook")).containsText("Restart the <b>consumer</b>");
            assertThat(page.locator("section[aria-labelledby=escalation-heading] .facts")).containsText(p.person().email());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge")).click();
            assertThat(page.locator("#flash")).containsText("Incident #1 acknowledged");
            assertThat(status(p)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
            assertThat(page.locator(".timeline-panel")).containsText("Acknowledged by " + p.person().email() + " via web");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resolve").setExact(true)).click();
            assertThat(page.locator("#flash")).containsText("resolved");
            assertThat(status(p)).isEqualTo(IncidentStatus.RESOLVED);
            assertThat(errors).isEmpty();
        }
    }

    private String memberId(Paged p) {
        return organizations.listMembers(p.tenant().owner(), p.tenant().org().slug(), 0, 100).items().stream()
                .filter(m -> p.person().email().equals(m.email())).findFirst().orElseThrow().id() + "";
    }

    private HttpResponse<String> post(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
