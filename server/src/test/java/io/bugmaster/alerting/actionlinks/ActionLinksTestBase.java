package io.bugmaster.alerting.actionlinks;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueChanges;
import io.bugmaster.issues.IssueQueries;
import io.bugmaster.issues.IssueService;
import io.bugmaster.issues.IssueViews.Activity;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.Receiver;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SignalRows;
import io.bugmaster.web.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An organization whose alert rule tells a webhook channel (a real receiver on this machine) about
 * new issues, and someone without a session who got the message.
 */
abstract class ActionLinksTestBase extends IntegrationTest {
    static final String BASE = "http://localhost:8080";
    static final String OWNER_PASSWORD = "action-links-owner-password";

    @Autowired ChannelService channels;
    @Autowired ProjectService projects;
    @Autowired IssueService issues;
    @Autowired IssueQueries issueQueries;
    @Autowired IssueChanges issueChanges;
    @Autowired ActionLinks actionLinks;
    @Autowired JdbcClient db;

    static final tools.jackson.databind.ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();
    Receiver hook;
    Tenant tenant;
    long projectId;
    ProjectKey key;
    long channelId;
    String channelName;
    /** Someone who got the message, with no session on this server. */
    WebClient stranger;

    @BeforeEach
    void setUp() {
        engine.runOnce(); // whatever other tests left is handled first
        hook = new Receiver();
        io.bugmaster.accounts.User user = newUser(OWNER_PASSWORD);
        Actor owner = Actor.session(user.id(), user.email());
        tenant = new Tenant(organizations.create(owner, "Shop", unique("shop")), user, owner,
                token(owner, List.copyOf(io.bugmaster.accounts.Scopes.ALL)));
        String project = unique("web");
        projectId = projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "Web shop", project, "javascript")
                .project().id();
        key = projects.listKeys(tenant.owner(), tenant.org().slug(), project).get(0);
        channelName = "Ops " + unique("hook");
        channelId = channels.create(tenant.owner(), tenant.org().slug(),
                new ChannelService.NewChannel(channelName, "webhook", Map.of("url", hook.url("/hook")))).id();
        ApiClient.Response rule = new ApiClient(baseUrl()).post(tenant.ownerToken(),
                "/api/0/organizations/" + tenant.org().slug() + "/alert-rules/", """
                {"name": "New issues", "conditions": [{"id": "first_seen_event"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}], "frequency": 5}""".formatted(channelId));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        stranger = new WebClient(baseUrl());
    }

    @AfterEach
    void stopHook() {
        hook.close();
    }

    /** A new issue alerted to the webhook; its action links by type (open, resolve, snooze), as paths on this server. */
    record Alerted(long issueId, Map<String, String> actions) {
        String resolve() {
            return actions.get("resolve");
        }

        String ignore() {
            return actions.get("snooze");
        }
    }

    /** The types of the actions an alert carries. */
    List<String> expectedActions() {
        return List.of("open", "resolve", "snooze");
    }

    Alerted alerted(String message) {
        int seen = hook.requests().size();
        long issueId = ingest(message);
        drain();
        List<Receiver.Request> got = hook.requests();
        assertThat(got.size()).as("the alert reached the webhook").isGreaterThan(seen);
        JsonNode data = got.get(got.size() - 1).json().path("data");
        Map<String, String> actions = new LinkedHashMap<>();
        data.path("actions").forEach(a -> actions.put(a.path("type").asString(), path(a.path("url").asString())));
        assertThat(actions.keySet()).containsExactlyElementsOf(expectedActions());
        return new Alerted(issueId, actions);
    }

    static String path(String url) {
        assertThat(url).startsWith(BASE + "/");
        return url.substring(BASE.length());
    }

    Issue issue(long id) {
        return issues.issue(id).orElseThrow();
    }

    HttpResponse<String> post(String path) {
        return stranger.postRaw(path, Map.of());
    }

    List<Activity> activities(long issueId) {
        return issueQueries.activities(tenant.owner(), tenant.org().slug(), Long.toString(issueId), 0, 100).items();
    }

    long ingest(String message) {
        return ingestInto(projectId, key, message);
    }

    long ingestInto(Tenant other, String message) {
        String project = unique("p");
        long id = projects.create(other.owner(), other.org().slug(), other.org().slug(), "Other", project, "javascript").project().id();
        return ingestInto(id, projects.listKeys(other.owner(), other.org().slug(), project).get(0), message);
    }

    long ingestInto(long project, ProjectKey projectKey, String message) {
        String event = """
                {"event_id":"%s","platform":"javascript","level":"error","environment":"production","fingerprint":["%s"],
                 "message":%s}""".formatted(UUID.randomUUID().toString().replace("-", ""), UUID.randomUUID(),
                JSON.writeValueAsString(message));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + project + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + projectKey.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return db.sql("SELECT id FROM issues WHERE project_id = ? ORDER BY id DESC LIMIT 1").param(project).query(Long.class).single();
    }

    /** Runs the engine until this organization has no signal to handle and no notification due. */
    void drain() {
        for (int i = 0; i < 20; i++) {
            engine.runOnce();
            long due = db.sql("SELECT COUNT(*) FROM notification_queue WHERE org_id = ? AND state = 'pending' AND next_attempt_at <= ?")
                    .params(tenant.org().id(), clock.millis()).query(Long.class).single()
                    + SignalRows.notYetAlerted(db, tenant.org().id());
            if (due == 0) {
                return;
            }
        }
    }
}
