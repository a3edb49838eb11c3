package io.bugmaster.issues.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.issues.ownership.OwnershipService;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** The ownership rules page over real HTTP: save with errors by line, CODEOWNERS import, preview, escaping. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class OwnershipPagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "ownership-page-password";

    @Autowired ProjectService projects;
    @Autowired OwnershipService ownership;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient db;

    User user;
    Actor actor;
    Organization org;
    String projectSlug;
    long projectId;
    String page;
    WebClient web;

    @BeforeEach
    void tenant() {
        user = newUser(PASSWORD);
        actor = Actor.session(user.id(), user.email());
        org = organizations.create(actor, "Shop", unique("shop"));
        projectSlug = unique("checkout");
        projectId = projects.create(actor, org.slug(), org.slug(), "Checkout", projectSlug, "java").project().id();
        organizations.createTeam(actor, org.slug(), "Payments", "payments");
        page = "/orgs/" + org.slug() + "/projects/" + projectSlug + "/ownership";
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
    }

    String ingest(String type, String value) throws Exception {
        ProjectKey key = projects.listKeys(actor, org.slug(), projectSlug).get(0);
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = """
                {"event_id":"%s","platform":"java","exception":{"values":[{"type":"%s","value":"%s","stacktrace":{"frames":[
                 {"filename":"PaymentService.java","module":"com.acme.payments.PaymentService","in_app":true}]}}]}}"""
                .formatted(id, type, value);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return id;
    }

    @Test
    void rulesAreSavedAndABadLineIsShownByNumber() {
        String empty = web.get(page).body();
        assertThat(empty).contains("<label for=\"ownership-rules\">Ownership rules</label>").contains("name=\"autoAssign\"")
                .contains("No events yet");

        HttpResponse<String> bad = web.post(page, page, Map.of("raw", "module:com.acme.* #payments\n\ncolour:red <b>x</b>",
                "autoAssign", "on"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"ownership-rules-errors\"").contains("Line 3: unknown rule type &#39;colour&#39;")
                .contains("colour:red &lt;b&gt;x&lt;/b&gt;").contains("aria-invalid=\"true\"").doesNotContain("<b>x</b>");

        HttpResponse<String> unknown = web.post(page, page, Map.of("raw", "path:* nobody@example.com"));
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(unknown.body()).contains("nobody@example.com");

        String rules = "module:com.acme.* #payments\npath:PaymentService.java " + user.email();
        HttpResponse<String> saved = web.post(page, page, Map.of("raw", rules, "autoAssign", "on"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String reloaded = web.get(page).body();
        assertThat(reloaded).contains("Ownership rules saved.").contains("PaymentService.java " + user.email())
                .contains("id=\"auto-assign\" value=\"on\" checked");
        OwnershipService.Ownership stored = ownership.get(actor, org.slug(), projectSlug);
        assertThat(stored.raw()).isEqualTo(rules);
        assertThat(stored.autoAssignment()).isEqualTo(OwnershipService.AutoAssignment.ISSUE_OWNER);
        assertThat(stored.fallthrough()).isFalse();
    }

    @Test
    void theIssuePageSuggestsOwnersByRuleWithTheirRuleAndAssignsInOneClick() throws Exception {
        String eventId = ingest("CardDeclined", "declined");
        long issueId = db.sql("SELECT issue_id FROM events WHERE event_id = ?").param(eventId).query(Long.class).single();
        String issuePage = "/orgs/" + org.slug() + "/issues/" + issueId;
        assertThat(web.get(issuePage).body()).doesNotContain("id=\"suggested-assignees\"");

        HttpResponse<String> saved = web.post(page, page, Map.of("raw", "module:com.acme.* #payments\npath:*PaymentService.java "
                + user.email() + " #payments"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        long teamId = db.sql("SELECT id FROM teams WHERE org_id = ? AND slug = 'payments'").param(org.id()).query(Long.class).single();

        String body = web.get(issuePage).body();
        assertThat(body).contains("id=\"suggested-assignees\"").contains("Suggested:")
                .contains("name=\"assignee\" value=\"user:" + user.id() + "\"")
                .contains("name=\"assignee\" value=\"team:" + teamId + "\"")
                .contains("owner by rule").contains("<code>path:*PaymentService.java</code>")
                .contains("aria-label=\"Assign #payments\"");

        HttpResponse<String> assigned = web.post(issuePage, issuePage, Map.of("action", "assign", "assignee", "team:" + teamId));
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(302);
        String after = web.get(issuePage).body();
        assertThat(after).contains("Assigned to <strong>#payments</strong>")
                .doesNotContain("name=\"assignee\" value=\"team:" + teamId + "\"")
                .contains("name=\"assignee\" value=\"user:" + user.id() + "\"");
    }

    @Test
    void codeownersAreConvertedForReviewAndUnmappedOwnersListed() {
        HttpResponse<String> r = web.post(page, page + "/codeowners", Map.of(
                "codeowners", "/src/payments/ @acme/payments @octocat\n*.py dev@example.com\n",
                "mapping", "@acme/payments = #payments"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("# Imported from CODEOWNERS\npath:*/src/payments/* #payments\npath:*.py dev@example.com")
                .contains("id=\"unmapped-owners\"").contains("@octocat (line 1)")
                .contains("id=\"unknown-owners\"").contains("dev@example.com");
        assertThat(ownership.get(actor, org.slug(), projectSlug).codeowners()).contains("@octocat");

        HttpResponse<String> badMapping = web.post(page, page + "/codeowners", Map.of("codeowners", "* @x", "mapping", "@x => nope"));
        assertThat(badMapping.statusCode()).isEqualTo(422);
        assertThat(badMapping.body()).contains("id=\"codeowners-mapping-errors\"").contains("Line 1:");
    }

    @Test
    void previewNamesTheMatchingRuleAndEscapesEventData() throws Exception {
        String eventId = ingest("CardDeclined", "<img src=x onerror=alert(1)>");
        String body = web.get(page).body();
        assertThat(body).contains("name=\"eventId\"").contains(eventId).doesNotContain("<img src=x");

        HttpResponse<String> preview = web.post(page, page + "/preview", Map.of("eventId", eventId,
                "raw", "module:com.acme.* #payments\npath:Payment* " + user.email() + " ghost@example.com"));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Matched by line").contains("<strong>2</strong>")
                .contains("not in this organization").doesNotContain("<img src=x");

        HttpResponse<String> none = web.post(page, page + "/preview", Map.of("eventId", eventId, "raw", "url:* #payments"));
        assertThat(none.body()).contains("No rule matches");
        HttpResponse<String> broken = web.post(page, page + "/preview", Map.of("eventId", eventId, "raw", "nope"));
        assertThat(broken.body()).contains("Line 1:");
        assertThat(web.postRaw(page + "/preview", Map.of("eventId", eventId)).statusCode()).isEqualTo(403);
    }

    @Test
    void htmxGetsOnlyThePreviewFragment() throws Exception {
        String eventId = ingest("CardDeclined", "declined");
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> loggedIn = browser.send(form("/login", csrf(login), null,
                "username=" + enc(user.email()) + "&password=" + enc(PASSWORD)), HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        String token = csrf(browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + page)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> fragment = browser.send(form(page + "/preview", token, "true",
                "eventId=" + eventId + "&raw=" + enc("module:com.acme.* #payments")), HttpResponse.BodyHandlers.ofString());
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).contains("Matched by line").contains("#payments").doesNotContain("<html").doesNotContain("<main");
    }

    private HttpRequest form(String path, String csrf, String htmx, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body + "&_csrf=" + enc(csrf)));
        if (htmx != null) {
            b.header("HX-Request", htmx);
        }
        return b.build();
    }

    private static String csrf(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
