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
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * The desk at the sizes people use it: ten or more issue rows on a 1366x768 laptop with the row
 * actions out of the way until hovered or focused, the top navigation on one row at 1280 px, the
 * stream's environment and time-range pickers, the alert rule and channel forms in groups, and the
 * fixes of defects seen in screenshots (one flash message, channel names, confirmation before
 * deleting, styled URL fields, context cards). Screenshots of each page in both colour schemes go
 * to target/screenshots/desk-*.png.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class DeskSqliteTest extends BrowserTest {
    static final String PASSWORD = "desk-password";

    @Autowired ProjectService projects;
    @Autowired ChannelService channels;

    final HttpClient http = HttpClient.newHttpClient();

    /** An organization with one project whose owner is logged in nowhere yet. */
    record Desk(User user, Actor actor, Organization org, String slug, long projectId, ProjectKey key) {
        String stream() {
            return "/orgs/" + org.slug() + "/issues";
        }
    }

    Desk desk() {
        User user = newUser(PASSWORD);
        Actor actor = Actor.session(user.id(), user.email());
        Organization org = organizations.create(actor, "Desk Inc", unique("desk"));
        String slug = unique("checkout");
        long projectId = projects.create(actor, org.slug(), org.slug(), "Checkout", slug, "java").project().id();
        return new Desk(user, actor, org, slug, projectId, projects.listKeys(actor, org.slug(), slug).get(0));
    }

    /** One event of a new issue (its type names it) in an environment, at a time in the past. */
    void send(Desk desk, String type, String environment, Instant at) throws Exception {
        String event = """
                {"platform":"java","level":"error","release":"checkout@2.1.0","environment":"%2$s","timestamp":%3$d,
                "exception":{"values":[{"type":"%1$s","value":"the payment provider answered 502 while capturing order 4711",
                "stacktrace":{"frames":[{"module":"com.acme.checkout.PaymentController","function":"capture","filename":"PaymentController.java","lineno":42,"in_app":true}]}}]},
                "contexts":{"os":{"name":"Linux","version":"6.1","kernel_version":"6.1.0-18-amd64"},
                "runtime":{"name":"OpenJDK","version":"21.0.2","raw_description":"OpenJDK 64-Bit Server VM"},
                "trace":{"type":"trace"},"empty":{},"blank":{"name":""}}}"""
                .formatted(type, environment, at.getEpochSecond()).replace("\n", "");
        String envelope = "{\"event_id\":\"" + UUID.randomUUID().toString().replace("-", "") + "\"}\n{\"type\":\"event\"}\n" + event + "\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + desk.projectId()
                + "/envelope/?sentry_key=" + desk.key().publicKey())).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    BrowserContext context(int width, int height, ColorScheme scheme) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height).setColorScheme(scheme));
        context.setDefaultTimeout(30_000); // waits for conditions; generous for a busy machine
        return context;
    }

    static void shoot(Page page, String name) {
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("desk-" + name + "-"
                    + scheme.name().toLowerCase(java.util.Locale.ROOT) + ".png")));
        }
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
    }

    static double opacity(Locator element) {
        return Double.parseDouble((String) element.evaluate("e => getComputedStyle(e).opacity"));
    }

    @Test
    void tenIssueRowsFitA1366x768LaptopWithRowActionsOnHoverFocusAndKeys() throws Exception {
        Desk desk = desk();
        Instant now = clock.instant();
        for (int n = 0; n < 14; n++) {
            send(desk, String.format("com.acme.checkout.PaymentCapture%02dException", n), "production", now.minus(Duration.ofMinutes(5L * n)));
        }
        List<String> consoleErrors = errors();
        try (BrowserContext context = context(1366, 768, ColorScheme.LIGHT)) {
            Page page = newPage(context, consoleErrors);
            logIn(page, desk.user().email(), PASSWORD);
            page.navigate(baseUrl() + desk.stream());
            Locator rows = page.locator("tr[data-issue-row]");
            assertThat(rows).hasCount(14);
            int visible = ((Number) page.evaluate("""
                    () => Array.from(document.querySelectorAll('tr[data-issue-row]'))
                        .filter(r => { const b = r.getBoundingClientRect(); return b.top >= 0 && b.bottom <= window.innerHeight; }).length""")).intValue();
            shoot(page, "stream");
            assertThat(visible).as("issue rows fully visible at 1366x768 without scrolling").isGreaterThanOrEqualTo(10);

            // the row actions stay out of sight until the row is hovered, focused or picked with j/k
            Locator first = rows.first();
            Locator tools = first.locator(".row-tools");
            assertThat(opacity(tools)).as("row actions of a row nobody points at").isZero();
            first.hover();
            assertThat(opacity(tools)).as("row actions on hover").isEqualTo(1.0);
            shoot(page, "stream-hover");
            page.mouse().move(1, 1);
            page.keyboard().press("j");
            assertThat(first).hasClass(java.util.regex.Pattern.compile("\\bselected\\b"));
            assertThat(opacity(tools)).as("row actions of the row picked with j").isEqualTo(1.0);
            // Tab from the issue's link reaches its actions, which show while they hold the focus
            Locator second = rows.nth(1);
            second.locator("a.issue-link").focus();
            page.keyboard().press("Tab");
            assertThat((Boolean) page.evaluate("() => document.activeElement.closest('.row-tools') !== null"
                    + " && document.activeElement.closest('tr') === document.querySelectorAll('tr[data-issue-row]')[1]")).isTrue();
            assertThat(opacity(second.locator(".row-tools"))).as("row actions holding the focus").isEqualTo(1.0);
            // r still resolves the row picked with j, through the row's own form
            page.keyboard().press("Escape");
            page.mouse().move(1, 1);
            page.waitForNavigation(() -> page.keyboard().press("r"));
            assertThat(rows).hasCount(13);

            // the inbox lists new issues in the same compact rows
            page.navigate(baseUrl() + "/orgs/" + desk.org().slug() + "/inbox");
            assertThat(page.locator("tr[data-issue-row]")).hasCount(13);
            page.locator("tr[data-issue-row]").nth(1).hover();
            shoot(page, "inbox");
        }
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

    @Test
    void theTopNavigationIsOneRowAt1280PxInBothColourSchemes() throws Exception {
        Desk desk = desk();
        // a second organization brings the organization switcher; a long address is the worst case of the account menu
        organizations.create(desk.actor(), "Desk Holdings International", unique("holdings"));
        send(desk, "IllegalStateException", "production", clock.instant());
        List<String> consoleErrors = errors();
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            try (BrowserContext context = context(1280, 800, scheme)) {
                Page page = newPage(context, consoleErrors);
                logIn(page, desk.user().email(), PASSWORD);
                for (String path : List.of(desk.stream(), "/orgs/" + desk.org().slug() + "/settings", "/settings/tokens")) {
                    page.navigate(baseUrl() + path);
                    @SuppressWarnings("unchecked")
                    List<Number> tops = (List<Number>) page.evaluate("""
                            () => Array.from(document.querySelectorAll('.topbar a, .topbar summary, .topbar button'))
                                .filter(e => e.getBoundingClientRect().height > 0 && !e.closest('details:not([open]) > :not(summary)'))
                                .map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))""");
                    // an organization's pages have its sections; personal pages only the brand, switcher and account
                    assertThat(tops).as("the visible links of the top bar on %s", path)
                            .hasSizeGreaterThanOrEqualTo(path.startsWith("/orgs/") ? 12 : 3);
                    int min = tops.stream().mapToInt(Number::intValue).min().orElseThrow();
                    int max = tops.stream().mapToInt(Number::intValue).max().orElseThrow();
                    assertThat(max - min).as("the top bar's links share one row on %s (%s): centres %s", path, scheme, tops)
                            .isLessThanOrEqualTo(4);
                    double height = ((Number) page.evaluate("() => document.querySelector('.topbar').getBoundingClientRect().height")).doubleValue();
                    assertThat(height).as("top bar height on %s", path).isLessThanOrEqualTo(56);
                }
                // the account's links are one click away, in a menu that works without JavaScript
                page.locator(".account summary").click();
                assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API tokens"))).isVisible();
                assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))).isVisible();
                if (scheme == ColorScheme.DARK) {
                    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("desk-topbar-account-dark.png")));
                }
            }
        }
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

    @Test
    void theEnvironmentAndTimeRangePickersFilterTheStreamAndLiveInTheUrl() throws Exception {
        Desk desk = desk();
        Instant now = clock.instant();
        send(desk, "ProductionNowException", "production", now.minus(Duration.ofMinutes(10)));
        send(desk, "ProductionLastWeekException", "production", now.minus(Duration.ofDays(3)));
        send(desk, "StagingNowException", "staging", now.minus(Duration.ofMinutes(20)));
        send(desk, "QaNowException", "qa", now.minus(Duration.ofMinutes(30)));
        projects.setEnvironmentHidden(desk.actor(), desk.org().slug(), desk.slug(), "qa", true);
        List<String> consoleErrors = errors();
        try (BrowserContext context = context(1366, 768, ColorScheme.LIGHT)) {
            Page page = newPage(context, consoleErrors);
            logIn(page, desk.user().email(), PASSWORD);
            page.navigate(baseUrl() + desk.stream());
            Locator titles = page.locator("tr[data-issue-row] a.issue-link");
            assertThat(titles).hasCount(4);

            // the environments are the project's, hidden ones left out
            Locator environment = page.getByLabel("Environment", new Page.GetByLabelOptions().setExact(true));
            @SuppressWarnings("unchecked")
            List<String> offered = (List<String>) environment.evaluate("s => Array.from(s.options).map(o => o.textContent.trim())");
            assertThat(offered).containsExactly("All environments", "production", "staging");
            @SuppressWarnings("unchecked")
            List<String> ranges = (List<String>) page.getByLabel("Last seen", new Page.GetByLabelOptions().setExact(true))
                    .evaluate("s => Array.from(s.options).map(o => o.value)");
            assertThat(ranges).containsExactly("1h", "24h", "7d", "14d", "30d", "all");

            environment.selectOption("production");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true)).click();
            page.waitForURL("**environment=production**");
            assertThat(titles).hasCount(2);
            assertThat(page.locator("tr[data-issue-row]").filter(new Locator.FilterOptions().setHasText("StagingNow"))).hasCount(0);

            page.getByLabel("Last seen", new Page.GetByLabelOptions().setExact(true)).selectOption("24h");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true)).click();
            page.waitForURL("**period=24h**");
            assertThat(titles).hasCount(1);
            assertThat(titles.first()).containsText("ProductionNowException");
            shoot(page, "stream-pickers");

            // the pickers survive a reload from the address, a quick filter and the project choice
            String url = page.url();
            assertThat(url).contains("environment=production").contains("period=24h");
            page.navigate(url);
            assertThat(page.getByLabel("Environment", new Page.GetByLabelOptions().setExact(true))).hasValue("production");
            assertThat(page.getByLabel("Last seen", new Page.GetByLabelOptions().setExact(true))).hasValue("24h");
            assertThat(page.locator(".quick-filters a").first()).hasAttribute("href",
                    java.util.regex.Pattern.compile(".*environment=production.*period=24h.*"));

            // a saved search keeps them: its query carries them
            page.getByText("Save this search").click();
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Production today");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
            assertThat(page.locator("#flash")).containsText("Saved the search");
            page.navigate(baseUrl() + desk.stream());
            assertThat(titles).hasCount(4);
            page.locator(".saved-search a.chip").filter(new Locator.FilterOptions().setHasText("Production today")).click();
            page.waitForURL("**query=**");
            assertThat(titles).hasCount(1);
            assertThat(titles.first()).containsText("ProductionNowException");

            // a time range the stream does not offer is refused with a message, not a 500
            var refused = page.navigate(baseUrl() + desk.stream() + "?period=13x");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(page.locator("#main")).containsText("time range");
        }
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

    @Test
    void theAlertRuleFormIsGroupedSavesWithOneFlashNamesItsChannelAndAsksBeforeDeleting() throws Exception {
        Desk desk = desk();
        channels.create(desk.actor(), desk.org().slug(), new ChannelService.NewChannel("Ops room", "slack",
                Map.of("url", "https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX")));
        String alerts = "/orgs/" + desk.org().slug() + "/alerts";
        List<String> consoleErrors = errors();
        try (BrowserContext context = context(1366, 768, ColorScheme.LIGHT)) {
            Page page = newPage(context, consoleErrors);
            logIn(page, desk.user().email(), PASSWORD);
            page.navigate(baseUrl() + alerts + "/new");
            assertGroupedWithEvenSpacing(page, "#rule-form");
            page.setViewportSize(1366, 1400);
            shoot(page, "alert-rule-form");
            page.setViewportSize(1366, 768);

            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Production errors to ops");
            page.getByLabel("Notify Ops room (slack)").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create rule")).click();
            page.waitForURL("**/alerts");
            assertThat(page.getByText("Alert rule \"Production errors to ops\" created.")).hasCount(1);
            assertThat(page.locator(".alert-rules td[data-label=Actions]")).hasText("Ops room (slack)");
            shoot(page, "alert-rules");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Production errors to ops")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save rule")).click();
            page.waitForURL("**/alerts");
            assertThat(page.getByText("Alert rule \"Production errors to ops\" saved.")).hasCount(1);
        }

        // without JavaScript, deleting a rule takes a second, deliberate step
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false).setViewportSize(1366, 768))) {
            Page page = context.newPage();
            logIn(page, desk.user().email(), PASSWORD);
            page.navigate(baseUrl() + alerts);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Production errors to ops")).click();
            Locator delete = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete rule “Production errors to ops”"));
            assertThat(delete).isHidden();
            page.getByText("Delete this rule…").click();
            assertThat(delete).isVisible();
            shoot(page, "alert-rule-delete");
            delete.click();
            page.waitForURL("**/alerts");
            assertThat(page.locator("#flash")).containsText("Alert rule deleted.");
            assertThat(page.locator(".alert-rules")).hasCount(0);
        }
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

    /**
     * Every control of the form sits in a fieldset with a legend (the form's outer fieldset, which only
     * disables it for viewers, aside), and the gaps between a fieldset's parts are all the same.
     */
    static void assertGroupedWithEvenSpacing(Page page, String form) {
        @SuppressWarnings("unchecked")
        List<String> loose = (List<String>) page.evaluate("""
                f => Array.from(document.querySelectorAll(f + ' input:not([type=hidden]), ' + f + ' select, ' + f + ' textarea'))
                    .filter(c => { const s = c.closest('fieldset:not(.plain)'); return !s || !s.querySelector(':scope > legend'); })
                    .map(c => c.name || c.id)""", form);
        assertThat(loose).as("controls of %s outside a group with a legend", form).isEmpty();
        @SuppressWarnings("unchecked")
        List<String> uneven = (List<String>) page.evaluate("""
                f => Array.from(document.querySelectorAll(f + ' fieldset:not(.plain)')).flatMap(set => {
                    const parts = Array.from(set.children).filter(c => c.tagName !== 'LEGEND' && c.getBoundingClientRect().height > 0);
                    const gaps = [];
                    for (let i = 1; i < parts.length; i++) {
                        const a = parts[i - 1].getBoundingClientRect(), b = parts[i].getBoundingClientRect();
                        if (b.top >= a.bottom - 1) gaps.push(Math.round(b.top - a.bottom));
                    }
                    const distinct = [...new Set(gaps)];
                    return distinct.length > 1 ? [set.querySelector('legend').textContent.trim() + ': ' + gaps.join(', ')] : [];
                })""", form);
        assertThat(uneven).as("fieldsets of %s whose parts are spaced unevenly (gaps in px)", form).isEmpty();
    }

    @Test
    void theAddChannelFormsAreGroupedAndEveryTextFieldIsStyledLikeTheName() throws Exception {
        Desk desk = desk();
        String page0 = "/orgs/" + desk.org().slug() + "/settings/notifications";
        List<String> consoleErrors = errors();
        try (BrowserContext context = context(1366, 900, ColorScheme.LIGHT)) {
            Page page = newPage(context, consoleErrors);
            logIn(page, desk.user().email(), PASSWORD);
            page.navigate(baseUrl() + page0);
            Locator kinds = page.locator("#main details.snippet");
            assertThat(kinds.first()).isVisible();
            for (int i = 0; i < kinds.count(); i++) {
                kinds.nth(i).locator("summary").click();
            }
            assertGroupedWithEvenSpacing(page, "form.add-channel");
            // URL, email and password fields look like the name field next to them
            @SuppressWarnings("unchecked")
            List<String> unlike = (List<String>) page.evaluate("""
                    () => {
                      const look = e => { const s = getComputedStyle(e); return [s.borderTopWidth, s.borderTopStyle, s.borderRadius, s.minHeight, s.paddingLeft].join(' '); };
                      const name = look(document.querySelector('form.add-channel input[name=name]'));
                      return Array.from(document.querySelectorAll('form.add-channel input:not([type=hidden]):not([type=checkbox]):not([type=radio])'))
                        .filter(e => look(e) !== name).map(e => (e.type || 'text') + ' ' + e.id + ': ' + look(e) + ' vs ' + name);
                    }""");
            assertThat(unlike).as("text fields styled unlike the name field").isEmpty();
            page.setViewportSize(1366, 2400);
            shoot(page, "channels");
        }
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

    @Test
    void contextCardsKeepTheirKeysWholeAndEmptyOnesAreLeftOut() throws Exception {
        Desk desk = desk();
        send(desk, "IllegalStateException", "production", clock.instant());
        List<String> consoleErrors = errors();
        try (BrowserContext context = context(1366, 768, ColorScheme.LIGHT)) {
            Page page = newPage(context, consoleErrors);
            logIn(page, desk.user().email(), PASSWORD);
            page.navigate(baseUrl() + desk.stream());
            page.locator("a.issue-link").first().click();
            page.waitForURL("**/issues/*");
            Locator cards = page.locator(".contexts .context-box");
            assertThat(cards.locator("h4")).hasText(new String[] {"Operating system", "Runtime"});
            @SuppressWarnings("unchecked")
            List<String> broken = (List<String>) page.evaluate("""
                    () => Array.from(document.querySelectorAll('.contexts dt'))
                        .filter(dt => { const r = document.createRange(); r.selectNodeContents(dt); return r.getClientRects().length > 1; })
                        .map(dt => dt.textContent)""");
            assertThat(broken).as("context keys broken over two lines").isEmpty();
            page.locator(".contexts").scrollIntoViewIfNeeded();
            shoot(page, "event-contexts");
            page.evaluate("() => window.scrollTo(0, 0)");
            shoot(page, "issue");

            // counts say "1 new issue", never "1 new issues"
            page.navigate(baseUrl() + "/orgs/" + desk.org().slug() + "/releases/checkout@2.1.0");
            assertThat(page.locator("#main")).containsText("1 new issue,");
            assertThat(page.locator("#main")).not().containsText("1 new issues");
        }
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

    @Test
    void projectDeletionAsksForTheSlugEvenWithoutJavaScript() throws Exception {
        Desk desk = desk();
        String settings = "/orgs/" + desk.org().slug() + "/projects/" + desk.slug() + "/settings";
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false).setViewportSize(1366, 768))) {
            Page page = context.newPage();
            logIn(page, desk.user().email(), PASSWORD);
            page.navigate(baseUrl() + settings);
            // a wrong slug is refused by the server (an empty field already by the browser)
            page.getByLabel("Type " + desk.slug() + " to confirm").fill("checkout");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete project")).click();
            assertThat(page.locator("#confirm-error")).containsText("Type the project's slug");
            assertThat(projects.list(desk.actor(), desk.org().slug(), 0, 10).items()).hasSize(1);
            page.locator("#delete-heading").scrollIntoViewIfNeeded();
            shoot(page, "settings");
            page.getByLabel("Type " + desk.slug() + " to confirm").fill(desk.slug());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete project")).click();
            page.waitForURL("**/projects");
            assertThat(page.locator("#flash")).containsText("deleted");
            assertThat(projects.list(desk.actor(), desk.org().slug(), 0, 10).items()).isEmpty();
        }
    }
}
