package io.bugmaster.issues.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.releases.ReleaseInputs.DeploySpec;
import io.bugmaster.releases.ReleaseService;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** The issue pages over real HTTP: events sent through ingestion show up in the stream and can be triaged. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class IssuePagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "issue-pages-password";

    @Autowired ProjectService projects;
    @Autowired ReleaseService releases;

    final HttpClient http = HttpClient.newHttpClient();
    Organization org;
    String projectSlug;
    long projectId;
    ProjectKey key;
    WebClient web;
    User user;
    Actor actor;

    @BeforeEach
    void tenant() {
        user = newUser(PASSWORD);
        actor = Actor.session(user.id(), user.email());
        org = organizations.create(actor, "Shop", unique("shop"));
        projectSlug = unique("checkout");
        projectId = projects.create(actor, org.slug(), org.slug(), "Checkout", projectSlug, "java").project().id();
        key = projects.listKeys(actor, org.slug(), projectSlug).get(0);
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
    }

    String send(String eventJson) throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        String envelope = "{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n" + eventJson.replace("\n", "") + "\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId
                + "/envelope/?sentry_key=" + key.publicKey())).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return id;
    }

    static String exception(String type, String value) {
        return """
                {"platform":"java","level":"error","release":"shop@1.4.2","environment":"production",
                "tags":{"customer":"acme"},"user":{"id":"u-7","email":"ann@example.com"},
                "exception":{"values":[{"type":"%s","value":"%s","module":"com.acme",
                "stacktrace":{"frames":[{"module":"java.lang.Thread","function":"run","filename":"Thread.java","lineno":833,"in_app":false},
                {"module":"com.acme.Checkout","function":"pay","filename":"Checkout.java","lineno":10,"in_app":true,
                "context_line":"    cart.charge(card);","pre_context":["void pay() {"],"post_context":["}"],
                "vars":{"cartId":"cart-42","items":[1,2]}}]}}]},
                "breadcrumbs":{"values":[{"timestamp":1700000000,"category":"http","message":"POST /pay","level":"info"}]},
                "request":{"url":"https://shop.example.com/pay","method":"POST","headers":{"User-Agent":"curl/8"}},
                "contexts":{"os":{"name":"Linux","version":"6.1"},"runtime":{"name":"Java","version":"17"}},
                "sdk":{"name":"sentry.java","version":"8.0.0"}}""".formatted(type, value);
    }

    String stream(String query) {
        String path = "/orgs/" + org.slug() + "/issues" + (query == null ? "" : "?query=" + query.replace(" ", "+").replace(":", "%3A"));
        HttpResponse<String> page = web.get(path);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        return page.body();
    }

    @Test
    void aNewOrganizationsStreamSaysHowToSendTheFirstEvent() {
        String html = stream(null);
        assertThat(html).contains("No unresolved issues").contains("To send your first event")
                .contains("/orgs/" + org.slug() + "/projects/" + projectSlug + "/settings")
                .contains(">Issues</a>");
    }

    @Test
    void ingestedEventsShowInTheStreamWithTheirCountsAndSparkline() throws Exception {
        send(exception("IllegalStateException", "cart 42 is empty"));
        send(exception("IllegalStateException", "cart 43 is empty"));
        send(exception("ArithmeticException", "divide by zero"));

        String html = stream(null);
        assertThat(html).contains("IllegalStateException").contains("ArithmeticException").contains("Checkout")
                .contains("class=\"spark\"").contains("class=\"spark-area\" d=\"M0 24")
                .contains("2 events in the last 24 hours").contains("release shop@1.4.2").contains("Unassigned")
                .contains("title=\"Last seen 20");

        assertThat(stream("ArithmeticException")).contains("ArithmeticException").doesNotContain("IllegalStateException");
        assertThat(stream("is:unresolved assigned:me")).contains("No issues match this search");
        HttpResponse<String> bad = web.get("/orgs/" + org.slug() + "/issues?query=level%3Anope");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("unknown level").contains("value=\"level:nope\"");
        HttpResponse<String> sorted = web.get("/orgs/" + org.slug() + "/issues?sort=freq&project=" + projectId);
        assertThat(sorted.statusCode()).isEqualTo(200);
        assertThat(sorted.body().indexOf("IllegalStateException")).isLessThan(sorted.body().indexOf("ArithmeticException"));
    }

    String issueLink(String html, String title) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("href=\"(/orgs/" + org.slug() + "/issues/(\\d+))\">" + title)
                .matcher(html);
        assertThat(m.find()).as("a link to the issue " + title).isTrue();
        return m.group(1);
    }

    @Test
    void theDetailPageShowsTheEventAndResolvingTakesTheIssueOutOfTheUnresolvedStream() throws Exception {
        String first = send(exception("IllegalStateException", "cart 42 is empty"));
        String second = send(exception("IllegalStateException", "cart 43 is empty"));
        String detail = issueLink(stream(null), "IllegalStateException");

        HttpResponse<String> page = web.get(detail);
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("IllegalStateException").contains("cart 43 is empty")
                .contains("class=\"chart-bar\"").contains("events in the last 24 hours, by hour")
                .contains("customer").contains("acme").contains("100%")
                .contains("com.acme.Checkout in pay at line 10").contains("    cart.charge(card);")
                .contains("1 library frame").contains("Local variables").contains("cart-42").contains("[1,2]").contains("java.lang.Thread in run at line 833")
                .contains("POST /pay").contains("https://shop.example.com/pay").contains("User-Agent")
                .contains("ann@example.com").contains("sentry.java").contains("Linux")
                .contains("strategy ").contains("(contributes)")
                .contains("value=\"resolve\"").contains("value=\"resolveNextRelease\"").contains("value=\"count100\"")
                .contains("name=\"_csrf\"");

        String monthly = web.get(detail + "?chart=30d").body();
        assertThat(monthly).contains("2 events in the last 30 days, by day").contains("Last 30 days");
        assertThat(monthly.split("class=\"chart-bar\"", -1).length - 1).isEqualTo(30);

        // navigation: the latest event links to the older one, and the oldest one is the first sent
        assertThat(html).contains("event=" + first);
        HttpResponse<String> oldest = web.get(detail + "?event=oldest");
        assertThat(oldest.body()).contains("cart 42 is empty").contains("event=" + second);
        HttpResponse<String> raw = web.get(detail + "/events/" + first + ".json");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(raw.body()).contains("\"eventID\" : \"" + first + "\"");
        assertThat(web.get(detail + "?event=" + "0".repeat(32)).statusCode()).isEqualTo(404);

        // assign to me, then resolve through the forms (with the CSRF token of the page)
        HttpResponse<String> assigned = web.post(detail, detail, java.util.Map.of("action", "assignMe"));
        assertThat(assigned.statusCode()).isEqualTo(302);
        assertThat(web.get(detail).body()).contains("Assigned to you.").contains("value=\"unassign\"");
        assertThat(stream("assigned:me")).contains("IllegalStateException");

        // follow the issue for workflow emails, then stop
        assertThat(web.post(detail, detail, java.util.Map.of("action", "subscribe")).statusCode()).isEqualTo(302);
        assertThat(web.get(detail).body()).contains("Subscribed: you get workflow emails").contains("value=\"unsubscribe\"");
        assertThat(web.post(detail, detail, java.util.Map.of("action", "unsubscribe")).statusCode()).isEqualTo(302);
        assertThat(web.get(detail).body()).contains("Unsubscribed").contains("value=\"subscribe\"");

        HttpResponse<String> resolved = web.post(detail, detail, java.util.Map.of("action", "resolve"));
        assertThat(resolved.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(resolved)).endsWith(detail);
        String after = web.get(detail).body();
        assertThat(after).contains("Resolved. A new event").contains("status-resolved").contains("value=\"unresolve\"")
                .contains("set resolved");
        assertThat(stream(null)).doesNotContain("IllegalStateException").contains("No unresolved issues");
        assertThat(stream("is:resolved")).contains("IllegalStateException");

        HttpResponse<String> ignored = web.post(detail, detail, java.util.Map.of("action", "ignore", "ignore", "count100"));
        assertThat(ignored.statusCode()).isEqualTo(302);
        assertThat(web.get(detail).body()).contains("status-ignored");
        assertThat(web.postRaw(detail, java.util.Map.of("action", "resolve")).statusCode()).as("no CSRF token").isEqualTo(403);

        // from the stream, an action returns to the stream; anywhere else is refused as a place to return to
        String streamUrl = "/orgs/" + org.slug() + "/issues?query=is%3Aignored&sort=date";
        assertThat(WebClient.location(web.post(detail, detail, java.util.Map.of("action", "unassign", "next", streamUrl))))
                .endsWith(streamUrl);
        assertThat(WebClient.location(web.post(detail, detail, java.util.Map.of("action", "assignMe", "next", "https://evil.example/"))))
                .endsWith(detail);
        assertThat(WebClient.location(web.post(detail, detail, java.util.Map.of("action", "assignMe",
                "next", "/orgs/" + org.slug() + "/issues?//evil.example")))).endsWith(detail);
        assertThat(stream("is:ignored")).contains("value=\"/orgs/" + org.slug() + "/issues?query=is:ignored&amp;sort=date\"")
                .doesNotContain("data-key=\"a\"", "data-key=\"r\"", "data-key=\"i\"").contains("value=\"unresolve\"");
        assertThat(web.post(detail, detail, java.util.Map.of("action", "unassign")).statusCode()).isEqualTo(302);
        assertThat(stream("is:ignored")).as("not assigned to me: offers to assign").contains("data-key=\"a\"");
    }

    static java.util.List<java.util.Map.Entry<String, String>> form(String... keyValues) {
        java.util.List<java.util.Map.Entry<String, String>> out = new java.util.ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.add(java.util.Map.entry(keyValues[i], keyValues[i + 1]));
        }
        return out;
    }

    String issueId(String html, String title) {
        String link = issueLink(html, title);
        return link.substring(link.lastIndexOf('/') + 1);
    }

    @Test
    void bulkActionsResolveAndMergeTheCheckedIssuesAndReturnToTheSameView() throws Exception {
        send(exception("IllegalStateException", "cart 42 is empty"));
        send(exception("ArithmeticException", "divide by zero"));
        send(exception("NullPointerException", "card is null"));
        send(exception("UnsupportedOperationException", "no refunds"));
        String html = stream(null);
        assertThat(html).contains("id=\"bulk\"").contains("data-select-all=\"bulk\"").contains("form=\"bulk\"")
                .contains("value=\"merge\"");
        String a = issueId(html, "IllegalStateException");
        String b = issueId(html, "ArithmeticException");
        String c = issueId(html, "NullPointerException");
        String d = issueId(html, "UnsupportedOperationException");
        String streamPath = "/orgs/" + org.slug() + "/issues";
        String here = streamPath + "?query=is%3Aunresolved&sort=freq";

        HttpResponse<String> resolved = web.post(streamPath, streamPath + "/bulk",
                form("id", a, "id", b, "action", "resolve", "next", here));
        assertThat(resolved.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(resolved)).endsWith(here);
        String after = web.get(here).body();
        assertThat(after).contains("Resolved 2 issues.").doesNotContain("IllegalStateException")
                .doesNotContain("ArithmeticException").contains("NullPointerException");
        assertThat(stream("is:resolved")).contains("IllegalStateException").contains("ArithmeticException");

        HttpResponse<String> merged = web.post(streamPath, streamPath + "/bulk",
                form("id", c, "id", d, "action", "merge", "next", "https://evil.example/"));
        assertThat(WebClient.location(merged)).endsWith(streamPath);
        String left = stream(null);
        assertThat(left).contains("Merged 2 issues into one.");
        assertThat(left.split("data-issue-row", -1).length - 1).isEqualTo(1);

        assertThat(web.post(streamPath, streamPath + "/bulk", form("action", "ignore")).statusCode()).isEqualTo(302);
        assertThat(stream(null)).contains("Select the issues first");
        assertThat(web.postRaw(streamPath + "/bulk", java.util.Map.of("id", c, "action", "resolve")).statusCode())
                .as("no CSRF token").isEqualTo(403);
    }

    @Test
    void theInboxShowsUnreviewedNewIssuesAndARegressionBringsAReviewedIssueBack() throws Exception {
        send(exception("IllegalStateException", "cart 42 is empty"));
        send(exception("ArithmeticException", "divide by zero"));
        String inboxPath = "/orgs/" + org.slug() + "/inbox";
        HttpResponse<String> page = web.get(inboxPath);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Inbox (2)").contains("Inbox (2)</a>").contains("IllegalStateException")
                .contains("ArithmeticException").contains("Mark reviewed").contains("Mark all 2 shown reviewed");
        String a = issueId(page.body(), "IllegalStateException");
        String b = issueId(page.body(), "ArithmeticException");

        HttpResponse<String> one = web.post(inboxPath, inboxPath + "/reviewed", form("id", a));
        assertThat(one.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(one)).endsWith(inboxPath);
        String after = web.get(inboxPath).body();
        assertThat(after).contains("Marked 1 issue reviewed.").contains("Inbox (1)").doesNotContain("IllegalStateException");
        assertThat(web.get("/orgs/" + org.slug() + "/issues/" + a).body()).contains("mark reviewed");

        assertThat(web.post(inboxPath, inboxPath + "/reviewed", form("id", b)).statusCode()).isEqualTo(302);
        assertThat(web.get(inboxPath).body()).contains("Inbox (0)").contains("Inbox zero.");

        // resolve, then a new event regresses it: it is back in the inbox, unreviewed
        String detail = "/orgs/" + org.slug() + "/issues/" + a;
        assertThat(web.post(detail, detail, java.util.Map.of("action", "resolve")).statusCode()).isEqualTo(302);
        send(exception("IllegalStateException", "cart 44 is empty"));
        String back = awaitInbox(inboxPath, "IllegalStateException");
        assertThat(back).contains("Inbox (1)").contains("regressed");
        assertThat(web.postRaw(inboxPath + "/reviewed", java.util.Map.of("id", a)).statusCode()).as("no CSRF token").isEqualTo(403);
    }

    @Test
    void aRegressedIssueSaysWhichReleaseReopenedItAndWhen() throws Exception {
        send(exception("IllegalStateException", "cart 42 is empty").replace("shop@1.4.2", "shop@1.4.1"));
        String detail = issueLink(stream(null), "IllegalStateException");
        assertThat(web.post(detail, detail, java.util.Map.of("action", "resolve")).statusCode()).isEqualTo(302);
        clock.advance(java.time.Duration.ofMinutes(10));
        send(exception("IllegalStateException", "cart 43 is empty"));
        clock.advance(java.time.Duration.ofHours(2));
        String html = web.get(detail).body();
        assertThat(html).contains("Regressed in shop@1.4.2, 2 hours ago: it was resolved and a new event reopened it.")
                .contains("Regressed in shop@1.4.2.");
    }

    String awaitInbox(String path, String text) throws InterruptedException {
        String body = "";
        for (int i = 0; i < 600; i++) { // up to 30 s: bounds a hang
            body = web.get(path).body();
            if (body.contains(text)) {
                return body;
            }
            Thread.sleep(50);
        }
        return body;
    }

    @Test
    void theStatusControlsResolveInAChosenReleaseIgnoreByUsersAndAssignToATeam() throws Exception {
        releases.create(actor, org.slug(), new ReleaseService.NewRelease("shop@1.4.1", java.util.List.of(projectSlug), null, null,
                null, null, null, null));
        clock.advance(java.time.Duration.ofMinutes(1));
        send(exception("IllegalStateException", "cart 42 is empty"));
        String detail = issueLink(stream(null), "IllegalStateException");
        String html = web.get(detail).body();
        assertThat(html).contains("<label for=\"resolve-release\"").contains("<label for=\"assign-to\"")
                .contains("value=\"count1\"").contains("value=\"users1\"").contains("value=\"users1000\"")
                .contains("value=\"escalating\"").contains("value=\"forever\"")
                .contains("href=\"/orgs/" + org.slug() + "/releases/shop@1.4.2\"");
        assertThat(html.indexOf("<option value=\"shop@1.4.2\">")).as("newest release first").isPositive()
                .isLessThan(html.indexOf("<option value=\"shop@1.4.1\">"));

        HttpResponse<String> resolved = web.post(detail, detail, java.util.Map.of("action", "resolveInRelease", "release", "shop@1.4.1"));
        assertThat(resolved.statusCode()).isEqualTo(302);
        assertThat(web.get(detail).body()).contains("Resolved in shop@1.4.1").contains("status-resolved")
                .contains("set resolved in release");
        web.post(detail, detail, java.util.Map.of("action", "unresolve"));
        web.post(detail, detail, java.util.Map.of("action", "resolveInRelease", "release", " "));
        assertThat(web.get(detail).body()).contains("Choose the release that fixes the issue.").contains("status-unresolved");

        assertThat(web.post(detail, detail, java.util.Map.of("action", "ignore", "ignore", "users10")).statusCode()).isEqualTo(302);
        assertThat(web.get(detail).body()).contains("Ignored.").contains("status-ignored");
        web.post(detail, detail, java.util.Map.of("action", "unresolve"));

        io.bugmaster.accounts.Team team = organizations.listTeams(actor, org.slug(), 0, 10).items().get(0);
        web.post(detail, detail, java.util.Map.of("action", "assign", "assignee", "team:" + team.id()));
        assertThat(web.get(detail).body()).contains("Assigned.").contains("<strong>#" + team.slug() + "</strong>")
                .contains("<option value=\"team:" + team.id() + "\" selected=\"selected\">");
        web.post(detail, detail, java.util.Map.of("action", "assign", "assignee", "user:" + user.id()));
        assertThat(stream("assigned:me")).contains("IllegalStateException");
        web.post(detail, detail, java.util.Map.of("action", "assign", "assignee", ""));
        assertThat(web.get(detail).body()).contains("Unassigned.").contains("<strong>nobody</strong>");
    }

    @Test
    void deploysOfTheProjectsReleasesAreMarkedOnTheChart() throws Exception {
        send(exception("IllegalStateException", "cart 42 is empty"));
        releases.create(actor, org.slug(), new ReleaseService.NewRelease("shop@1.4.2", java.util.List.of(projectSlug), null, null,
                null, null, null, null));
        java.time.Instant now = clock.instant();
        releases.createDeploy(actor, org.slug(), "shop@1.4.2", new DeploySpec("production", null, null, null,
                now.minusSeconds(1800).toString()));
        releases.createDeploy(actor, org.slug(), "shop@1.4.2", new DeploySpec("staging", null, null, null,
                now.minus(java.time.Duration.ofDays(3)).toString()));
        String detail = issueLink(stream(null), "IllegalStateException");

        String day = web.get(detail).body();
        assertThat(day.split("class=\"chart-deploy\"", -1).length - 1).isEqualTo(1);
        assertThat(day).contains("<title>Deploy of shop@1.4.2 to production at ").doesNotContain("to staging");
        String month = web.get(detail + "?chart=30d").body();
        assertThat(month.split("class=\"chart-deploy\"", -1).length - 1).isEqualTo(2);
        assertThat(month).contains("Deploy of shop@1.4.2 to staging at ");

        // another organization's deploys of a release with the same version are not this project's
        Actor stranger = Actor.session(newUser(PASSWORD).id(), "x@example.com");
        Organization other = organizations.create(stranger, "Other", unique("other"));
        String otherProject = unique("p");
        projects.create(stranger, other.slug(), other.slug(), "P", otherProject, "java");
        releases.create(stranger, other.slug(), new ReleaseService.NewRelease("shop@1.4.2", java.util.List.of(otherProject), null,
                null, null, null, null, null));
        releases.createDeploy(stranger, other.slug(), "shop@1.4.2", new DeploySpec("elsewhere", null, null, null,
                now.minusSeconds(60).toString()));
        assertThat(web.get(detail).body()).doesNotContain("elsewhere");
    }

    @Test
    void commentsShowTheirAuthorAndEscapedTextWithMentionsHighlighted() throws Exception {
        send(exception("IllegalStateException", "cart 42 is empty"));
        String detail = issueLink(stream(null), "IllegalStateException");
        String comments = detail + "/comments";
        String html = web.get(detail).body();
        assertThat(html).contains("<label for=\"comment-text\">Comment</label>").contains("name=\"text\"");

        String said = "@" + user.email() + " <script>alert(1)</script> & #" + org.slug() + " look";
        HttpResponse<String> added = web.post(detail, comments, java.util.Map.of("text", said));
        assertThat(added.statusCode()).isEqualTo(302);
        String after = web.get(detail).body();
        assertThat(after).contains("Comment added.").contains("<mark class=\"mention\">@" + user.email() + "</mark>")
                .contains("<mark class=\"mention\">#" + org.slug() + "</mark>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; ").doesNotContain("<script>alert(1)")
                .contains("by Test " + user.email()).contains("Delete comment");

        HttpResponse<String> empty = web.post(detail, comments, java.util.Map.of("text", "   "));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("text: write something").contains("aria-invalid=\"true\"");
        HttpResponse<String> tooLong = web.post(detail, comments, java.util.Map.of("text", "y".repeat(10_001)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("at most 10000 characters").contains("y".repeat(10_001));
        assertThat(web.postRaw(comments, java.util.Map.of("text", "no token")).statusCode()).as("no CSRF token").isEqualTo(403);

        java.util.regex.Matcher delete = java.util.regex.Pattern.compile("action=\"(" + java.util.regex.Pattern.quote(comments)
                + "/\\d+/delete)\"").matcher(after);
        assertThat(delete.find()).isTrue();
        assertThat(web.post(detail, delete.group(1), java.util.Map.of()).statusCode()).isEqualTo(302);
        assertThat(web.get(detail).body()).contains("Comment deleted.").doesNotContain("<mark class=\"mention\">");
    }
}
