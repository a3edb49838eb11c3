package io.bugmaster.issues.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Team;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** The stream's saved searches, assign menus and first-event polling, over real HTTP (the setup is IssuePagesSqliteTest's). */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class IssuePagesStreamSqliteTest extends IntegrationTest {
    static final String PASSWORD = IssuePagesSqliteTest.PASSWORD;

    @Autowired ProjectService projects;
    @Autowired io.bugmaster.accounts.MemberStore members;

    final HttpClient http = HttpClient.newHttpClient();
    Organization org;
    Actor owner;
    long projectId;
    ProjectKey key;
    WebClient web;

    @BeforeEach
    void tenant() {
        User user = newUser(PASSWORD);
        owner = Actor.session(user.id(), user.email());
        org = organizations.create(owner, "Shop", unique("shop"));
        String projectSlug = unique("checkout");
        projectId = projects.create(owner, org.slug(), org.slug(), "Checkout", projectSlug, "java").project().id();
        key = projects.listKeys(owner, org.slug(), projectSlug).get(0);
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
    }

    void send(String eventJson) throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        String envelope = "{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n" + eventJson.replace("\n", "") + "\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId
                + "/envelope/?sentry_key=" + key.publicKey())).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    static String exception(String type, String value) {
        return IssuePagesSqliteTest.exception(type, value);
    }

    String stream(String query) {
        String path = streamPath() + (query == null ? "" : "?query=" + query.replace(" ", "+").replace(":", "%3A"));
        HttpResponse<String> page = web.get(path);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        return page.body();
    }

    static List<Map.Entry<String, String>> form(String... keyValues) {
        return IssuePagesSqliteTest.form(keyValues);
    }

    String issueId(String html, String title) {
        Matcher m = Pattern.compile("href=\"/orgs/" + org.slug() + "/issues/(\\d+)\">" + title).matcher(html);
        assertThat(m.find()).as("a link to the issue " + title).isTrue();
        return m.group(1);
    }

    String streamPath() {
        return "/orgs/" + org.slug() + "/issues";
    }

    /** A new person in the organization with that role, logged in with their own client. */
    WebClient person(Role role, String name) {
        User user = users.insert(unique("p") + "@example.com", name, passwordEncoder.encode(PASSWORD), false, clock.instant())
                .orElseThrow();
        join(ownerActor(), org.slug(), user, role);
        WebClient client = new WebClient(baseUrl());
        assertThat(WebClient.location(client.login(user.email(), PASSWORD))).endsWith("/");
        return client;
    }

    Actor ownerActor() {
        return owner;
    }

    @Test
    void onlyMembersWhoJoinedAreOfferedAndAcceptedAsAssignees() throws Exception {
        send(exception("IllegalStateException", "cart 42 is empty"));
        User joined = newUser(PASSWORD);
        members.insert(org.id(), joined.id(), Role.MEMBER, clock.instant());
        // an invitee who already has an account elsewhere: invited, not yet accepted
        User invited = newUser(PASSWORD);
        String invitee = invited.email();
        organizations.addMember(owner, org.slug(), invitee, Role.MEMBER.id(), List.of());
        long inviteeId = invited.id();

        String html = stream(null);
        assertThat(html).as("the stream's assign menus").contains("value=\"user:" + joined.id() + "\"")
                .doesNotContain("value=\"user:" + inviteeId + "\"").doesNotContain(invitee);
        String issue = issueId(html, "IllegalStateException");
        String detail = web.get(streamPath() + "/" + issue).body();
        assertThat(detail).as("the issue page's assign menu").contains("value=\"user:" + joined.id() + "\"").doesNotContain(invitee);

        // typed by hand, the choice is refused: an invitee has not joined
        web.post(streamPath(), streamPath() + "/bulk", form("id", issue, "action", "assign", "assignee", "user:" + inviteeId,
                "next", streamPath()));
        assertThat(stream("is:unassigned")).contains("IllegalStateException");
        web.post(streamPath(), streamPath() + "/bulk", form("id", issue, "action", "assign", "assignee", "user:" + joined.id(),
                "next", streamPath()));
        assertThat(stream("is:unassigned")).contains("No issues match");
    }

    @Test
    void aSearchSavedFromTheStreamRunsFromItsChipAndCanBeDeleted() {
        String view = streamPath() + "?query=is%3Aunresolved+level%3Aerror&sort=freq";
        String page = web.get(view).body();
        assertThat(page).contains("Save this search").contains("<label for=\"search-name\">Name</label>")
                .contains("<option value=\"organization\">Everyone in the organization</option>");

        HttpResponse<String> saved = web.post(view, streamPath() + "/searches", Map.of("name", "<b>Errors</b> first",
                "query", "is:unresolved level:error", "sort", "freq", "visibility", "organization", "next", view));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(saved)).endsWith(view);
        String after = web.get(view).body();
        assertThat(after).contains("Saved the search").contains("&lt;b&gt;Errors&lt;/b&gt; first").doesNotContain("<b>Errors</b>")
                .contains("(shared)").contains("Delete saved search &lt;b&gt;Errors&lt;/b&gt; first");
        Matcher chip = Pattern.compile("<a class=\"chip\" href=\"([^\"]+)\"\\s+aria-current=\"page\" title=\"is:unresolved level:error\">")
                .matcher(after);
        assertThat(chip.find()).as("the saved search is a link to its view, marked current here").isTrue();
        assertThat(chip.group(1).replace("&amp;", "&")).contains("query=is:unresolved%20level:error").contains("sort=freq");

        // the same name again is refused with a reason
        web.post(view, streamPath() + "/searches", Map.of("name", "<b>Errors</b> first", "query", "is:resolved",
                "visibility", "organization", "next", view));
        assertThat(web.get(view).body()).contains("already has a saved search named");
        web.post(view, streamPath() + "/searches", Map.of("name", "Bad", "query", "level:nope", "next", view));
        assertThat(web.get(view).body()).contains("Could not save the search: query:").contains("unknown level");

        // a member sees the shared search but may not delete it, and may not share; a viewer may not save at all
        WebClient member = person(Role.MEMBER, "Mia Member");
        String memberPage = member.get(streamPath()).body();
        assertThat(memberPage).contains("&lt;b&gt;Errors&lt;/b&gt; first").doesNotContain("Delete saved search")
                .contains("Save this search").doesNotContain("Everyone in the organization");
        member.post(streamPath(), streamPath() + "/searches", Map.of("name", "Mine", "query", "assigned:me", "sort", "date",
                "visibility", "organization", "next", streamPath()));
        assertThat(member.get(streamPath()).body()).contains("Could not save the search").contains("org:write");
        member.post(streamPath(), streamPath() + "/searches", Map.of("name", "Mine", "query", "assigned:me", "next", streamPath()));
        assertThat(member.get(streamPath()).body()).contains("Saved the search &#39;Mine&#39; for you.")
                .contains("Delete saved search Mine");
        assertThat(web.get(streamPath()).body()).as("a member's own search is theirs alone").doesNotContain("Delete saved search Mine");
        WebClient viewer = person(Role.VIEWER, "Vic Viewer");
        assertThat(viewer.get(streamPath()).body()).contains("&lt;b&gt;Errors&lt;/b&gt; first").doesNotContain("Save this search");

        String id = after.replaceAll("(?s).*/issues/searches/(\\d+)/delete.*", "$1");
        assertThat(member.post(streamPath(), streamPath() + "/searches/" + id + "/delete", Map.of("next", streamPath())).statusCode())
                .isEqualTo(302);
        assertThat(member.get(streamPath()).body()).contains("Could not delete the search").contains("&lt;b&gt;Errors&lt;/b&gt; first");
        web.post(streamPath(), streamPath() + "/searches/" + id + "/delete", Map.of("next", streamPath()));
        assertThat(web.get(streamPath()).body()).contains("Deleted the saved search.").doesNotContain("Errors&lt;/b&gt; first");
    }

    @Test
    void issuesAreAssignedToAPersonOrTeamFromTheBulkBarAndTheRowMenuAndMyTeamsFindsThem() throws Exception {
        send(exception("IllegalStateException", "cart 42 is empty"));
        send(exception("ArithmeticException", "divide by zero"));
        send(exception("NullPointerException", "card is null"));
        Team team = organizations.createTeam(ownerActor(), org.slug(), "Payments <team>", unique("payments"));
        person(Role.MEMBER, "Ann <Other>");
        String html = stream(null);
        assertThat(html).contains("<label for=\"bulk-assignee\">Assign to</label>").contains("<option value=\"me\">Me</option>")
                .contains("<option value=\"none\">Unassigned</option>")
                .contains("<option value=\"team:" + team.id() + "\">#" + team.slug() + "</option>")
                .contains("Ann &lt;Other&gt;").doesNotContain("Ann <Other>");
        String a = issueId(html, "IllegalStateException");
        String b = issueId(html, "ArithmeticException");
        String c = issueId(html, "NullPointerException");
        assertThat(html).contains("<label class=\"visually-hidden\" for=\"assignee-" + a + "\">");
        String member = html.replaceAll("(?s).*<option value=\"(user:\\d+)\">Ann &lt;Other&gt;.*", "$1");

        HttpResponse<String> bulk = web.post(streamPath(), streamPath() + "/bulk",
                form("id", a, "id", b, "action", "assign", "assignee", "team:" + team.id(), "next", streamPath()));
        assertThat(WebClient.location(bulk)).endsWith(streamPath());
        String teamed = stream(null);
        assertThat(teamed).contains("Assigned 2 issues.").contains("<span>#" + team.slug() + "</span>");
        // the owner created the team, so is in it: my teams finds both, in either syntax
        assertThat(teamed).contains(">My teams</a>").contains("query=is:unresolved%20assigned:my_teams");
        String mine = stream("assigned:my_teams");
        assertThat(mine).contains("IllegalStateException").contains("ArithmeticException").doesNotContain("NullPointerException");
        String either = web.get(streamPath() + "?query=assigned%3A%5Bme%2C+my_teams%5D").body();
        assertThat(either).contains("IllegalStateException").doesNotContain("NullPointerException");

        HttpResponse<String> row = web.post(streamPath(), "/orgs/" + org.slug() + "/issues/" + c,
                Map.of("action", "assign", "assignee", member, "next", streamPath()));
        assertThat(WebClient.location(row)).endsWith(streamPath());
        assertThat(stream(null)).contains("Assigned.");
        assertThat(web.get(streamPath() + "?query=assigned%3A%5Bme%2C+my_teams%5D").body()).doesNotContain("NullPointerException");
        assertThat(stream("is:unassigned")).contains("No issues match");

        web.post(streamPath(), streamPath() + "/bulk", form("id", c, "action", "assign", "assignee", "none", "next", streamPath()));
        assertThat(stream("is:unassigned")).contains("Unassigned 1 issue.").contains("NullPointerException");
        web.post(streamPath(), streamPath() + "/bulk", form("id", c, "action", "assign", "assignee", "user:99999999", "next", streamPath()));
        assertThat(stream(null)).contains("is not a member or team of this organization");
        web.post(streamPath(), streamPath() + "/bulk", form("id", c, "action", "assign", "assignee", "\"}{", "next", streamPath()));
        assertThat(stream(null)).contains("assignee: choose who to assign to");
    }

    @Test
    void theFirstEventEmptyStatePollsAFragmentThatTurnsIntoTheListAndStopsPolling() throws Exception {
        String page = stream(null);
        assertThat(page).contains("id=\"results\"").contains("hx-trigger=\"every 3s\"").contains("hx-swap=\"outerHTML\"")
                .contains("Waiting for the first event");
        String url = page.replaceAll("(?s).*hx-get=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        assertThat(url).startsWith(streamPath() + "/results?");

        HttpResponse<String> still = web.get(url);
        assertThat(still.statusCode()).isEqualTo(200);
        assertThat(still.body()).doesNotContain("<html").contains("id=\"results\"").contains("hx-trigger=\"every 3s\"")
                .contains("No unresolved issues");

        send(exception("IllegalStateException", "cart 42 is empty"));
        String arrived = web.get(url).body();
        assertThat(arrived).doesNotContain("<html").contains("id=\"results\"").contains("IllegalStateException")
                .doesNotContain("hx-trigger").doesNotContain("No unresolved issues");
        assertThat(stream(null)).doesNotContain("hx-trigger=\"every 3s\"");

        // a search with no results is not the first-event state and does not poll
        assertThat(stream("level:fatal")).doesNotContain("hx-trigger");
    }
}
