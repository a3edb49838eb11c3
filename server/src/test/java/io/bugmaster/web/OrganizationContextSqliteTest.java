package io.bugmaster.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Member;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.issues.IssueQueries;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * Where a person is: their own pages (API tokens, My notifications) keep the navigation of the organization they
 * were in last, or of their first one; the issue page's "Assign to" menu keeps a sensible width at 1366 px and on
 * a phone; the tag facets show each fact once. Screenshots: target/screenshots/context-*.png.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class OrganizationContextSqliteTest extends BrowserTest {
    static final String PASSWORD = "context-password";

    @Autowired ProjectService projects;
    @Autowired IssueQueries issues;

    final HttpClient http = HttpClient.newHttpClient();

    BrowserContext context(int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
        context.setDefaultTimeout(30_000); // waits for conditions; generous for a busy machine
        return context;
    }

    static void shoot(Page page, String name) {
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("context-" + name + "-"
                    + scheme.name().toLowerCase(Locale.ROOT) + ".png")));
        }
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
    }

    static Locator nav(Page page) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Organization"));
    }

    @Test
    void personalPagesKeepTheNavigationOfTheOrganizationVisitedLast() {
        User user = newUser(PASSWORD);
        Actor actor = Actor.session(user.id(), user.email());
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        Organization alpha = organizations.create(actor, "Alpha Shop", "a-" + suffix);
        Organization zeta = organizations.create(actor, "Zeta Labs", "z-" + suffix);
        List<String> consoleErrors = errors();
        try (BrowserContext context = context(1366, 768)) {
            Page page = newPage(context, consoleErrors);
            logIn(page, user.email(), PASSWORD);

            // nothing visited yet: the first organization
            page.navigate(baseUrl() + "/settings/tokens");
            assertThat(nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Issues")))
                    .hasAttribute("href", "/orgs/" + alpha.slug() + "/issues");
            assertThat(page.locator(".switcher summary")).containsText("Alpha Shop");
            assertThat(page.locator(".topbar")).not().containsText("Choose organization");

            // after a page of another organization, that one
            page.navigate(baseUrl() + "/orgs/" + zeta.slug() + "/issues");
            for (String personal : List.of("/settings/tokens", "/settings/notifications")) {
                page.navigate(baseUrl() + personal);
                assertThat(nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Issues")))
                        .hasAttribute("href", "/orgs/" + zeta.slug() + "/issues");
                assertThat(nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Projects")))
                        .hasAttribute("href", "/orgs/" + zeta.slug() + "/projects");
                assertThat(page.locator(".switcher summary")).containsText("Zeta Labs");
            }
            page.navigate(baseUrl() + "/settings/tokens");
            shoot(page, "tokens");
            page.navigate(baseUrl() + "/settings/notifications");
            shoot(page, "my-notifications");

            // a membership that ended is not shown, even though the session remembers it
            User other = newUser(PASSWORD);
            Actor otherActor = Actor.session(other.id(), other.email());
            join(actor, zeta.slug(), other, Role.OWNER);
            Member mine = organizations.listMembers(actor, zeta.slug(), 0, 10).items().stream()
                    .filter(m -> m.isUser(user.id())).findFirst().orElseThrow();
            organizations.removeMember(otherActor, zeta.slug(), String.valueOf(mine.id()));
            page.navigate(baseUrl() + "/settings/tokens");
            assertThat(nav(page).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Issues")))
                    .hasAttribute("href", "/orgs/" + alpha.slug() + "/issues");
            assertThat(page.locator(".topbar")).not().containsText("Zeta Labs");
        }
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

    @Test
    void theAssignMenuKeepsASensibleWidthAndTagFacetsShowEachFactOnce() throws Exception {
        User user = newUser(PASSWORD);
        Actor actor = Actor.session(user.id(), user.email());
        Organization org = organizations.create(actor, "Wide Names", unique("wide"));
        String slug = unique("shop");
        long projectId = projects.create(actor, org.slug(), org.slug(), "Shop", slug, "java").project().id();
        String longEmail = "maximiliane.von.und.zu.auersperg-breunner." + UUID.randomUUID().toString().substring(0, 6)
                + "@payments-platform.engineering.example.com";
        User colleague = users.insert(longEmail, "Maximiliane Theodora von und zu Auersperg-Breunner", passwordEncoder.encode(PASSWORD),
                false, clock.instant()).orElseThrow();
        join(actor, org.slug(), colleague, Role.MEMBER);
        long issueId = send(actor, org, slug, projectId);

        List<String> consoleErrors = errors();
        try (BrowserContext context = context(1366, 768)) {
            Page page = newPage(context, consoleErrors);
            logIn(page, user.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues/" + issueId);
            Locator assign = page.locator("#assign-to");
            assertThat(assign.locator("option", new Locator.LocatorOptions().setHasText(longEmail))).hasCount(1);
            assertThat(assign.boundingBox().width).as("width of the Assign to menu at 1366 px").isLessThanOrEqualTo(18 * 16 + 1);
            shoot(page, "issue");

            // the tag facets: the full value (os "Linux 6.1"), not its roll-up (os.name "Linux") as well
            List<String> facets = page.locator(".facet h3").allTextContents();
            assertThat(facets).contains("os", "browser", "runtime", "device")
                    .doesNotContain("os.name", "browser.name", "runtime.name", "device.family");

            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues");
            assertThat(page.locator("#bulk-assignee").boundingBox().width).as("width of the stream's Assign to menu")
                    .isLessThanOrEqualTo(18 * 16 + 1);
        }
        try (BrowserContext phone = context(390, 844)) {
            Page page = newPage(phone, consoleErrors);
            logIn(page, user.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues/" + issueId);
            double width = page.locator("#assign-to").boundingBox().width;
            assertThat(width).as("width of the Assign to menu on a phone").isLessThanOrEqualTo(390 - 2 * 16);
            int overflow = ((Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")).intValue();
            assertThat(overflow).as("sideways scrolling on a phone").isLessThanOrEqualTo(0);
            page.locator("#assign-to").scrollIntoViewIfNeeded();
            shoot(page, "issue-phone");
        }
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

    /** One event with the contexts that make os, browser, runtime and device tags; returns its issue's id. */
    long send(Actor actor, Organization org, String slug, long projectId) throws Exception {
        ProjectKey key = projects.listKeys(actor, org.slug(), slug).get(0);
        String event = """
                {"platform":"java","level":"error","exception":{"values":[{"type":"CheckoutException","value":"cart total mismatch"}]},
                "contexts":{"os":{"name":"Linux","version":"6.1"},"runtime":{"name":"OpenJDK","version":"21.0.2"},
                "browser":{"name":"Chrome","version":"120.0"},"device":{"model":"Pixel 7","family":"Pixel"}},
                "tags":{"device.family":"Pixel"}}""".replace("\n", "");
        String envelope = "{\"event_id\":\"" + UUID.randomUUID().toString().replace("-", "") + "\"}\n{\"type\":\"event\"}\n" + event + "\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId
                + "/envelope/?sentry_key=" + key.publicKey())).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return issues.listForOrganization(actor, org.slug(), List.of(), "", "date", "", 0, 1).items().get(0).issue().id();
    }
}
