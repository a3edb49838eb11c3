package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * The event view's side data is attacker-controlled too: attachment names and bytes, user feedback,
 * breadcrumb categories and data. In Chromium it shows as text, never runs, and an attachment is
 * only ever downloaded.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class EscapingEventDataSqliteTest extends BrowserTest {
    static final String MARKUP = EscapingSqliteTest.MARKUP;
    static final String ESCAPED = EscapingSqliteTest.ESCAPED;
    static final String PASSWORD = "event-escaping-password";

    @Autowired ProjectService projects;

    @Test
    void markupInAttachmentsFeedbackAndBreadcrumbsRendersAsTextAndAttachmentsOnlyDownload() throws Exception {
        User user = users.insert(unique("xss") + "@example.com", "Eve Viewer", passwordEncoder.encode(PASSWORD), false,
                clock.instant()).orElseThrow();
        Actor actor = Actor.session(user.id(), user.email());
        Organization org = organizations.create(actor, "Shop", unique("shop"));
        String slug = unique("checkout");
        long projectId = projects.create(actor, org.slug(), org.slug(), "Checkout", slug, "java").project().id();
        ProjectKey key = projects.listKeys(actor, org.slug(), slug).get(0);

        String m = MARKUP.replace("\"", "\\\"");
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = """
                {"platform":"javascript","level":"error","exception":{"values":[{"type":"HostileError","value":"boom"}]},
                "breadcrumbs":{"values":[
                {"timestamp":"%2$s","type":"%1$s","category":"%1$s","level":"%1$s","message":"%1$s","data":{"%1$s":"%1$s","url":"%1$s"}},
                {"timestamp":"%1$s","category":"ui.click","message":"button#pay"}]},
                "contexts":{"browser":{"name":"%1$s","version":"%1$s"},"device":{"model":"%1$s","%1$s":"%1$s"}}}"""
                .formatted(m, clock.instant().minusSeconds(3)).replace("\n", "");
        byte[] bytes = ("<html><body>" + MARKUP + "<script>document.title='pwned'</script></body></html>").getBytes(StandardCharsets.UTF_8);
        String envelope = "{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n" + event + "\n"
                + "{\"type\":\"attachment\",\"length\":" + bytes.length + ",\"filename\":\"" + m + ".html\",\"content_type\":\"text/html\"}\n"
                + new String(bytes, StandardCharsets.UTF_8) + "\n"
                + "{\"type\":\"user_report\"}\n{\"event_id\":\"" + id + "\",\"name\":\"" + m + "\",\"email\":\"" + m + "\",\"comments\":\"" + m + "\"}\n";
        HttpResponse<String> sent = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/envelope/"))
                .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);

        List<String> dialogs = new ArrayList<>();
        List<String> consoleErrors = errors();
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
            logIn(page, user.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues");
            page.locator("table.issues a", new Page.LocatorOptions().setHasText("HostileError")).first().click();
            page.waitForURL("**/issues/*");
            Response detail = page.navigate(page.url());
            assertThat(detail.status()).isEqualTo(200);
            String html = detail.text();
            assertThat(html).contains(ESCAPED).doesNotContain("<script>alert", "<img src=x");
            assertThat(page.locator("img").count()).as("no injected image").isZero();

            assertThat(page.locator(".attachment-name").textContent()).isEqualTo(MARKUP + ".html");
            assertThat(page.locator("#feedback .feedback-name").textContent()).isEqualTo(MARKUP);
            assertThat(page.locator("#feedback .feedback-email").textContent()).isEqualTo(MARKUP);
            assertThat(page.locator("#feedback .feedback-comments").textContent()).isEqualTo(MARKUP);
            assertThat(page.locator("#event .feedback-comments").textContent()).isEqualTo(MARKUP);
            assertThat(page.locator(".crumb-category", new Page.LocatorOptions().setHasText(MARKUP)).count()).isEqualTo(1);
            assertThat(page.locator(".crumb-type").first().textContent()).isEqualTo(MARKUP);
            assertThat(page.locator(".crumb-message").first().textContent()).isEqualTo(MARKUP);
            assertThat(page.locator(".crumb-data dt", new Page.LocatorOptions().setHasText(MARKUP)).count()).isEqualTo(1);
            assertThat(page.locator(".crumb-data dd", new Page.LocatorOptions().setHasText(MARKUP)).count()).isEqualTo(2);
            assertThat(page.locator(".crumb").first().getAttribute("class")).as("a hostile level is not a class").isEqualTo("crumb crumb-info");
            assertThat(page.locator(".context-headline", new Page.LocatorOptions().setHasText(MARKUP)).count()).isEqualTo(2);
            screenshot(page, "4x-event-hostile");

            // the attachment is HTML with a script: clicking it downloads the bytes, the browser never renders them
            String before = page.url();
            Download download = page.waitForDownload(() -> page.locator("a.attachment-download").click());
            assertThat(Files.readAllBytes(download.path())).isEqualTo(bytes);
            assertThat(page.url()).isEqualTo(before);
            assertThat(page.title()).doesNotContain("pwned");
            settle(page); // an injected handler would have fired by now
        }
        assertThat(dialogs).as("dialogs opened by injected script").isEmpty();
        assertThat(consoleErrors).as("browser console errors (CSP violations show up here)").isEmpty();
    }
}
