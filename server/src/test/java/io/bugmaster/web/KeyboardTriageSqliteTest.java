package io.bugmaster.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * Twenty new issues triaged from the stream with the keyboard only: j/k to move, r resolve,
 * i ignore, a assign to me. Every issue's final state is checked through the API, and the focused
 * row is always visible and marked. The wall time of the triage is printed.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class KeyboardTriageSqliteTest extends BrowserTest {
    static final String PASSWORD = "keyboard-triage-password";
    static final int ISSUES = 20;

    @Autowired ProjectService projects;

    final HttpClient http = HttpClient.newHttpClient();

    void send(long projectId, ProjectKey key, int n) throws Exception {
        String event = """
                {"platform":"java","level":"error","release":"shop@3.0.0",
                "exception":{"values":[{"type":"Triage%02dException","module":"com.acme.triage","value":"problem number %d",
                "stacktrace":{"frames":[{"module":"com.acme.Orders","function":"place","filename":"Orders.java","lineno":%d,"in_app":true}]}}]}}"""
                .formatted(n, n, 10 + n).replace("\n", "");
        String envelope = "{\"event_id\":\"" + UUID.randomUUID().toString().replace("-", "") + "\"}\n{\"type\":\"event\"}\n" + event + "\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId
                + "/envelope/?sentry_key=" + key.publicKey())).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** What to do with issue n: resolve, ignore, assign to me, or leave it for later. */
    static String planFor(int n) {
        return switch (n % 4) {
            case 0 -> "r";
            case 1 -> "i";
            case 2 -> "a";
            default -> "leave";
        };
    }

    static int numberOf(String title) {
        int at = title.indexOf("Triage");
        return Integer.parseInt(title.substring(at + 6, at + 8));
    }

    @Test
    void twentyNewIssuesAreTriagedWithTheKeyboardOnly() throws Exception {
        User user = newUser(PASSWORD);
        Actor actor = Actor.session(user.id(), user.email());
        Organization org = organizations.create(actor, "Keys Inc", unique("keys"));
        String slug = unique("shop");
        long projectId = projects.create(actor, org.slug(), org.slug(), "Shop", slug, "java").project().id();
        ProjectKey key = projects.listKeys(actor, org.slug(), slug).get(0);
        for (int n = 0; n < ISSUES; n++) {
            send(projectId, key, n);
        }
        String token = token(actor, List.of("org:read", "project:read", "event:read"));
        ApiClient api = new ApiClient(baseUrl());
        List<String> consoleErrors = errors();

        Map<Integer, String> issueIds = new LinkedHashMap<>();
        long millis;
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            logIn(page, user.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues");
            Locator rows = page.locator("tr[data-issue-row]");
            assertThat(rows).hasCount(ISSUES);
            for (int i = 0; i < ISSUES; i++) {
                Locator row = rows.nth(i);
                issueIds.put(numberOf(row.locator("a.issue-link").textContent()), row.locator("input[name=id]").getAttribute("value"));
            }
            assertThat(issueIds).hasSize(ISSUES);
            Locator selected = page.locator("tr[data-issue-row].selected");

            long start = System.nanoTime();
            page.keyboard().press("j");
            int handled = 0;
            int presses = 1;
            while (handled < ISSUES) {
                assertThat(presses).as("key presses").isLessThan(4 * ISSUES);
                // the focused row is marked for eyes and for screen readers, holds the focus, and is on screen
                assertThat(selected).hasCount(1);
                assertThat(selected).hasAttribute("aria-current", "true");
                assertThat(selected).isInViewport();
                assertThat((Boolean) page.evaluate("() => document.activeElement.closest('tr[data-issue-row]')"
                        + " === document.querySelector('tr[data-issue-row].selected')")).isTrue();
                if (handled == 6) {
                    screenshot(page, "journey-keyboard-triage");
                }
                int n = numberOf(selected.locator("a.issue-link").textContent());
                String plan = planFor(n);
                if (plan.equals("leave")) {
                    page.keyboard().press("j");
                } else {
                    page.waitForNavigation(() -> page.keyboard().press(plan));
                    if (plan.equals("a")) {
                        // the assigned issue stays in the stream with the focus on it: move on
                        assertThat(selected.locator("a.issue-link")).containsText(String.format("Triage%02d", n));
                        page.keyboard().press("j");
                        presses++;
                    }
                }
                presses++;
                handled++;
            }
            millis = (System.nanoTime() - start) / 1_000_000;
            screenshot(page, "journey-keyboard-done");

            // k goes back up, and the first row has no row above it
            int before = rows.count();
            assertThat(before).isEqualTo(ISSUES / 2);
            for (int i = 0; i < before + 2; i++) {
                page.keyboard().press("k");
            }
            assertThat(selected).hasCount(1);
            assertThat(rows.first()).hasClass(java.util.regex.Pattern.compile("\\bselected\\b"));
            assertThat(rows.first()).isInViewport();
        }
        System.out.printf("Keyboard triage of %d issues took %d ms (%.1f s, %d ms per issue)%n", ISSUES, millis, millis / 1000.0,
                millis / ISSUES);

        for (Map.Entry<Integer, String> e : issueIds.entrySet()) {
            ApiClient.Response response = api.get(token, "/api/0/issues/" + e.getValue() + "/");
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode issue = response.json();
            String plan = planFor(e.getKey());
            String expectedStatus = switch (plan) {
                case "r" -> "resolved";
                case "i" -> "ignored";
                default -> "unresolved";
            };
            assertThat(issue.path("status").asString()).as("issue %d (%s)", e.getKey(), plan).isEqualTo(expectedStatus);
            if (plan.equals("a")) {
                assertThat(issue.path("assignedTo").path("id").asString()).as("issue %d", e.getKey()).isEqualTo(String.valueOf(user.id()));
            } else {
                assertThat(issue.path("assignedTo").isNull() || issue.path("assignedTo").isMissingNode())
                        .as("issue %d is unassigned: %s", e.getKey(), issue.path("assignedTo")).isTrue();
            }
        }
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }
}
