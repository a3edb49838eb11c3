package io.bugmaster.slack.people.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.slack.SlackActions;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.FakeSlack;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.SlackSigned;
import io.bugmaster.testing.TestIssues;
import io.bugmaster.web.WebClient;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one-time link an unlinked Slack person is given, opened over real HTTP by a logged-in person:
 * it shows who would be connected and connects only on the button (CSRF), once, within 30 minutes,
 * for a member of the link's organization; then that Slack person's clicks act as them. The person's
 * Slack accounts page lists the link and unlinks it; nobody else can.
 */
abstract class SlackLinkPagesContract extends IntegrationTest {
    static final String PASSWORD = "slack-link-password";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired SlackInstallations installations;
    @Autowired ProjectService projects;
    @Autowired JdbcClient db;

    Tenant tenant;
    String org;
    FakeSlack.Workspace ws;
    SlackSigned slack;
    User ana;
    WebClient web;
    long issueId;

    @BeforeEach
    void setUp() {
        tenant = newTenant();
        org = tenant.org().slug();
        ws = FakeSlack.shared().workspace(unique("ws"));
        installations.save(tenant.owner(), org, new SlackInstallations.Settings(ws.botToken, ws.signingSecret, null, null));
        slack = new SlackSigned(baseUrl(), ws.signingSecret);
        ana = newUser(PASSWORD);
        join(tenant.owner(), org, ana, Role.MEMBER);
        web = loggedIn(ana);
        String project = unique("shop");
        long projectId = projects.create(tenant.owner(), org, org, "Shop", project, "java").project().id();
        ProjectKey key = projects.listKeys(tenant.owner(), org, project).get(0);
        issueId = TestIssues.issue(baseUrl(), tenant.ownerToken(), org, project, projectId, key, "Checkout fails");
    }

    WebClient loggedIn(User user) {
        WebClient client = new WebClient(baseUrl());
        assertThat(WebClient.location(client.login(user.email(), PASSWORD))).endsWith("/");
        return client;
    }

    /** Clicks Resolve as this Slack person; what Bugmaster answered them. */
    String clickResolve(String slackUser) {
        String url = click(slackUser);
        List<JsonNode> answers = Poll.until(Duration.ofSeconds(20), "the ephemeral answer", () -> ws.responses(url), l -> !l.isEmpty());
        return answers.get(0).path("text").asString();
    }

    /** Clicks Resolve as this Slack person; the click's response_url. */
    String click(String slackUser) {
        String url = ws.responseUrl();
        ObjectNode p = JSON.createObjectNode().put("type", "block_actions").put("response_url", url).put("trigger_id", ws.triggerId());
        p.putObject("user").put("id", slackUser).put("team_id", ws.teamId);
        p.putObject("team").put("id", ws.teamId);
        p.putArray("actions").addObject().put("type", "button").put("action_id", SlackActions.ISSUE_RESOLVE).put("value", "issue:" + issueId);
        assertThat(slack.interaction(clock.instant(), p.toString()).status()).isEqualTo(200);
        return url;
    }

    /** The path of the one-time link a click of this unlinked Slack person gets. */
    String linkPath(String slackUser) {
        String text = clickResolve(slackUser);
        String url = text.substring(text.indexOf('<') + 1, text.indexOf('|'));
        return url.substring(url.indexOf("/slack/link"));
    }

    static String token(String path) {
        return URLDecoder.decode(path.substring(path.indexOf("token=") + 6), StandardCharsets.UTF_8);
    }

    String status() {
        return new ApiClient(baseUrl()).get(tenant.ownerToken(), "/api/0/organizations/" + org + "/issues/" + issueId + "/").json()
                .path("status").asString();
    }

    long links(String slackUser) {
        return db.sql("SELECT COUNT(*) FROM slack_user_links WHERE slack_user_id = ?").param(slackUser).query(Long.class).single();
    }

    @Test
    void aPersonConnectsTheirSlackAccountOnceAndThenItsClicksActAsThem() {
        String slackUser = ws.addUser("<b>ana</b>@elsewhere.example");
        String path = linkPath(slackUser);

        HttpResponse<String> page = web.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy").orElse("")).isEqualTo("no-referrer");
        assertThat(page.body()).contains("Connect Slack user").contains(slackUser).contains(ws.name).contains(ana.email())
                .contains(tenant.org().name()).contains("&lt;b&gt;ana&lt;/b&gt;").doesNotContain("<b>ana</b>").contains("name=\"_csrf\"");
        assertThat(links(slackUser)).as("opening the page connects nothing").isZero();
        assertThat(status()).isEqualTo("unresolved");

        HttpResponse<String> done = web.post(path, "/slack/link", Map.of("token", token(path)));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Slack account connected");
        assertThat(db.sql("SELECT user_id FROM slack_user_links WHERE slack_user_id = ?").param(slackUser).query(Long.class).single())
                .isEqualTo(ana.id());

        click(slackUser);
        assertThat(status()).as("the next click acts as Ana").isEqualTo("resolved");

        HttpResponse<String> again = web.post(path, "/slack/link", Map.of("token", token(path)));
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("This link was already used");

        // the used link is remembered for as long as it is valid, whatever the engine's clean-up forgets
        clock.advance(Duration.ofMinutes(29));
        engine.runOnce();
        HttpResponse<String> later = web.post("/settings/slack", "/slack/link", Map.of("token", token(path)));
        assertThat(later.statusCode()).isEqualTo(410);
        assertThat(later.body()).contains("This link was already used");
    }

    @Test
    void theLinkAsksForALoginFirstAndComesBackAfterIt() {
        String path = linkPath(ws.addUser(unique("bo") + "@elsewhere.example"));
        WebClient anonymous = new WebClient(baseUrl());
        HttpResponse<String> first = anonymous.get(path);
        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(first)).endsWith("/login");
        HttpResponse<String> login = anonymous.login(ana.email(), PASSWORD);
        assertThat(WebClient.location(login)).contains("/slack/link?token=");
    }

    @Test
    void badExpiredAndForeignLinksAndForgedPostsConnectNothing() {
        String slackUser = ws.addUser(unique("cy") + "@elsewhere.example");
        String path = linkPath(slackUser);
        String token = token(path);

        assertThat(web.get("/slack/link?token=sl1.garbled.token").statusCode()).isEqualTo(400);
        assertThat(web.get("/slack/link").body()).contains("This link is not valid");
        assertThat(web.get("/slack/link?token=" + token.substring(0, token.length() - 2)).statusCode()).isEqualTo(400);

        User outsider = newUser(PASSWORD);
        WebClient outside = loggedIn(outsider);
        HttpResponse<String> foreign = outside.get(path);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("This link is for another organization");
        assertThat(outside.post("/settings/slack", "/slack/link", Map.of("token", token)).statusCode()).isEqualTo(403);

        assertThat(web.postRaw("/slack/link", Map.of("token", token)).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(links(slackUser)).isZero();

        clock.advance(Duration.ofMinutes(31));
        HttpResponse<String> expired = web.post("/settings/slack", "/slack/link", Map.of("token", token));
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("This link has expired");
        assertThat(links(slackUser)).isZero();
    }

    @Test
    void aLinkOfADisconnectedWorkspaceConnectsNothing() {
        String slackUser = ws.addUser(unique("di") + "@elsewhere.example");
        String path = linkPath(slackUser);
        installations.remove(tenant.owner(), org);
        HttpResponse<String> gone = web.post("/settings/slack", "/slack/link", Map.of("token", token(path)));
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("This Slack workspace is no longer connected");
        assertThat(links(slackUser)).isZero();
    }

    @Test
    void thePersonsSlackAccountsPageListsTheirLinksAndUnlinksThemOnly() {
        String slackUser = ws.addUser(unique("di") + "@elsewhere.example");
        String path = linkPath(slackUser);
        assertThat(web.post(path, "/slack/link", Map.of("token", token(path))).statusCode()).isEqualTo(200);

        HttpResponse<String> page = web.get("/settings/slack");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(slackUser).contains(tenant.org().name()).contains(ws.name).contains("by link")
                .contains("aria-current=\"page\">Slack accounts</a>");
        Map<String, String> form = Map.of("org", Long.toString(tenant.org().id()), "team", ws.teamId, "slack_user", slackUser);

        User owner = tenant.user();
        WebClient someoneElse = loggedIn(newUserJoined());
        assertThat(someoneElse.post("/settings/slack", "/settings/slack/unlink", form).statusCode()).isEqualTo(302);
        assertThat(someoneElse.get("/settings/slack").body()).contains("That Slack account is not linked to you");
        assertThat(links(slackUser)).as("only its own person unlinks it; not " + owner.email()).isEqualTo(1);

        assertThat(web.post("/settings/slack", "/settings/slack/unlink", form).statusCode()).isEqualTo(302);
        assertThat(web.get("/settings/slack").body()).contains("Slack account unlinked").contains("No Slack account acts as you");
        assertThat(links(slackUser)).isZero();
        assertThat(clickResolve(slackUser)).startsWith("Connect your Slack account to Bugmaster first");
    }

    User newUserJoined() {
        User u = newUser(PASSWORD);
        join(tenant.owner(), org, u, Role.ADMIN);
        return u;
    }
}
