package io.bugmaster.issues.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** The event inside the issue page over real HTTP: attachments as downloads, user feedback, the breadcrumb timeline, contexts. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class EventViewSqliteTest extends IntegrationTest {
    static final String PASSWORD = "event-view-password";

    @Autowired ProjectService projects;

    final HttpClient http = HttpClient.newHttpClient();
    Organization org;
    long projectId;
    ProjectKey key;
    WebClient web;

    @BeforeEach
    void tenant() {
        User user = newUser(PASSWORD);
        Actor actor = Actor.session(user.id(), user.email());
        org = organizations.create(actor, "Shop", unique("shop"));
        String slug = unique("checkout");
        projectId = projects.create(actor, org.slug(), org.slug(), "Checkout", slug, "java").project().id();
        key = projects.listKeys(actor, org.slug(), slug).get(0);
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
    }

    /** An event a minute before now, with {@code crumbs} breadcrumbs one second apart, the last 1.3s before the event. */
    String event(String type, int crumbs) {
        java.time.Instant at = eventTime();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < crumbs; i++) {
            java.time.Instant time = at.minusMillis(1300 + 1000L * (crumbs - 1 - i));
            values.append(i == 0 ? "" : ",").append("""
                    {"timestamp":"%s","type":"http","category":"xhr","level":"%s","message":"GET /cart/%d",
                    "data":{"status_code":%d,"url":"/cart/%d"}}""".formatted(time, i == crumbs - 1 ? "error" : "info", i,
                    i == crumbs - 1 ? 500 : 200, i));
        }
        return """
                {"platform":"java","level":"error","timestamp":"%s",
                "exception":{"values":[{"type":"%s","value":"cart is empty"}]},
                "breadcrumbs":{"values":[%s]},
                "contexts":{"os":{"name":"Linux","version":"6.1","kernel_version":"6.1.0-13"},"runtime":{"name":"Java","version":"17.0.9"},
                "browser":{"name":"Chrome","version":"120.0"},"device":{"model":"Pixel 7","family":"Pixel","arch":"arm64"}}}"""
                .formatted(at, type, values).replace("\n", "");
    }

    java.time.Instant eventTime() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusSeconds(60);
    }

    String sendEnvelope(String eventJson, String attachment, String feedbackName, String feedbackComments) throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        StringBuilder envelope = new StringBuilder("{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n" + eventJson + "\n");
        if (attachment != null) {
            envelope.append("{\"type\":\"attachment\",\"length\":").append(attachment.getBytes(StandardCharsets.UTF_8).length)
                    .append(",\"filename\":\"app.log\",\"content_type\":\"text/html\"}\n").append(attachment).append("\n");
        }
        if (feedbackComments != null) {
            envelope.append("{\"type\":\"user_report\"}\n{\"event_id\":\"").append(id).append("\",\"name\":\"").append(feedbackName)
                    .append("\",\"email\":\"ana@example.com\",\"comments\":\"").append(feedbackComments).append("\"}\n");
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/envelope/"))
                .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                .POST(HttpRequest.BodyPublishers.ofString(envelope.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return id;
    }

    String issuePath(String title) {
        String html = web.get("/orgs/" + org.slug() + "/issues").body();
        Matcher m = Pattern.compile("href=\"(/orgs/" + org.slug() + "/issues/(\\d+))\">" + title).matcher(html);
        assertThat(m.find()).as("a link to the issue " + title).isTrue();
        return m.group(1);
    }

    @Test
    void attachmentsAreListedAndDownloadOnlyAsFilesOfTheirOwnIssue() throws Exception {
        String attachment = "<script>alert(1)</script> log line";
        String id = sendEnvelope(event("CartError", 1), attachment, "Ana", "It broke when I paid");
        String other = sendEnvelope(event("OtherError", 1), null, null, null);
        String detail = issuePath("CartError");

        String html = web.get(detail).body();
        assertThat(html).contains("id=\"attachments-h\"").contains(">app.log<").contains(">text/html<")
                .contains("title=\"" + attachment.length() + " bytes\"").contains(">" + attachment.length() + " B<");
        Matcher link = Pattern.compile("href=\"(" + Pattern.quote(detail) + "/events/" + id + "/attachments/(\\d+))\"").matcher(html);
        assertThat(link.find()).as("a download link").isTrue();

        HttpResponse<String> download = web.get(link.group(1));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(attachment);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/octet-stream");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment").contains("app.log");
        assertThat(download.headers().firstValue("X-Content-Type-Options").orElseThrow()).isEqualTo("nosniff");

        // the attachment belongs to this issue's event: not reachable through another issue, nor with a made-up id
        String otherDetail = issuePath("OtherError");
        assertThat(web.get(otherDetail + "/events/" + id + "/attachments/" + link.group(2)).statusCode()).isEqualTo(404);
        assertThat(web.get(otherDetail + "/events/" + other + "/attachments/" + link.group(2)).statusCode()).isEqualTo(404);
        assertThat(web.get(detail + "/events/" + id + "/attachments/999999999").statusCode()).isEqualTo(404);
        assertThat(web.get(detail + "/events/" + id + "/attachments/nope").statusCode()).isEqualTo(404);
        // a stranger gets nothing
        assertThat(new WebClient(baseUrl()).get(link.group(1)).statusCode()).isNotEqualTo(200);
        User stranger = newUser(PASSWORD);
        WebClient strangerWeb = new WebClient(baseUrl());
        strangerWeb.login(stranger.email(), PASSWORD);
        assertThat(strangerWeb.get(link.group(1)).statusCode()).isEqualTo(404);
    }

    @Test
    void userFeedbackShowsOnTheEventAndOnTheIssue() throws Exception {
        String first = sendEnvelope(event("FeedbackError", 1), null, "Ana", "It broke when I paid");
        sendEnvelope(event("FeedbackError", 1), null, "Bo", "Same here, twice");
        String detail = issuePath("FeedbackError");

        String html = web.get(detail).body();
        assertThat(html).contains("id=\"feedback-h\"").contains("User feedback").contains("Same here, twice")
                .contains("It broke when I paid").contains("ana@example.com").contains("event=" + first);
        String onEvent = html.substring(html.indexOf("id=\"event-feedback-h\""), html.indexOf("id=\"feedback-h\""));
        assertThat(onEvent).as("the latest event's own feedback").contains("Same here, twice").doesNotContain("It broke when I paid");
        String older = web.get(detail + "?event=" + first).body();
        assertThat(older.substring(older.indexOf("id=\"event-feedback-h\""))).contains("It broke when I paid");

        sendEnvelope(event("QuietError", 1), null, null, null);
        assertThat(web.get(issuePath("QuietError")).body()).contains("No user feedback on this issue").doesNotContain("event-feedback-h")
                .doesNotContain("attachments-h");
    }

    @Test
    void breadcrumbsAreATimelineEndingAtTheEventWithTheLastTwentyShown() throws Exception {
        sendEnvelope(event("TrailError", 25), null, null, null);
        String html = web.get(issuePath("TrailError")).body();
        java.time.Instant at = eventTime();
        assertThat(html).contains("Breadcrumbs <span class=\"muted\">· 25</span>")
                .contains("Show all 25 breadcrumbs (5 older hidden)")
                .contains("title=\"" + at.minusMillis(1300) + "\">-1.3s<").contains("title=\"" + at.minusMillis(25300) + "\">-25.3s<")
                .contains("class=\"crumb crumb-error\"").contains("level-error").contains(">xhr<").contains(">http<")
                .contains("GET /cart/24").contains("<dt>status_code</dt><dd>500</dd>")
                .contains("class=\"crumb crumb-event\"");
        String earlier = html.substring(html.indexOf("class=\"crumbs-earlier\""), html.indexOf("</details>", html.indexOf("class=\"crumbs-earlier\"")));
        assertThat(earlier).contains("GET /cart/0<").contains("GET /cart/4<").doesNotContain("GET /cart/5<");
        assertThat(html.indexOf("GET /cart/0<")).isLessThan(html.indexOf("GET /cart/24<"));
        assertThat(html.indexOf("GET /cart/24<")).isLessThan(html.indexOf("class=\"crumb crumb-event\""));
    }

    @Test
    void contextsAreReadableCardsAndNavigationAndRawJsonWork() throws Exception {
        String first = sendEnvelope(event("NavError", 0), null, null, null);
        String second = sendEnvelope(event("NavError", 0), null, null, null);
        String third = sendEnvelope(event("NavError", 0), null, null, null);
        String detail = issuePath("NavError");
        String latest = web.get(detail).body();
        assertThat(latest).contains("<h4>Operating system</h4>").contains("Linux 6.1").contains("kernel_version")
                .contains("<h4>Runtime</h4>").contains("Java 17.0.9").contains("<h4>Browser</h4>").contains("Chrome 120.0")
                .contains("<h4>Device</h4>").contains("Pixel 7").contains("arm64")
                .doesNotContain("id=\"crumbs-h\"");
        assertThat(latest.indexOf("Operating system")).isLessThan(latest.indexOf("<h4>Device</h4>"));

        assertThat(latest).contains("Event <code>" + third + "</code>").contains("event=" + second).contains("event=oldest")
                .contains("aria-disabled=\"true\">Newer");
        String middle = web.get(detail + "?event=" + second).body();
        assertThat(middle).contains("Event <code>" + second + "</code>").contains("event=" + first).contains("event=" + third);
        String oldest = web.get(detail + "?event=oldest").body();
        assertThat(oldest).contains("Event <code>" + first + "</code>").contains("aria-disabled=\"true\">Older");
        assertThat(web.get(detail + "?event=latest").body()).contains("Event <code>" + third + "</code>");
        HttpResponse<String> raw = web.get(detail + "/events/" + second + ".json");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        assertThat(raw.body()).contains("\"eventID\" : \"" + second + "\"");
    }
}
