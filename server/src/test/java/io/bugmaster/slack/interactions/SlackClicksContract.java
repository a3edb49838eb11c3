package io.bugmaster.slack.interactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.DeclareRules;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentStatus;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Services;
import io.bugmaster.issues.IssueChanges;
import io.bugmaster.issues.IssueUpdate;
import io.bugmaster.slack.SlackActions;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.FakeSlack;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.SlackSigned;
import java.time.Duration;
import java.time.Instant;
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
 * Clicks on Bugmaster's buttons and menus in Slack, signed by Slack's own SDK, shaped as Slack sends
 * block_actions: a linked person's click changes the issue or incident as them (from Slack), and
 * every click that must not act changes nothing and tells only the clicker why: a person not linked
 * (with the one-time link), a viewer, another organization's issue or incident, a person of another
 * workspace, a forged or replayed request, a value that is not Bugmaster's (echoed escaped).
 */
abstract class SlackClicksContract extends IntegrationTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired SlackInstallations installations;
    @Autowired ProjectService projects;
    @Autowired IssueChanges issueChanges;
    @Autowired Incidents incidents;
    @Autowired Services services;
    @Autowired JdbcClient db;

    Tenant tenant;
    String org;
    FakeSlack.Workspace ws;
    SlackSigned slack;
    ApiClient api;
    String projectSlug;
    long projectId;
    ProjectKey key;
    String ownerSlackId;

    @BeforeEach
    void connect() {
        tenant = newTenant();
        org = tenant.org().slug();
        ws = FakeSlack.shared().workspace(unique("ws"));
        installations.save(tenant.owner(), org, new SlackInstallations.Settings(ws.botToken, ws.signingSecret, null, null));
        slack = new SlackSigned(baseUrl(), ws.signingSecret);
        api = new ApiClient(baseUrl());
        projectSlug = unique("shop");
        projectId = projects.create(tenant.owner(), org, org, "Shop", projectSlug, "java").project().id();
        key = projects.listKeys(tenant.owner(), org, projectSlug).get(0);
        ownerSlackId = ws.addUser(tenant.user().email());
    }

    long issue(String message) {
        return io.bugmaster.testing.TestIssues.issue(baseUrl(), tenant.ownerToken(), org, projectSlug, projectId, key, message);
    }

    JsonNode issueJson(long id) {
        ApiClient.Response r = api.get(tenant.ownerToken(), "/api/0/organizations/" + org + "/issues/" + id + "/");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    String status(long issueId) {
        return issueJson(issueId).path("status").asString();
    }

    /** A click as Slack sends it: a button ({@code value}) or, with {@code menu}, a chosen option. */
    static ObjectNode payload(FakeSlack.Workspace w, String slackUser, String actionId, String value, boolean menu, String responseUrl) {
        ObjectNode p = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A0BUGMASTER").put("trigger_id", w.triggerId())
                .put("response_url", responseUrl);
        p.putObject("user").put("id", slackUser).put("username", "someone").put("team_id", w.teamId);
        p.putObject("team").put("id", w.teamId).put("domain", w.name);
        p.putObject("container").put("type", "message").put("message_ts", "1700000000.000100").put("channel_id", "C0ALERTS");
        p.putObject("channel").put("id", "C0ALERTS").put("name", "alerts-production");
        p.putObject("message").put("ts", "1700000000.000100").put("type", "message");
        ObjectNode action = p.putArray("actions").addObject().put("action_id", actionId).put("block_id", "actions")
                .put("action_ts", "1700000001.000200");
        if (menu) {
            action.put("type", "static_select").putObject("selected_option").put("value", value).putObject("text").put("type", "plain_text")
                    .put("text", "chosen");
        } else {
            action.put("type", "button").put("value", value);
        }
        return p;
    }

    /** Clicks as this Slack person; the response_url the click carried. */
    String click(String slackUser, String actionId, String value, boolean menu) {
        String url = ws.responseUrl();
        ApiClient.Response r = slack.interaction(clock.instant(), payload(ws, slackUser, actionId, value, menu, url).toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).as("Slack wants an empty 200 for a click").isEmpty();
        return url;
    }

    /** The one ephemeral answer posted to a click's response_url. */
    JsonNode answer(String responseUrl) {
        List<JsonNode> answers = Poll.until(Duration.ofSeconds(20), "the ephemeral answer", () -> ws.responses(responseUrl), l -> !l.isEmpty());
        assertThat(answers).hasSize(1);
        assertThat(answers.get(0).path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(answers.get(0).path("replace_original").asBoolean(true)).isFalse();
        return answers.get(0);
    }

    @Test
    void aLinkedPersonsResolveClickResolvesTheIssueAsThemFromSlack() {
        long id = issue("Checkout fails on coupon");
        click(ownerSlackId, SlackActions.ISSUE_RESOLVE, "issue:" + id, false);

        assertThat(status(id)).isEqualTo("resolved");
        JsonNode signal = JSON.readTree(db.sql("SELECT body FROM signals WHERE subject = ? AND kind = 'issue.resolved'").param("issue:" + id)
                .query(String.class).single());
        assertThat(signal.path("actor").asString()).isEqualTo(tenant.user().email());
        assertThat(signal.path("via").asString()).isEqualTo("Slack");
        JsonNode activity = api.get(tenant.ownerToken(), "/api/0/issues/" + id + "/activities/").json();
        assertThat(activity.toString()).contains("set_resolved").contains(tenant.user().email());
        assertThat(db.sql("SELECT linked_via FROM slack_user_links WHERE slack_user_id = ?").param(ownerSlackId).query(String.class).single())
                .as("matched by Slack's verified email").isEqualTo("email");
    }

    @Test
    void theIgnoreAndAssignMenusAndReopenAct() {
        long id = issue("Search times out");
        Instant now = clock.instant();
        click(ownerSlackId, SlackActions.ISSUE_IGNORE, "issue:" + id + " 30m", true);
        JsonNode ignored = issueJson(id);
        assertThat(ignored.path("status").asString()).isEqualTo("ignored");
        assertThat(Instant.parse(ignored.path("statusDetails").path("ignoreUntil").asString())).isEqualTo(now.plus(Duration.ofMinutes(30)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));

        click(ownerSlackId, SlackActions.ISSUE_UNRESOLVE, "issue:" + id, false);
        assertThat(status(id)).isEqualTo("unresolved");

        click(ownerSlackId, SlackActions.ISSUE_IGNORE, "issue:" + id + " 100", true);
        assertThat(issueJson(id).path("statusDetails").path("ignoreCount").asLong()).isEqualTo(100);

        click(ownerSlackId, SlackActions.ISSUE_ASSIGN, "issue:" + id + " me", true);
        assertThat(issueJson(id).path("assignedTo").path("email").asString()).isEqualTo(tenant.user().email());

        long teamId = db.sql("SELECT id FROM teams WHERE org_id = ? ORDER BY id LIMIT 1").param(tenant.org().id()).query(Long.class).single();
        click(ownerSlackId, SlackActions.ISSUE_ASSIGN, "issue:" + id + " team:" + teamId, true);
        assertThat(issueJson(id).path("assignedTo").path("type").asString()).isEqualTo("team");
    }

    @Test
    void incidentButtonsAcknowledgeEscalateAndResolveFromSlack() {
        Incident incident = declare("Orders stuck");
        click(ownerSlackId, SlackActions.INCIDENT_ACKNOWLEDGE, "incident:" + incident.id(), false);
        assertThat(reload(incident).status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        click(ownerSlackId, SlackActions.INCIDENT_ESCALATE, "incident:" + incident.id(), false);
        click(ownerSlackId, SlackActions.INCIDENT_RESOLVE, "incident:" + incident.id(), false);
        assertThat(reload(incident).status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(db.sql("SELECT message FROM incident_log WHERE incident_id = ? AND kind = 'resolved'").param(incident.id())
                .query(String.class).single()).isEqualTo("Resolved by " + tenant.user().email() + " via Slack");

        String again = click(ownerSlackId, SlackActions.INCIDENT_ACKNOWLEDGE, "incident:" + incident.id(), false);
        assertThat(answer(again).path("text").asString()).contains("is resolved; there is nothing to acknowledge");
    }

    Incident declare(String title) {
        long service = services.create(tenant.owner(), org, Map.of("name", unique("svc"))).id();
        return declareIn(tenant.owner(), org, service, title);
    }

    Incident declareIn(Actor actor, String orgSlug, long service, String title) {
        return incidents.declare(actor, orgSlug, new DeclareRules.DeclareInput(title, List.of(Long.toString(service)), "P2", null, null), "web")
                .incident();
    }

    Incident reload(Incident i) {
        return incidents.byId(i.id()).orElseThrow();
    }

    @Test
    void aPersonWhoIsNotLinkedGetsTheOneTimeLinkAndNothingChanges() {
        long id = issue("Cart is empty");
        String stranger = ws.addUser(unique("stranger") + "@elsewhere.example");
        String url = click(stranger, SlackActions.ISSUE_RESOLVE, "issue:" + id, false);

        String text = answer(url).path("text").asString();
        assertThat(text).startsWith("Connect your Slack account to Bugmaster first: <http").contains("/slack/link?token=")
                .contains("valid 30 minutes");
        assertThat(status(id)).isEqualTo("unresolved");
        assertThat(db.sql("SELECT COUNT(*) FROM slack_user_links WHERE slack_user_id = ?").param(stranger).query(Long.class).single()).isZero();
    }

    @Test
    void aViewersClickChangesNothingAndTellsThemWhy() {
        long id = issue("Invoice PDF blank");
        User viewer = newUser("password-" + unique("v"));
        join(tenant.owner(), org, viewer, Role.VIEWER);
        String viewerSlack = ws.addUser(viewer.email());
        Incident incident = declare("Payments down");

        String url = click(viewerSlack, SlackActions.ISSUE_RESOLVE, "issue:" + id, false);
        assertThat(answer(url).path("text").asString())
                .isEqualTo("You cannot resolve issues in " + tenant.org().name() + ": your role is Viewer. Ask an admin.");
        assertThat(status(id)).isEqualTo("unresolved");

        String ack = click(viewerSlack, SlackActions.INCIDENT_ACKNOWLEDGE, "incident:" + incident.id(), false);
        assertThat(answer(ack).path("text").asString()).startsWith("You cannot acknowledge incidents in ");
        assertThat(reload(incident).status()).isEqualTo(IncidentStatus.TRIGGERED);
    }

    @Test
    void anotherOrganizationsIssueOrIncidentIsRefusedAndUntouched() {
        Tenant other = newTenant();
        String theirProject = unique("their");
        long theirProjectId = projects.create(other.owner(), other.org().slug(), other.org().slug(), "Theirs", theirProject, "java")
                .project().id();
        ProjectKey theirKey = projects.listKeys(other.owner(), other.org().slug(), theirProject).get(0);
        long theirIssue = io.bugmaster.testing.TestIssues.issue(baseUrl(), other.ownerToken(), other.org().slug(), theirProject,
                theirProjectId, theirKey, "Their secret issue");
        // the owner of this organization is a member of the other one too: still not through this workspace
        join(other.owner(), other.org().slug(), tenant.user(), Role.ADMIN);
        long theirService = services.create(other.owner(), other.org().slug(), Map.of("name", unique("svc"))).id();
        Incident theirIncident = declareIn(other.owner(), other.org().slug(), theirService, "Their incident");

        String url = click(ownerSlackId, SlackActions.ISSUE_RESOLVE, "issue:" + theirIssue, false);
        assertThat(answer(url).path("text").asString()).contains("this issue is not one of " + tenant.org().name());
        ApiClient.Response theirs = api.get(other.ownerToken(), "/api/0/organizations/" + other.org().slug() + "/issues/" + theirIssue + "/");
        assertThat(theirs.json().path("status").asString()).isEqualTo("unresolved");

        String ack = click(ownerSlackId, SlackActions.INCIDENT_RESOLVE, "incident:" + theirIncident.id(), false);
        assertThat(answer(ack).path("text").asString()).contains("this incident is not one of");
        assertThat(reload(theirIncident).status()).isEqualTo(IncidentStatus.TRIGGERED);
    }

    @Test
    void aSlackPersonLinkedInOneOrganizationIsUnknownOnAnotherOrganizationsWorkspace() {
        long id = issue("Login loops");
        click(ownerSlackId, SlackActions.ISSUE_RESOLVE, "issue:" + id, false); // linked here by email now
        issueChanges.update(tenant.owner(), org, Long.toString(id), IssueUpdate.unresolve());

        Tenant other = newTenant();
        FakeSlack.Workspace theirs = FakeSlack.shared().workspace(unique("ws"));
        installations.save(other.owner(), other.org().slug(), new SlackInstallations.Settings(theirs.botToken, theirs.signingSecret, null, null));
        SlackSigned theirSlack = new SlackSigned(baseUrl(), theirs.signingSecret);
        String url = theirs.responseUrl();
        ObjectNode p = payload(theirs, ownerSlackId, SlackActions.ISSUE_RESOLVE, "issue:" + id, false, url);
        assertThat(theirSlack.interaction(clock.instant(), p.toString()).status()).isEqualTo(200);

        List<JsonNode> answers = Poll.until(Duration.ofSeconds(20), "the answer", () -> theirs.responses(url), l -> !l.isEmpty());
        assertThat(answers.get(0).path("text").asString()).startsWith("Connect your Slack account to Bugmaster first");
        assertThat(status(id)).isEqualTo("unresolved");
    }

    @Test
    void aPersonOfAnotherWorkspaceInASharedChannelIsNobodyHere() {
        long id = issue("Shared channel");
        String url = ws.responseUrl();
        ObjectNode p = payload(ws, ownerSlackId, SlackActions.ISSUE_RESOLVE, "issue:" + id, false, url);
        ((ObjectNode) p.path("user")).put("team_id", "TEXTERNAL1");
        assertThat(slack.interaction(clock.instant(), p.toString()).status()).isEqualTo(200);
        assertThat(answer(url).path("text").asString()).contains("only people of the " + ws.name + " workspace");
        assertThat(status(id)).isEqualTo("unresolved");
    }

    @Test
    void forgedUnsignedAndReplayedClicksChangeNothing() {
        long id = issue("Forged click target");
        String body = SlackSigned.form(Map.of("payload", payload(ws, ownerSlackId, SlackActions.ISSUE_RESOLVE, "issue:" + id, false,
                ws.responseUrl()).toString()));
        Instant now = clock.instant();
        String ts = String.valueOf(now.getEpochSecond());
        String form = "application/x-www-form-urlencoded";

        assertThat(slack.post("/slack/interactions", body, form, null, null, Map.of()).status()).as("unsigned").isEqualTo(401);
        SlackSigned forger = new SlackSigned(baseUrl(), "0123456789abcdef0123456789abcdef");
        assertThat(forger.post(now, "/slack/interactions", body, form).status()).as("another secret").isEqualTo(401);
        assertThat(slack.post("/slack/interactions", body, form, String.valueOf(now.getEpochSecond() - 301), slack.signature(
                now.minusSeconds(301), body), Map.of()).status()).as("too old").isEqualTo(401);
        assertThat(status(id)).isEqualTo("unresolved");

        String signature = slack.signature(now, body);
        assertThat(slack.post("/slack/interactions", body, form, ts, signature, Map.of()).status()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("resolved");
        issueChanges.update(tenant.owner(), org, Long.toString(id), IssueUpdate.unresolve());
        assertThat(slack.post("/slack/interactions", body, form, ts, signature, Map.of()).status()).as("replayed").isEqualTo(401);
        assertThat(status(id)).isEqualTo("unresolved");
    }

    @Test
    void aValueThatIsNotBugmastersIsRefusedAndEchoedEscaped() {
        long id = issue("Hostile values");
        String url = click(ownerSlackId, SlackActions.ISSUE_RESOLVE, "<!channel> <https://evil.example/|click me> & issue:" + id, false);
        String text = answer(url).path("text").asString();
        assertThat(text).startsWith("Bugmaster does not understand this button")
                .contains("&lt;!channel&gt; &lt;https://evil.example/|click me&gt; &amp;").doesNotContain("<!channel>")
                .doesNotContain("<https://evil.example");
        assertThat(status(id)).isEqualTo("unresolved");

        String ignore = click(ownerSlackId, SlackActions.ISSUE_IGNORE, "issue:" + id + " forever", true);
        assertThat(answer(ignore).path("text").asString()).contains("ignore needs a choice");
        String unknown = click(ownerSlackId, "drop_tables", "issue:" + id, false);
        assertThat(answer(unknown).path("text").asString()).contains("not one of Bugmaster's");
        String wrongType = click(ownerSlackId, SlackActions.INCIDENT_RESOLVE, "issue:" + id, false);
        assertThat(answer(wrongType).path("text").asString()).contains("not an incident");
        assertThat(status(id)).isEqualTo("unresolved");
    }

    @Test
    void aClickThatNamesNobodyIsRefused() {
        long id = issue("Nobody clicked");
        for (String who : List.of("", "<!channel>", "U1 OR 1=1")) {
            String url = click(who, SlackActions.ISSUE_RESOLVE, "issue:" + id, false);
            assertThat(answer(url).path("text").asString()).as(who).isEqualTo("Bugmaster did not do that: Slack did not say who clicked.");
        }
        assertThat(status(id)).isEqualTo("unresolved");
    }

    @Test
    void openAndOtherInteractionsAreAnsweredWithAnEmpty200() {
        click(ownerSlackId, SlackActions.OPEN, "issue:1", false);
        for (String type : List.of("view_closed", "shortcut", "message_action")) {
            ObjectNode p = JSON.createObjectNode().put("type", type);
            p.putObject("user").put("id", ownerSlackId).put("team_id", ws.teamId);
            ApiClient.Response r = slack.interaction(clock.instant(), p.toString());
            assertThat(r.status()).as(type).isEqualTo(200);
            assertThat(r.body()).as(type).isEmpty();
        }
        ObjectNode submission = JSON.createObjectNode().put("type", "view_submission");
        submission.putObject("view").put("callback_id", "nobody_owns_this").putObject("state").putObject("values");
        ApiClient.Response r = slack.interaction(clock.instant(), submission.toString());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
    }
}
