package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.SqliteTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * Accessibility basics on every main page, checked in Chromium by src/test/resources/a11y/check.js:
 * named controls, buttons and links with text, charts with a text alternative, lang, one h1, AA
 * text contrast and 3:1 for the marks of charts, in the light and the dark colour scheme; and no
 * sideways scrolling on a 390x844 phone (screenshots journey-phone-*.png).
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class AccessibilitySqliteTest extends BrowserTest {
    static final String PASSWORD = "accessibility-password";

    @Autowired ProjectService projects;
    @Autowired io.bugmaster.issues.ownership.OwnershipService ownership;
    @Autowired io.bugmaster.notify.ChannelService channels;

    final HttpClient http = HttpClient.newHttpClient();

    static String check() throws IOException {
        try (InputStream in = AccessibilitySqliteTest.class.getResourceAsStream("/a11y/check.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    void send(long projectId, ProjectKey key, String type, String release) throws Exception {
        String event = """
                {"platform":"java","level":"error","release":"%2$s","environment":"production","tags":{"browser":"Firefox 128"},
                "user":{"id":"u-7","email":"ada@example.com"},
                "exception":{"values":[{"type":"%1$s","value":"order 1234 could not be paid: the card reader is offline",
                "stacktrace":{"frames":[{"module":"com.acme.web.CheckoutController","function":"pay","filename":"CheckoutController.java","lineno":88,"in_app":true},
                {"module":"com.acme.payments.CardReader","function":"read","filename":"CardReader.java","lineno":21,"in_app":true,
                "context_line":"throw new IllegalStateException(\\"card reader offline\\");","pre_context":["if (!online) {"],"post_context":["}"]}]}}]},
                "breadcrumbs":{"values":[{"timestamp":1700000000,"category":"ui.click","message":"button#pay"}]},
                "request":{"url":"https://shop.example.com/checkout/pay","method":"POST","headers":{"User-Agent":"Firefox"}},
                "contexts":{"os":{"name":"Linux"},"runtime":{"name":"OpenJDK","version":"21"}}}"""
                .formatted(type, release).replace("\n", "");
        String envelope = "{\"event_id\":\"" + UUID.randomUUID().toString().replace("-", "") + "\"}\n{\"type\":\"event\"}\n" + event + "\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId
                + "/envelope/?sentry_key=" + key.publicKey())).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void everyMainPageHasNamedControlsReadableTextAndFitsAPhone() throws Exception {
        User user = newUser(PASSWORD);
        Actor actor = Actor.session(user.id(), user.email());
        Organization org = organizations.create(actor, "Access Inc", unique("access"));
        String slug = unique("storefront");
        long projectId = projects.create(actor, org.slug(), org.slug(), "Storefront", slug, "java").project().id();
        ProjectKey key = projects.listKeys(actor, org.slug(), slug).get(0);
        send(projectId, key, "IllegalStateException", "storefront@1.4.0");
        send(projectId, key, "IllegalStateException", "storefront@1.4.0");
        send(projectId, key, "java.lang.ArithmeticException", "storefront@1.4.0");
        // the issue page shows suggested assignees (a long rule must still fit a phone)
        organizations.createTeam(actor, org.slug(), "Payments", "payments");
        ownership.update(actor, org.slug(), slug, new io.bugmaster.issues.ownership.OwnershipService.Change(
                "module:com.acme.payments.* " + user.email() + " #payments", false, null));
        long channelId = channels.create(actor, org.slug(), new io.bugmaster.notify.ChannelService.NewChannel("Ops room", "slack",
                Map.of("url", "https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX"))).id();
        String check = check();
        String o = "/orgs/" + org.slug();
        List<String> consoleErrors = errors();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        List<String> overflows = new ArrayList<>();

        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            page.navigate(baseUrl() + "/login");
            audit(page, "login", check, problems, overflows);

            logIn(page, user.email(), PASSWORD);
            page.navigate(baseUrl() + o + "/issues");
            String issuePath = page.locator("a.issue-link").first().getAttribute("href");
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("stream", o + "/issues");
            pages.put("inbox", o + "/inbox");
            pages.put("issue", issuePath);
            pages.put("event", issuePath + "?event=oldest");
            pages.put("releases", o + "/releases");
            pages.put("release", o + "/releases/" + URLEncoder.encode("storefront@1.4.0", StandardCharsets.UTF_8));
            pages.put("projects", o + "/projects");
            pages.put("project-settings", o + "/projects/" + slug + "/settings");
            pages.put("members", o + "/members");
            pages.put("teams", o + "/teams");
            pages.put("org-settings", o + "/settings");
            pages.put("tokens", "/settings/tokens");
            pages.put("ownership", o + "/projects/" + slug + "/ownership");
            pages.put("alerts", o + "/alerts");
            pages.put("alert-new", o + "/alerts/new");
            pages.put("notifications", o + "/settings/notifications");
            pages.put("my-notifications", "/settings/notifications");
            pages.put("notification-channel", o + "/settings/notifications/" + channelId);
            pages.put("slack-settings", o + "/settings/slack");
            pages.put("incident-metrics", o + "/incidents/metrics");
            for (Map.Entry<String, String> p : pages.entrySet()) {
                page.setViewportSize(1280, 800);
                var response = page.navigate(baseUrl() + p.getValue());
                assertThat(response.status()).as(p.getKey() + " " + p.getValue()).isEqualTo(200);
                audit(page, p.getKey(), check, problems, overflows);
            }
        }
        problems.values().removeIf(List::isEmpty);
        assertThat(problems).as("accessibility problems, by page").isEmpty();
        assertThat(overflows).as("pages wider than a 390 px phone").isEmpty();
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCheckFindsWhatItLooksFor() throws Exception {
        try (BrowserContext context = newContext()) {
            Page page = context.newPage();
            page.setContent("<html><body style='background:#fff'><h1>One</h1><h1>Two</h1><input id=q><button></button>"
                    + "<a href='/x'></a><svg><rect width=5 height=5 /></svg><p style='color:#999'>pale</p>"
                    + "<p style='color:#595959'>dark enough</p><div style='background:#16202e'><span style='color:#56606e'>dim</span></div>"
                    + "<img src='data:,'><svg role=img aria-label='chart'><rect class=pale-bar width=5 height=5 style='fill:#e8f0fc'/>"
                    + "<path class=outlined d='M0 0L5 5' style='fill:#e8f0fc;stroke:#1f5fbf'/></svg></body></html>");
            List<String> found = (List<String>) page.evaluate(check());
            assertThat(found).anyMatch(p -> p.equals("html has no lang"))
                    .anyMatch(p -> p.equals("expected one h1, found 2"))
                    .anyMatch(p -> p.startsWith("form control without a label: input#q"))
                    .anyMatch(p -> p.startsWith("button or link without text: button"))
                    .anyMatch(p -> p.startsWith("button or link without text: a"))
                    .anyMatch(p -> p.startsWith("svg without title"))
                    .anyMatch(p -> p.startsWith("img without alt"))
                    .anyMatch(p -> p.startsWith("contrast 2.85 < 4.5 for p \"pale\""))
                    .anyMatch(p -> p.contains("for span \"dim\""))
                    .anyMatch(p -> p.startsWith("chart mark contrast") && p.contains("rect.pale-bar"))
                    .noneMatch(p -> p.contains("path.outlined"))
                    .noneMatch(p -> p.contains("dark enough"));
        }
    }

    /** Runs the check in the light and the dark colour scheme (the page follows prefers-color-scheme); problems say which. */
    @SuppressWarnings("unchecked")
    static List<String> inBothSchemes(Page page, String check, String prefix) {
        List<String> found = new ArrayList<>();
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
            String label = prefix + (scheme == ColorScheme.DARK ? "dark: " : "");
            found.addAll(((List<String>) page.evaluate(check)).stream().map(p -> label + p).toList());
        }
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
        return found;
    }

    static void audit(Page page, String name, String check, Map<String, List<String>> problems, List<String> overflows) {
        problems.put(name, inBothSchemes(page, check, ""));
        page.setViewportSize(390, 844);
        page.reload();
        problems.get(name).addAll(inBothSchemes(page, check, "phone: "));
        int scrollWidth = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
        int innerWidth = ((Number) page.evaluate("() => window.innerWidth")).intValue();
        if (scrollWidth > innerWidth) {
            overflows.add(name + ": " + scrollWidth + " px > " + innerWidth + " px; widest: " + page.evaluate("""
                    () => Array.from(document.querySelectorAll('body *'))
                        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                        .slice(-5).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')
                            + ' right=' + Math.round(e.getBoundingClientRect().right)).join(', ')"""));
        }
        screenshot(page, "journey-phone-" + name);
        page.setViewportSize(1280, 800);
    }
}
