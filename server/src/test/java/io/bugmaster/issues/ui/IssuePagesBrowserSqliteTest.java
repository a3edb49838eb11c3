package io.bugmaster.issues.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** The issue pages in Chromium: hostile event data is shown as text and never runs; screenshots of stream and detail. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class IssuePagesBrowserSqliteTest extends BrowserTest {
    static final String MARKUP = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;";
    static final String PASSWORD = "issue-browser-password";

    @Autowired ProjectService projects;

    final HttpClient http = HttpClient.newHttpClient();

    /** An event whose every free-text field carries the markup, as JSON string content. */
    static String hostileEvent() {
        String m = MARKUP.replace("\"", "\\\"");
        return """
                {"platform":"java","level":"error","message":"%1$s","release":"shop@%2$s","environment":"prod",
                "tags":{"%1$s":"%1$s","browser":"%1$s"},
                "user":{"id":"%1$s","email":"%1$s","username":"%1$s","ip_address":"127.0.0.1"},
                "exception":{"values":[{"type":"%1$s","value":"%1$s",
                "stacktrace":{"frames":[{"filename":"%1$s","function":"%1$s","module":"%1$s","lineno":3,"in_app":false},
                {"filename":"%1$s","function":"%1$s","lineno":7,"in_app":true,"context_line":"%1$s","pre_context":["%1$s"],"vars":{"%1$s":"%1$s"}}]}}]},
                "breadcrumbs":{"values":[{"timestamp":1700000000,"category":"%1$s","message":"%1$s"}]},
                "request":{"url":"https://shop.example.com/%1$s","method":"GET","headers":{"X-Evil":"%1$s","%1$s":"v"}},
                "contexts":{"os":{"name":"%1$s"},"%1$s":{"%1$s":"%1$s"}},
                "sdk":{"name":"%1$s","version":"1"}}""".formatted(m, "1.0");
    }

    static String normalEvent(String type, String value) {
        return """
                {"platform":"java","level":"warning","release":"shop@1.4.2","tags":{"browser":"Firefox"},
                "exception":{"values":[{"type":"%s","value":"%s",
                "stacktrace":{"frames":[{"module":"com.acme.Cart","function":"add","filename":"Cart.java","lineno":21,"in_app":true}]}}]}}"""
                .formatted(type, value);
    }

    void send(long projectId, ProjectKey key, String eventJson) throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        String envelope = "{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n" + eventJson.replace("\n", "") + "\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId
                + "/envelope/?sentry_key=" + key.publicKey())).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void hostileEventDataIsShownAsTextOnTheStreamAndTheDetailPage() throws Exception {
        User user = users.insert(unique("triage") + "@example.com", "Tess Triage", passwordEncoder.encode(PASSWORD), false,
                clock.instant()).orElseThrow();
        Actor actor = Actor.session(user.id(), user.email());
        Organization org = organizations.create(actor, "Shop", unique("shop"));
        String slug = unique("checkout");
        long projectId = projects.create(actor, org.slug(), org.slug(), "Checkout", slug, "java").project().id();
        ProjectKey key = projects.listKeys(actor, org.slug(), slug).get(0);
        send(projectId, key, hostileEvent());
        send(projectId, key, hostileEvent());
        for (int i = 0; i < 3; i++) {
            send(projectId, key, normalEvent("IllegalStateException", "cart " + i + " is empty"));
        }
        send(projectId, key, normalEvent("ArithmeticException", "/ by zero"));

        List<String> dialogs = new ArrayList<>();
        List<String> consoleErrors = errors();
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
            logIn(page, user.email(), PASSWORD);

            Response stream = page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues");
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.text()).contains(ESCAPED).doesNotContain("<script>alert", "<img src=x");
            assertThat(page.locator("img[src=x]").count()).isZero();
            assertThat(page.locator("table.issues tbody tr").count()).isEqualTo(3);
            assertThat(page.locator("svg.spark path.spark-area").count()).isEqualTo(3);
            screenshot(page, "3x-stream");

            page.locator("table.issues a", new Page.LocatorOptions().setHasText(MARKUP)).first().click();
            page.waitForURL("**/issues/*");
            Response detail = page.navigate(page.url());
            String html = detail.text();
            assertThat(html).contains(ESCAPED).doesNotContain("<script>alert", "<img src=x");
            assertThat(page.locator("img[src=x]").count()).isZero();
            assertThat(page.locator("h1").textContent()).contains(MARKUP);
            assertThat(page.locator(".exc-value").first().textContent()).isEqualTo(MARKUP);
            // a tag key with markup is dropped at ingestion (keys are [A-Za-z0-9_.:-]); tag values keep it, as text
            assertThat(page.locator(".tag-value", new Page.LocatorOptions().setHasText(MARKUP)).count()).isPositive();
            assertThat(page.locator(".facet-value", new Page.LocatorOptions().setHasText(MARKUP)).count()).isPositive();
            assertThat(page.locator(".frame.in-app .frame-where").first().textContent()).contains(MARKUP);
            assertThat(page.locator(".context li.current code").first().textContent()).isEqualTo(MARKUP);
            assertThat(page.locator(".crumb-category", new Page.LocatorOptions().setHasText(MARKUP)).count()).isPositive();
            assertThat(page.locator(".crumb-message", new Page.LocatorOptions().setHasText(MARKUP)).count()).isPositive();
            assertThat(page.locator("#user-h + dl dd", new Page.LocatorOptions().setHasText(MARKUP)).count()).isGreaterThanOrEqualTo(3);
            assertThat(page.locator("#request-h ~ dl dd", new Page.LocatorOptions().setHasText(MARKUP)).count()).isPositive();
            page.locator(".frame.library summary").first().click();
            assertThat(page.locator(".library-frames .frame-where").first().isVisible()).isTrue();
            screenshot(page, "3x-detail");
            page.getByText("Ignore…").click();
            screenshot(page, "3x-detail-ignore-menu");

            // triage in the browser: resolve it and it leaves the unresolved stream
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resolve").setExact(true)).click();
            page.waitForLoadState();
            assertThat(page.locator("#flash").textContent()).contains("Resolved.");
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues");
            assertThat(page.locator("table.issues tbody tr").count()).isEqualTo(2);

            // keyboard triage: j selects the first issue, r resolves it and the stream comes back without it
            page.keyboard().press("j");
            assertThat(page.locator("tr.selected a.issue-link").textContent()).isEqualTo("ArithmeticException: / by zero");
            screenshot(page, "3x-stream-keyboard");
            page.waitForNavigation(() -> page.keyboard().press("r"));
            assertThat(page.locator("#flash").textContent()).contains("Resolved.");
            assertThat(page.url()).contains("/orgs/" + org.slug() + "/issues?query=is:unresolved");
            assertThat(page.locator("table.issues tbody tr").count()).isEqualTo(1);
            page.keyboard().press("j");
            page.waitForNavigation(() -> page.keyboard().press("a"));
            assertThat(page.locator("#flash").textContent()).contains("Assigned to you.");
            assertThat(page.locator("table.issues tbody tr").first().textContent()).contains("Tess Triage");
            page.locator("#query").focus();
            page.keyboard().press("Home");
            page.keyboard().press("r");
            assertThat(page.locator("#query").inputValue()).as("typing in the search box is not a shortcut").isEqualTo("ris:unresolved");

            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues?query=is%3Aresolved");
            screenshot(page, "3x-stream-resolved");
            page.setViewportSize(390, 844);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues");
            screenshot(page, "3x-stream-phone");
            page.locator("table.issues a").first().click();
            page.waitForURL("**/issues/*");
            screenshot(page, "3x-detail-phone");
        }
        assertThat(dialogs).as("dialogs opened by injected script").isEmpty();
        assertThat(consoleErrors).as("browser console errors (CSP violations show up here)").isEmpty();
        assertThat(Paths.get("target", "screenshots", "3x-stream.png")).exists();
    }

    @Test
    void theEmptyStreamTurnsIntoARowWhenTheFirstEventArrivesWhileThePageIsOpen() throws Exception {
        User user = users.insert(unique("first") + "@example.com", "Fay First", passwordEncoder.encode(PASSWORD), false,
                clock.instant()).orElseThrow();
        Actor actor = Actor.session(user.id(), user.email());
        Organization org = organizations.create(actor, "Fresh", unique("fresh"));
        String slug = unique("web");
        long projectId = projects.create(actor, org.slug(), org.slug(), "Web", slug, "javascript").project().id();
        ProjectKey key = projects.listKeys(actor, org.slug(), slug).get(0);

        List<String> consoleErrors = errors();
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            logIn(page, user.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues?project=" + projectId);
            assertThat(page.getByText("Waiting for the first event").isVisible()).isTrue();
            assertThat(page.locator("table.issues tbody tr").count()).isZero();
            page.evaluate("() => { window.__sameDocument = true; }");

            String event = """
                    {"event_id":"%s","platform":"javascript","level":"error","message":"first <b>arrival</b>",
                    "exception":{"values":[{"type":"TypeError","value":"first <b>arrival</b>"}]}}"""
                    .formatted(UUID.randomUUID().toString().replace("-", ""));
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("Content-Type", "application/json")
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

            // the poll runs every 3 s: the row appears without a navigation (the bound only catches a hang)
            page.locator("table.issues tbody tr").first().waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                    .setTimeout(30_000));
            assertThat(page.locator("table.issues tbody tr").count()).isEqualTo(1);
            assertThat(page.locator("table.issues a.issue-link").textContent()).contains("first <b>arrival</b>");
            assertThat(page.locator("table.issues b").count()).as("event markup stays text").isZero();
            assertThat(page.evaluate("() => window.__sameDocument === true")).as("no page reload").isEqualTo(true);
            assertThat(page.locator("#results[hx-trigger]").count()).as("polling stopped").isZero();
            assertThat(page.getByLabel("Assign to").first().isVisible()).isTrue();
            screenshot(page, "stream-first-event");
        }
        assertThat(consoleErrors).as("browser console errors (CSP violations show up here)").isEmpty();
    }
}
