package io.bugmaster.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.SqliteTestDatabase;
import io.sentry.Sentry;
import io.sentry.protocol.SentryId;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * A developer's whole first triage in the browser: log in, create a project, read its DSN, send an
 * exception with the real Sentry Java SDK, see it arrive in the stream, and resolve, snooze,
 * reopen, assign, find and inspect it. Screenshots: target/screenshots/journey-*.png.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class TriageJourneySqliteTest extends BrowserTest {
    static final String PASSWORD = "journey-password-123";

    /** "Application code" with a realistic stack: a controller calls a service that calls a repository that fails. */
    static final class InvoiceController {
        final InvoiceService service = new InvoiceService();

        String download(String invoiceId) {
            return service.render(invoiceId);
        }
    }

    static final class InvoiceService {
        final InvoiceRepository repository = new InvoiceRepository();

        String render(String invoiceId) {
            try {
                return repository.load(invoiceId);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("invoice " + invoiceId + " cannot be rendered", e);
            }
        }
    }

    static final class InvoiceRepository {
        String load(String invoiceId) {
            // the bug: ids from the new numbering scheme ("INV-20417") are not plain numbers
            return "invoice #" + Long.parseLong(invoiceId);
        }
    }

    /** The DSN shown on the page names the configured base URL (localhost:8080); the SDK must reach this test's port. */
    String dsnForThisServer(String shownDsn) {
        URI uri = URI.create(shownDsn);
        return uri.getScheme() + "://" + uri.getUserInfo() + "@localhost:" + port + uri.getPath();
    }

    @Test
    void aDeveloperSendsAnErrorWithTheJavaSdkAndTriagesItInTheBrowser() {
        User user = newUser(PASSWORD);
        Actor actor = Actor.session(user.id(), user.email());
        Organization org = organizations.create(actor, "Journey Inc", unique("journey"));
        String token = token(actor, List.of("org:read", "project:read", "event:read"));
        ApiClient api = new ApiClient(baseUrl());
        List<String> consoleErrors = errors();

        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);

            // log in through the form
            page.navigate(baseUrl() + "/login");
            screenshot(page, "journey-01-login");
            logIn(page, user.email(), PASSWORD);

            // create a project in the UI and read its DSN
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/projects");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create project")).click();
            page.getByLabel("Name").fill("Billing API");
            page.getByLabel("Platform").selectOption("java");
            screenshot(page, "journey-02-project-new");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();
            page.waitForURL("**/settings");
            String shownDsn = page.locator("#dsn-primary").textContent().strip();
            assertThat(shownDsn).matches("http://[0-9a-f]{32}@localhost:8080/\\d+");
            screenshot(page, "journey-03-project-settings");

            // empty stream first
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues");
            assertThat(page.locator(".empty")).containsText("No unresolved issues");
            screenshot(page, "journey-04-stream-empty");

            // the app reports an exception through the real Java SDK
            SentryId sent;
            Sentry.init(options -> {
                options.setDsn(dsnForThisServer(shownDsn));
                options.setRelease("billing@2.4.1");
                options.setEnvironment("production");
                options.addInAppInclude("io.bugmaster.web");
                options.setEnableUncaughtExceptionHandler(false);
                options.setShutdownTimeoutMillis(5000);
                options.setDebug(true);
                options.setDiagnosticLevel(io.sentry.SentryLevel.WARNING);
            });
            try {
                Sentry.setTag("region", "eu-central");
                Throwable thrown = null;
                try {
                    new InvoiceController().download("INV-20417");
                } catch (RuntimeException e) {
                    thrown = e;
                }
                assertThat(thrown).isNotNull();
                sent = Sentry.captureException(thrown);
                Sentry.flush(5000);
            } finally {
                Sentry.close();
            }
            assertThat(sent).isNotEqualTo(SentryId.EMPTY_ID);

            // it shows up in the stream (reload until it does: live arrival is not relied on here)
            Locator row = page.locator("tr[data-issue-row]", new Page.LocatorOptions().setHasText("invoice INV-20417 cannot be rendered"));
            long deadline = System.currentTimeMillis() + 30_000; // bounds a hang
            page.reload();
            while (row.count() == 0 && System.currentTimeMillis() < deadline) {
                page.waitForTimeout(250);
                page.reload();
            }
            screenshot(page, "journey-05-stream-arrived");
            assertThat(row).hasCount(1);
            assertThat(row.locator("a.issue-link")).containsText("IllegalStateException");
            screenshot(page, "journey-05-stream-arrived");

            // open it: the detail page shows the stack of the SDK's exception, in-app frames first-class
            row.locator("a.issue-link").click();
            page.waitForURL("**/issues/*");
            String issueUrl = page.url();
            String issueId = issueUrl.substring(issueUrl.lastIndexOf('/') + 1);
            assertThat(page.locator("h1")).containsText("IllegalStateException");
            assertThat(page.locator(".frame.in-app .frame-where").first()).containsText("TriageJourneySqliteTest$InvoiceService in render");
            assertThat(page.locator(".exception .exc-type").filter(new Locator.FilterOptions().setHasText("NumberFormatException"))).hasCount(1);
            screenshot(page, "journey-06-detail");

            // resolve
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resolve").setExact(true)).click();
            assertThat(page.locator("#flash")).containsText("Resolved.");
            assertThat(page.locator(".status-line .status")).hasText("resolved");
            assertThat(issue(api, token, issueId).path("status").asString()).isEqualTo("resolved");
            screenshot(page, "journey-07-resolved");

            // reopen, then snooze for 30 minutes
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unresolve")).click();
            assertThat(page.locator(".status-line .status")).hasText("unresolved");
            page.getByText("Ignore…").click();
            screenshot(page, "journey-08-ignore-menu");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("30 minutes")).click();
            assertThat(page.locator(".status-line .status")).hasText("ignored");
            JsonNode snoozed = issue(api, token, issueId);
            assertThat(snoozed.path("status").asString()).isEqualTo("ignored");
            assertThat(snoozed.path("statusDetails").path("ignoreUntil").isMissingNode()).as(snoozed.toString()).isFalse();
            screenshot(page, "journey-09-snoozed");

            // unresolve and assign it to myself
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unresolve")).click();
            assertThat(page.locator(".status-line .status")).hasText("unresolved");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign to me")).click();
            assertThat(page.locator(".status-line")).containsText(user.name());
            JsonNode assigned = issue(api, token, issueId);
            assertThat(assigned.path("status").asString()).isEqualTo("unresolved");
            assertThat(assigned.path("assignedTo").path("id").asString()).isEqualTo(String.valueOf(user.id()));
            screenshot(page, "journey-10-assigned");

            // find it with the search box: free text, and is:unresolved with assigned:me
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues");
            page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).fill("INV-20417");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true)).click();
            page.waitForURL("**query=INV-20417*");
            assertThat(page.locator("tr[data-issue-row]")).hasCount(1);
            screenshot(page, "journey-11-search-text");
            page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).fill("is:unresolved assigned:me");
            page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).press("Enter");
            page.waitForURL("**assigned*");
            assertThat(page.locator("tr[data-issue-row]")).hasCount(1);
            assertThat(page.locator("tr[data-issue-row]")).containsText(user.name());
            page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).fill("is:resolved");
            page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).press("Enter");
            page.waitForURL("**resolved*");
            assertThat(page.locator(".empty")).containsText("No issues match this search");
            page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).fill("is:unresolved");
            page.getByLabel("Search", new Page.GetByLabelOptions().setExact(true)).press("Enter");
            page.waitForURL("**unresolved*");
            assertThat(page.locator("tr[data-issue-row]")).hasCount(1);
            screenshot(page, "journey-12-search-unresolved");

            // the event view: the one event, by its id, with the SDK's data
            page.locator("tr[data-issue-row] a.issue-link").click();
            page.waitForURL("**/issues/*");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Oldest")).click();
            page.waitForURL("**event=oldest*");
            assertThat(page.locator("#event-h")).containsText(sent.toString());
            assertThat(page.locator("#event")).containsText("billing@2.4.1");
            assertThat(page.locator("#event")).containsText("eu-central");
            screenshot(page, "journey-13-event");

            // the same pages on a phone
            page.setViewportSize(390, 844);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues");
            screenshot(page, "journey-14-stream-phone");
            page.navigate(issueUrl);
            screenshot(page, "journey-15-detail-phone");
        }
        assertThat(consoleErrors).as("browser console errors (CSP violations show up here)").isEmpty();
    }

    static JsonNode issue(ApiClient api, String token, String id) {
        ApiClient.Response response = api.get(token, "/api/0/issues/" + id + "/");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
