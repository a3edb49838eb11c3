package io.bugmaster.slack.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.incidents.DeclareRules;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Services;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.Delivery;
import io.bugmaster.notify.DeliveryStatus;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import io.bugmaster.slack.SlackActions;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.FakeSlack;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.web.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The Slack app's messages end to end on every database: an event over the Sentry protocol, an alert
 * rule naming a {@code slack_app} channel, the delivery queue, {@code chat.postMessage} at the local
 * fake of Slack (which checks Block Kit as Slack does), and every later change of the issue or the
 * incident (on the web, through the API) updating that same message with {@code chat.update}.
 * Rate limits and refusals are Slack's own answers; the clock is moved, never slept on.
 */
abstract class SlackCardsContract extends IntegrationTest {
    static final String PASSWORD = "slack-cards-password";

    @Autowired SlackInstallations installations;
    @Autowired ChannelService channels;
    @Autowired ProjectService projects;
    @Autowired NotificationQueue queue;
    @Autowired Services services;
    @Autowired Incidents incidents;
    @Autowired JdbcClient db;

    final HttpClient http = HttpClient.newHttpClient();
    ApiClient api;
    Tenant tenant;
    String org;
    String project;
    long projectId;
    ProjectKey key;
    FakeSlack.Workspace slack;
    String alerts;

    @BeforeEach
    void setUp() {
        engine.runOnce(); // whatever other tests left is handled first
        api = new ApiClient(baseUrl());
        var owner = newUser(PASSWORD);
        var actor = io.bugmaster.accounts.Actor.session(owner.id(), owner.email());
        tenant = new Tenant(organizations.create(actor, "Shop", unique("shop")), owner, actor,
                token(actor, List.copyOf(io.bugmaster.accounts.Scopes.ALL)));
        org = tenant.org().slug();
        project = unique("web");
        projectId = projects.create(tenant.owner(), org, org, "Web shop", project, "javascript").project().id();
        key = projects.listKeys(tenant.owner(), org, project).get(0);
        slack = FakeSlack.shared().workspace(unique("ws"));
        installations.save(tenant.owner(), org, new SlackInstallations.Settings(slack.botToken, slack.signingSecret, null, null));
        alerts = slack.channel("alerts-production");
    }

    long slackChannel(String channel) {
        return channels.create(tenant.owner(), org, new ChannelService.NewChannel("Slack " + unique("c"), "slack_app",
                Map.of("channel", channel))).id();
    }

    void rule(long channelId) {
        ApiClient.Response r = api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/alert-rules/", """
                {"name": "New issues to Slack", "conditions": [{"id": "first_seen_event"}, {"id": "regression_event"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}], "frequency": 30}""".formatted(channelId));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** Sends an event; events with the same fingerprint share an issue. Returns the issue's id. */
    long ingest(String message) {
        String event = """
                {"event_id":"%s","platform":"javascript","level":"error","environment":"production","release":"shop@1.4.2",
                 "fingerprint":["%s"],"message":%s,"culprit":"app/checkout.js in pay"}""".formatted(UUID.randomUUID().toString().replace("-", ""),
                UUID.randomUUID(), ApiClient.JSON.writeValueAsString(message));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return db.sql("SELECT id FROM issues WHERE project_id = ? ORDER BY id DESC LIMIT 1").param(projectId).query(Long.class).single();
    }

    /** Runs the engine until the organization has nothing due: no signal unread by the Slack consumer, no notification, no Slack call. */
    void drain() {
        for (int i = 0; i < 20; i++) {
            engine.runOnce();
            long due = db.sql("SELECT COUNT(*) FROM notification_queue WHERE org_id = ? AND state = 'pending' AND next_attempt_at <= ?")
                    .params(tenant.org().id(), clock.millis()).query(Long.class).single()
                    + db.sql("SELECT COUNT(*) FROM slack_calls WHERE org_id = ? AND state = 'pending' AND next_at <= ?")
                    .params(tenant.org().id(), clock.millis()).query(Long.class).single()
                    + db.sql("SELECT COUNT(*) FROM signals s JOIN signal_cursors c ON c.consumer = 'slack-messages' WHERE s.org_id = ?"
                            + " AND (s.tx_id > c.tx_id OR (s.tx_id = c.tx_id AND s.id > c.signal_id))")
                    .param(tenant.org().id()).query(Long.class).single();
            if (due == 0) {
                return;
            }
        }
    }

    /** The action ids of the message's buttons and menus, in order. */
    static List<String> actionIds(JsonNode message) {
        List<String> ids = new ArrayList<>();
        for (JsonNode block : message.path("blocks")) {
            if (block.path("type").asString("").equals("actions")) {
                block.path("elements").forEach(e -> ids.add(e.path("action_id").asString()));
            }
        }
        return ids;
    }

    static JsonNode element(JsonNode message, String actionId) {
        for (JsonNode block : message.path("blocks")) {
            for (JsonNode e : block.path("elements")) {
                if (e.path("action_id").asString("").equals(actionId)) {
                    return e;
                }
            }
        }
        throw new AssertionError("no " + actionId + " in " + message);
    }

    /** Everything a person reads on the message: its fallback and its blocks' texts. */
    static String shown(JsonNode message) {
        return message.path("text").asString() + "\n" + message.path("blocks").toString();
    }

    @Test
    void aNewIssueIsPostedWithButtonsAndResolvingItOnTheWebUpdatesThatMessage() {
        rule(slackChannel(alerts));
        long issueId = ingest("TypeError: cart is undefined");
        drain();

        List<FakeSlack.Call> posts = slack.calls("chat.postMessage");
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).ok()).as(posts.get(0).reply().toString()).isTrue();
        String ts = posts.get(0).reply().path("ts").asString();
        JsonNode posted = slack.message(alerts, ts);
        assertThat(actionIds(posted)).containsExactly(SlackActions.ISSUE_RESOLVE, SlackActions.ISSUE_IGNORE, SlackActions.ISSUE_ASSIGN,
                SlackActions.OPEN);
        assertThat(element(posted, SlackActions.ISSUE_RESOLVE).path("value").asString()).isEqualTo("issue:" + issueId);
        List<String> ignores = new ArrayList<>();
        element(posted, SlackActions.ISSUE_IGNORE).path("options").forEach(o -> ignores.add(o.path("value").asString()));
        assertThat(ignores).containsExactly("issue:" + issueId + " 30m", "issue:" + issueId + " 24h", "issue:" + issueId + " 10",
                "issue:" + issueId + " 100");
        List<String> assignable = new ArrayList<>();
        element(posted, SlackActions.ISSUE_ASSIGN).path("options").forEach(o -> assignable.add(o.path("text").path("text").asString()
                + "=" + o.path("value").asString()));
        long teamId = organizations.getTeam(tenant.owner(), org, org).id();
        assertThat(assignable).as("me, then the project's team").containsExactly("Me=issue:" + issueId + " me",
                "#" + org + "=issue:" + issueId + " team:" + teamId);
        assertThat(element(posted, SlackActions.OPEN).path("url").asString())
                .isEqualTo("http://localhost:8080/orgs/" + org + "/issues/" + issueId);
        assertThat(shown(posted)).contains("[" + project + "] TypeError: cart is undefined").contains("Unresolved")
                .contains("New issue");

        // resolved on the issue's page: the same message now says so, and who did it; no second message
        WebClient web = new WebClient(baseUrl());
        web.login(tenant.user().email(), PASSWORD);
        String page = "/orgs/" + org + "/issues/" + issueId;
        assertThat(web.post(page, page, Map.of("action", "resolve")).statusCode()).isEqualTo(302);
        drain();

        List<FakeSlack.Call> updates = slack.calls("chat.update");
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).ok()).as(updates.get(0).reply().toString()).isTrue();
        assertThat(updates.get(0).arg("channel")).isEqualTo(alerts);
        assertThat(updates.get(0).arg("ts")).isEqualTo(ts);
        JsonNode now = slack.message(alerts, ts);
        assertThat(shown(now)).contains("Resolved by " + tenant.user().email()).doesNotContain("Unresolved");
        assertThat(actionIds(now)).containsExactly(SlackActions.ISSUE_UNRESOLVE, SlackActions.OPEN);
        assertThat(slack.calls("chat.postMessage")).as("the resolve is not posted as another message").hasSize(1);
        assertThat(slack.messages(alerts)).hasSize(1);
    }

    @Test
    void ignoringThroughTheApiAndAssigningUpdateTheMessage() {
        rule(slackChannel(alerts));
        long issueId = ingest("Timeout talking to payments");
        drain();
        String ts = slack.calls("chat.postMessage").get(0).reply().path("ts").asString();

        ApiClient.Response ignored = api.put(tenant.ownerToken(), "/api/0/issues/" + issueId + "/",
                "{\"status\": \"ignored\", \"statusDetails\": {\"ignoreCount\": 100}}");
        assertThat(ignored.status()).as(ignored.toString()).isEqualTo(200);
        drain();
        assertThat(shown(slack.message(alerts, ts))).contains("Ignored until 100 more events").contains("Ignored by " + tenant.user().email());
        assertThat(actionIds(slack.message(alerts, ts))).containsExactly(SlackActions.ISSUE_UNRESOLVE, SlackActions.OPEN);

        ApiClient.Response reopened = api.put(tenant.ownerToken(), "/api/0/issues/" + issueId + "/",
                "{\"status\": \"unresolved\", \"assignedTo\": \"" + tenant.user().email() + "\"}");
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        drain();
        JsonNode now = slack.message(alerts, ts);
        assertThat(shown(now)).contains("Unresolved").contains("assigned to " + tenant.user().email());
        assertThat(actionIds(now)).contains(SlackActions.ISSUE_RESOLVE);
        assertThat(slack.calls("chat.update")).allMatch(FakeSlack.Call::ok);
    }

    @Test
    void aDeletedIssuesMessageSaysItIsGoneAndLosesItsButtons() {
        rule(slackChannel(alerts));
        long issueId = ingest("Flaky test noise");
        drain();
        String ts = slack.calls("chat.postMessage").get(0).reply().path("ts").asString();
        ApiClient.Response deleted = api.delete(tenant.ownerToken(), "/api/0/issues/" + issueId + "/");
        assertThat(deleted.status()).as(deleted.toString()).isIn(202, 204);
        drain();
        JsonNode now = slack.message(alerts, ts);
        assertThat(shown(now)).contains("no longer exists").contains("Deleted by " + tenant.user().email());
        assertThat(actionIds(now)).isEmpty();
    }

    @Test
    void eventTextCannotMentionEveryoneOrMakeLinks() {
        rule(slackChannel(alerts));
        ingest("<!channel> boom & <https://evil.example|click me>");
        drain();
        JsonNode posted = slack.messages(alerts).get(0);
        assertThat(shown(posted)).doesNotContain("<!channel>").doesNotContain("<https://evil.example")
                .contains("&lt;!channel&gt; boom &amp; &lt;https://evil.example¦click me&gt;");
    }

    @Test
    void anIncidentCardShowsAcknowledgeUntilSomeoneAcknowledgesOnTheWeb() {
        long channel = slackChannel(alerts);
        long serviceId = services.create(tenant.owner(), org, Map.<String, Object>of("name", unique("checkout"))).id();
        Incidents.View declared = incidents.declare(tenant.owner(), org, new DeclareRules.DeclareInput("Checkout is down",
                List.of(String.valueOf(serviceId)), "1", "Payments time out", null), "web");
        long number = declared.incident().number();
        String subject = declared.incident().subject();
        queue.enqueue(tenant.org().id(), Recipient.channel(channel), Notification.of("incident-" + UUID.randomUUID(),
                Notification.Kind.ALERT, subject, "incident.triggered", org, "Checkout is down"));
        drain();
        String ts = slack.calls("chat.postMessage").get(0).reply().path("ts").asString();
        JsonNode posted = slack.message(alerts, ts);
        assertThat(actionIds(posted)).containsExactly(SlackActions.INCIDENT_ACKNOWLEDGE, SlackActions.INCIDENT_RESOLVE,
                SlackActions.INCIDENT_ESCALATE, SlackActions.OPEN);
        assertThat(element(posted, SlackActions.INCIDENT_ACKNOWLEDGE).path("value").asString()).isEqualTo(subject);
        assertThat(shown(posted)).contains("#" + number + " Checkout is down").contains("Triggered");

        incidents.acknowledge(tenant.owner(), org, String.valueOf(number), "web");
        drain();
        JsonNode acked = slack.message(alerts, ts);
        assertThat(shown(acked)).contains("Acknowledged by " + tenant.user().email()).contains(tenant.user().email());
        assertThat(actionIds(acked)).containsExactly(SlackActions.INCIDENT_RESOLVE, SlackActions.INCIDENT_ESCALATE, SlackActions.OPEN);

        incidents.resolve(tenant.owner(), org, String.valueOf(number), "web");
        drain();
        assertThat(actionIds(slack.message(alerts, ts))).containsExactly(SlackActions.OPEN);
        assertThat(shown(slack.message(alerts, ts))).contains("Resolved by " + tenant.user().email());
    }

    @Test
    void aRateLimitedPostIsSentAgainAfterSlacksRetryAfterAndSoIsAnUpdate() {
        long channel = slackChannel(alerts);
        rule(channel);
        slack.rateLimitNext("chat.postMessage", 120);
        long issueId = ingest("NullPointerException in basket");
        drain();
        assertThat(slack.calls("chat.postMessage")).hasSize(1);
        assertThat(slack.calls("chat.postMessage").get(0).httpStatus()).isEqualTo(429);
        assertThat(slack.messages(alerts)).isEmpty();

        clock.advance(Duration.ofSeconds(100));
        drain();
        assertThat(slack.calls("chat.postMessage")).as("not before Slack's Retry-After").hasSize(1);
        clock.advance(Duration.ofSeconds(21));
        drain();
        assertThat(slack.messages(alerts)).hasSize(1);
        String ts = slack.calls("chat.postMessage").get(1).reply().path("ts").asString();

        slack.rateLimitNext("chat.update", 60);
        assertThat(api.put(tenant.ownerToken(), "/api/0/issues/" + issueId + "/", "{\"status\": \"resolved\"}").status()).isEqualTo(200);
        drain();
        assertThat(slack.calls("chat.update")).hasSize(1);
        assertThat(shown(slack.message(alerts, ts))).doesNotContain("Resolved by");
        clock.advance(Duration.ofSeconds(61));
        drain();
        assertThat(slack.calls("chat.update")).hasSize(2);
        assertThat(shown(slack.message(alerts, ts))).contains("Resolved by " + tenant.user().email());
    }

    @Test
    void anUpdateSlackRefusesForGoodIsNotRetriedAndShowsOnTheSettingsPage() {
        rule(slackChannel(alerts));
        long issueId = ingest("Message someone deleted in Slack");
        drain();
        slack.failNext("chat.update", "message_not_found");
        assertThat(api.put(tenant.ownerToken(), "/api/0/issues/" + issueId + "/", "{\"status\": \"resolved\"}").status()).isEqualTo(200);
        drain();
        clock.advance(Duration.ofHours(1));
        drain();
        assertThat(slack.calls("chat.update")).as("tried once: trying again cannot help").hasSize(1);

        WebClient web = new WebClient(baseUrl());
        web.login(tenant.user().email(), PASSWORD);
        String page = web.get("/orgs/" + org + "/settings/slack").body();
        assertThat(page).contains("Recent calls to Slack").contains("chat.update").contains("failed").contains("message_not_found");
    }

    @Test
    void aChannelTheAppIsNotInFailsForGoodAndSaysToInviteIt() {
        long channel = slackChannel(slack.channelWithoutBot("private-ops"));
        rule(channel);
        ingest("Disk full");
        drain();
        Delivery attempt = channels.detail(tenant.owner(), org, String.valueOf(channel), 10).recent().get(0);
        assertThat(attempt.status()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
        assertThat(attempt.error()).contains("/invite @Bugmaster").contains("not_in_channel");
        assertThat(db.sql("SELECT state FROM notification_queue WHERE org_id = ?").param(tenant.org().id()).query(String.class).list())
                .as("not tried again").doesNotContain("pending");
    }

    @Test
    void withoutAConnectedWorkspaceTheChannelSaysWhereToConnectIt() {
        long channel = slackChannel(alerts);
        installations.remove(tenant.owner(), org);
        assertThat(channels.warnings(channels.detail(tenant.owner(), org, String.valueOf(channel), 1).channel()))
                .singleElement().asString().contains("/orgs/" + org + "/settings/slack");
        rule(channel);
        ingest("Disk full");
        drain();
        Delivery attempt = channels.detail(tenant.owner(), org, String.valueOf(channel), 10).recent().get(0);
        assertThat(attempt.status()).isEqualTo(DeliveryStatus.FAILED_PERMANENT);
        assertThat(attempt.error()).contains("connect Slack first at /orgs/" + org + "/settings/slack");
    }

    @Test
    void aChannelAddedOnTheNotificationsPageWarnsUntilTheWorkspaceIsConnected() {
        installations.remove(tenant.owner(), org);
        WebClient web = new WebClient(baseUrl());
        web.login(tenant.user().email(), PASSWORD);
        String page = "/orgs/" + org + "/settings/notifications";
        assertThat(web.get(page).body()).contains("Slack app").contains("/orgs/" + org + "/settings/slack");
        HttpResponse<String> bad = web.post(page, page, Map.of("kind", "slack_app", "name", "Ops", "channel", "general <b>"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("Channel ID").doesNotContain("general <b>");
        HttpResponse<String> created = web.post(page, page, Map.of("kind", "slack_app", "name", "Ops", "channel", alerts));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String channelPage = WebClient.location(created).replaceFirst("^https?://[^/]+", "");
        assertThat(web.get(channelPage).body()).contains(alerts).contains("connect Slack first at /orgs/" + org + "/settings/slack");

        installations.save(tenant.owner(), org, new SlackInstallations.Settings(slack.botToken, slack.signingSecret, null, null));
        assertThat(web.get(channelPage).body()).contains(alerts).doesNotContain("connect Slack first");
    }

    @Test
    void theChannelSettingIsASlackChannelIdOrName() {
        String path = "/api/0/organizations/" + org + "/notification-channels/";
        ApiClient.Response bad = api.post(tenant.ownerToken(), path,
                "{\"name\": \"Slack\", \"kind\": \"slack_app\", \"config\": {\"channel\": \"https://hooks.slack.com/x\"}}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.detail()).contains("config.channel").contains("Channel ID");
        ApiClient.Response byName = api.post(tenant.ownerToken(), path,
                "{\"name\": \"Slack\", \"kind\": \"slack_app\", \"config\": {\"channel\": \" #Alerts-Production \"}}");
        assertThat(byName.status()).as(byName.toString()).isEqualTo(201);
        assertThat(byName.json().path("config").path("channel").asString()).isEqualTo("#alerts-production");

        // "Send test notification" posts a plain message there now, and says how it went
        ApiClient.Response test = api.post(tenant.ownerToken(), path + byName.json().path("id").asString() + "/test/", null);
        assertThat(test.json().path("ok").asBoolean()).as(test.toString()).isTrue();
        assertThat(slack.messages(alerts)).singleElement().satisfies(m -> assertThat(m.path("text").asString()).contains("Test"));
        slack.failNext("chat.postMessage", "not_in_channel");
        ApiClient.Response refused = api.post(tenant.ownerToken(), path + byName.json().path("id").asString() + "/test/", null);
        assertThat(refused.json().path("ok").asBoolean()).isFalse();
        assertThat(refused.toString()).contains("/invite @Bugmaster");

        // posted by name: the message is recorded under the channel id Slack answers with, which chat.update takes
        rule(Long.parseLong(byName.json().path("id").asString()));
        long issueId = ingest("Posted by name");
        drain();
        assertThat(slack.messages(alerts)).hasSize(2);
        assertThat(api.put(tenant.ownerToken(), "/api/0/issues/" + issueId + "/", "{\"status\": \"resolved\"}").status()).isEqualTo(200);
        drain();
        assertThat(slack.calls("chat.update")).singleElement().satisfies(c -> assertThat(c.ok()).isTrue());
    }
}
