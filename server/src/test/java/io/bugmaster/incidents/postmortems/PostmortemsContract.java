package io.bugmaster.incidents.postmortems;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Postmortems and action items as a team uses them through the API: the draft holds the incident's
 * whole timeline and its impact in numbers; states move draft, in review, published and back; a
 * stale save is refused and loses nothing; comments; action items whose owner must be a member,
 * reminded once a day when overdue; the library of published ones; other organizations see nothing.
 */
abstract class PostmortemsContract extends IntegrationTest {
    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired AlertIntake intake;
    @Autowired Incidents incidents;
    @Autowired ProjectService projects;
    @Autowired JdbcClient db;
    @Autowired PostmortemReferences references;

    final HttpClient http = HttpClient.newHttpClient();
    ApiClient api;
    Tenant tenant;
    String org;
    String token;
    User responder;
    ServiceDefinition service;

    @BeforeEach
    void setUp() {
        engine.runOnce(); // what other tests left is handled first
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        org = tenant.org().slug();
        token = tenant.ownerToken();
        responder = newUser("password-" + UUID.randomUUID());
        join(tenant.owner(), org, responder, Role.MEMBER);
        var policy = policies.create(tenant.owner(), org, new EscalationPolicies.PolicyInput(unique("policy"), null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(responder.id()))), false))));
        service = services.create(tenant.owner(), org, Map.of("name", "Orders " + unique("s"), "escalation_policy",
                Map.of("id", Long.toString(policy.id()))));
    }

    String base() {
        return "/api/0/organizations/" + org;
    }

    /** An incident on the service: triggered by an alert whose summary is hostile, paged, acknowledged after 4 minutes, resolved 40 minutes later. */
    Incident resolvedIncident(String summary) {
        var key = services.createIntegration(tenant.owner(), org, Long.toString(service.id()), "events_api_v2", null);
        String dedup = unique("orders");
        intake.apply(intake.integrationByKey(key.integrationKey()).orElseThrow(), new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER,
                dedup, summary, "test", "critical", null, null, null, null, Map.of(), List.of(), null, null));
        engine.runOnce();
        long number = db.sql("SELECT i.number FROM incidents i JOIN alerts a ON a.incident_id = i.id WHERE a.dedup_key = ?").param(dedup)
                .query(Long.class).single();
        clock.advance(Duration.ofMinutes(4));
        var asResponder = io.bugmaster.accounts.Actor.session(responder.id(), responder.email());
        incidents.acknowledge(asResponder, org, Long.toString(number), "web");
        clock.advance(Duration.ofMinutes(40));
        incidents.resolve(asResponder, org, Long.toString(number), "web");
        return incidents.get(tenant.owner(), org, Long.toString(number)).incident();
    }

    /** An error issue with 3 events from 2 users, linked to the incident (as "Declare incident" on an issue does). */
    long linkedIssue(Incident incident) throws Exception {
        String project = unique("web");
        long projectId = projects.create(tenant.owner(), org, org, "Web", project, "javascript").project().id();
        ProjectKey key = projects.listKeys(tenant.owner(), org, project).get(0);
        for (String user : List.of("u1", "u2", "u1")) {
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"event_id":"%s","platform":"javascript","level":"error","message":"Orders | list [x](javascript:alert(1)) empty",
                             "user":{"id":"%s"}}""".formatted(UUID.randomUUID().toString().replace("-", ""), user))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        }
        long issueId = db.sql("SELECT id FROM issues WHERE project_id = ?").param(projectId).query(Long.class).single();
        db.sql("INSERT INTO incident_issues (incident_id, issue_id, linked_at) VALUES (?, ?, ?)").params(incident.id(), issueId,
                clock.millis()).update();
        return issueId;
    }

    JsonNode created(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    @Test
    void theDraftHoldsTheWholeTimelineAndTheImpactInNumbers() throws Exception {
        Incident incident = resolvedIncident("Orders stuck | <script>alert(1)</script>\n| injected | row |");
        linkedIssue(incident);
        JsonNode pm = created(api.post(token, base() + "/incidents/" + incident.number() + "/postmortem/", "{}"));
        assertThat(pm.get("state").asString()).isEqualTo("draft");
        assertThat(pm.get("version").asLong()).isEqualTo(1);
        String body = pm.get("body").asString();

        assertThat(body).contains("## Summary", "## Context", "## Impact", "## Timeline", "## How to improve", "## Preventative actions");
        assertThat(body).contains("- **Duration:** 44 min, from ");
        assertThat(body).contains("- **Time to acknowledge:** 4 min");
        assertThat(body).contains("- **Time in each stage:** investigating 44 min");
        assertThat(body).contains("- **Services:** " + service.name());
        assertThat(body).contains("- **Error issues:** 1 linked, 3 events and 2 users affected");
        assertThat(body).contains("- **Notifications:** 1 page sent to 1 person");
        assertThat(body).contains("- **Responders:** ");
        assertThat(body).contains("| Time (UTC) | Event | Link |");
        // every log line is a row: triggered, alert, notified, acknowledged, resolved
        List<String> rows = body.lines().filter(l -> l.startsWith("| 20")).toList();
        assertThat(rows).anyMatch(l -> l.contains("triggered:")).anyMatch(l -> l.contains("notified:"))
                .anyMatch(l -> l.contains("acknowledged:")).anyMatch(l -> l.contains("resolved:"));
        // the hostile summary stays inside its cell: every row has exactly its three cells' four unescaped pipes
        assertThat(rows).allSatisfy(l -> assertThat(l.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(4));
        assertThat(body).doesNotContain("<script>").contains("\\<script\\>");
        assertThat(body).as("the issue's title is text, not a link").doesNotContainPattern("(?<!\\\\)\\]\\(javascript:")
                .contains("Orders \\| list \\[x\\](javascript:alert(1)) empty: 3 events, 2 users");

        ApiClient.Response again = api.post(token, base() + "/incidents/" + incident.number() + "/postmortem/", "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.detail()).contains("already has a postmortem");
        assertThat(api.get(token, base() + "/incidents/" + incident.number() + "/log/").body()).contains("Postmortem drafted");
    }

    @Test
    void statesMoveThroughReviewToPublishedAndAStaleSaveIsRefused() {
        Incident incident = resolvedIncident("Orders stuck");
        String path = base() + "/incidents/" + incident.number() + "/postmortem/";
        assertThat(api.get(token, path).status()).isEqualTo(404);
        assertThat(api.get(token, path).detail()).contains("has no postmortem yet");
        created(api.post(token, path, "{}"));

        ApiClient.Response saved = api.put(token, path, ApiClient.json("body", "# Orders\n\nThe consumer died.", "version", 1));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("version").asLong()).isEqualTo(2);

        // a second editor who opened version 1 saves later: refused, and the first editor's text is kept
        ApiClient.Response stale = api.put(token, path, ApiClient.json("body", "# Mine", "version", 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.detail()).contains("saved by someone else").contains("version 2").contains("not saved");
        assertThat(api.get(token, path).json().get("body").asString()).isEqualTo("# Orders\n\nThe consumer died.");
        assertThat(api.put(token, path, "{\"body\": \"x\"}").detail()).contains("version").contains("required");

        assertThat(api.put(token, path, ApiClient.json("state", "published", "version", 2)).detail())
                .contains("draft can move to in_review, not to published");
        assertThat(api.put(token, path, ApiClient.json("state", "final", "version", 2)).detail()).contains("draft, in_review or published");
        JsonNode review = api.put(token, path, ApiClient.json("state", "in_review", "version", 2)).json();
        assertThat(review.get("state").asString()).isEqualTo("in_review");
        JsonNode published = api.put(token, path, ApiClient.json("state", "published", "version", 3)).json();
        assertThat(published.get("state").asString()).isEqualTo("published");
        assertThat(published.get("published_at").asString()).isNotBlank();
        JsonNode back = api.put(token, path, ApiClient.json("state", "draft", "version", 4)).json();
        assertThat(back.get("state").asString()).isEqualTo("draft");

        String big = "x".repeat(Postmortems.MAX_BODY_BYTES + 1);
        ApiClient.Response tooBig = api.put(token, path, ApiClient.json("body", big, "version", 5));
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.detail()).contains("at most 200 KB");

        String readOnly = token(tenant.owner(), List.of("event:read", "org:read"));
        assertThat(api.put(readOnly, path, ApiClient.json("body", "defaced", "version", 5)).status()).isEqualTo(403);
        assertThat(api.post(readOnly, path + "comments/", ApiClient.json("body", "hi")).status()).isEqualTo(403);
        assertThat(api.get(readOnly, path).json().get("body").asString()).isEqualTo("# Orders\n\nThe consumer died.");

        ApiClient.Response md = api.get(token, path + "markdown");
        assertThat(md.status()).isEqualTo(200);
        assertThat(md.header("Content-Type")).startsWith("text/markdown");
        assertThat(md.header("Content-Disposition")).startsWith("attachment").contains("postmortem-incident-" + incident.number() + ".md");
        assertThat(md.body()).isEqualTo("# Orders\n\nThe consumer died.");
    }

    @Test
    void commentsKeepTheirAuthorAndTime() {
        Incident incident = resolvedIncident("Orders stuck");
        String path = base() + "/incidents/" + incident.number() + "/postmortem/";
        created(api.post(token, path, "{}"));
        JsonNode c = created(api.post(token, path + "comments/", ApiClient.json("body", "Was the <b>alert</b> late?")));
        assertThat(c.get("author").get("email").asString()).isEqualTo(tenant.user().email());
        assertThat(c.get("created_at").asString()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        assertThat(api.get(token, path + "comments/").json().get(0).get("body").asString()).isEqualTo("Was the <b>alert</b> late?");
        assertThat(api.post(token, path + "comments/", ApiClient.json("body", "  ")).detail()).contains("comment").contains("1 to 5000");
    }

    @Test
    void anActionItemsOwnerIsAMemberAndItsTicketAnHttpAddress() {
        Incident incident = resolvedIncident("Orders stuck");
        String items = base() + "/incidents/" + incident.number() + "/action-items/";
        Tenant other = newTenant();
        ApiClient.Response foreign = api.post(token, items, ApiClient.json("title", "Alert on empty lists", "owner_id", other.user().id()));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.detail()).contains("no member of this organization has user id " + other.user().id());
        assertThat(api.post(token, items, ApiClient.json("title", "x", "owner_id", responder.id(), "external_url", "javascript:alert(1)"))
                .detail()).contains("external_url").contains("http or https");
        assertThat(api.post(token, items, ApiClient.json("title", "x", "owner_id", responder.id(), "due_date", "next week")).detail())
                .contains("due_date").contains("2026-12-31");
        assertThat(api.post(token, items, ApiClient.json("owner_id", responder.id())).detail()).contains("title").contains("required");

        JsonNode item = created(api.post(token, items, ApiClient.json("title", "Alert on empty order lists", "owner_id",
                Long.toString(responder.id()), "due_date", "2030-01-31", "external_url", "https://tracker.example.com/OPS-12")));
        assertThat(item.get("owner").get("email").asString()).isEqualTo(responder.email());
        assertThat(item.get("status").asString()).isEqualTo("open");
        String id = item.get("id").asString();
        JsonNode done = api.put(token, items + id + "/", "{\"status\": \"done\"}").json();
        assertThat(done.get("status").asString()).isEqualTo("done");
        assertThat(done.get("done_at").asString()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        assertThat(done.get("external_url").asString()).as("fields left out keep their values").isEqualTo("https://tracker.example.com/OPS-12");
        assertThat(api.put(token, items + id + "/", ApiClient.json("owner_id", other.user().id())).status()).isEqualTo(400);

        // another organization reaches neither the incident nor the item
        String theirs = "/api/0/organizations/" + other.org().slug() + "/incidents/" + incident.number() + "/action-items/";
        assertThat(api.get(other.ownerToken(), theirs).status()).isEqualTo(404);
        assertThat(api.get(other.ownerToken(), base() + "/incidents/" + incident.number() + "/action-items/").status()).isIn(403, 404);
        assertThat(api.put(other.ownerToken(), base() + "/incidents/" + incident.number() + "/action-items/" + id + "/",
                "{\"status\": \"open\"}").status()).isIn(403, 404);
        assertThat(api.get(other.ownerToken(), base() + "/incidents/" + incident.number() + "/postmortem/").status()).isIn(403, 404);

        assertThat(api.get(token, items).json()).hasSize(1);
        assertThat(api.delete(token, items + id + "/").status()).isEqualTo(204);
        assertThat(api.get(token, items).json()).isEmpty();
        assertThat(api.delete(token, items + id + "/").status()).isEqualTo(404);
    }

    @Test
    void anOverdueActionItemRemindsItsOwnerOnceADay() {
        Incident incident = resolvedIncident("Orders stuck");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String items = base() + "/incidents/" + incident.number() + "/action-items/";
        String due = created(api.post(token, items, ApiClient.json("title", "Alert on empty order lists", "owner_id", responder.id(),
                "due_date", today.toString()))).get("id").asString();
        String later = created(api.post(token, items, ApiClient.json("title", "Later", "owner_id", responder.id(),
                "due_date", today.plusDays(30).toString()))).get("id").asString();

        engine.runOnce();
        assertThat(reminders(due)).as("due today is not overdue yet").isEmpty();

        clock.advance(Duration.ofDays(1));
        engine.runOnce();
        assertThat(reminders(due)).containsExactly(responder.email());
        assertThat(api.get(token, items).json().get(0).get("overdue").asBoolean()).isTrue();
        clock.advance(Duration.ofHours(3));
        engine.runOnce();
        assertThat(reminders(due)).as("once a day").hasSize(1);

        clock.advance(Duration.ofHours(21));
        engine.runOnce();
        assertThat(reminders(due)).hasSize(2);
        assertThat(reminders(later)).isEmpty();

        api.put(token, items + due + "/", "{\"status\": \"done\"}");
        clock.advance(Duration.ofDays(1));
        engine.runOnce();
        assertThat(reminders(due)).as("done: no more reminders").hasSize(2);
    }

    /** The emails queued to remind about an item, by address. */
    List<String> reminders(String itemId) {
        return db.sql("SELECT email FROM notification_queue WHERE idempotency_key LIKE ? ORDER BY id").param("action-item:" + itemId + ":%")
                .query(String.class).list();
    }

    @Test
    void theLibraryFindsPublishedPostmortemsByWordAndService() throws Exception {
        Incident first = resolvedIncident("Orders stuck");
        Incident second = resolvedIncident("Payments slow");
        long issueId = linkedIssue(first);
        assertThat(references.of(tenant.org().id(), org, issueId)).as("not published yet").isEmpty();
        publish(first, "The consumer of the ORDERS queue died: 100% of brands saw no orders.");
        created(api.post(token, base() + "/incidents/" + second.number() + "/postmortem/", "{}"));

        assertThat(references.of(tenant.org().id(), org, issueId)).containsExactly(new io.bugmaster.issues.IssueReferences.Reference(
                "Postmortem", "#" + first.number() + " Orders stuck", "/orgs/" + org + "/incidents/" + first.number() + "/postmortem"));
        // the issue's page and the service's page link to it
        User reader = newUser("reader-password-" + org);
        join(tenant.owner(), org, reader, Role.MEMBER);
        io.bugmaster.web.WebClient web = new io.bugmaster.web.WebClient(baseUrl());
        web.login(reader.email(), "reader-password-" + org);
        String link = "href=\"/orgs/" + org + "/incidents/" + first.number() + "/postmortem\"";
        assertThat(web.get("/orgs/" + org + "/issues/" + issueId).body()).contains("Incidents and postmortems").contains(link);
        assertThat(web.get("/orgs/" + org + "/services/" + service.id()).body()).contains("id=\"service-postmortems\"").contains(link);
        assertThat(web.get("/orgs/" + org + "/postmortems?query=consumer").body()).contains(link);
        JsonNode all = api.get(token, base() + "/postmortems/").json();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).get("incident_number").asLong()).isEqualTo(first.number());
        assertThat(api.get(token, base() + "/postmortems/?query=consumer+orders").json()).hasSize(1);
        assertThat(api.get(token, base() + "/postmortems/?query=100%25").json()).hasSize(1);
        assertThat(api.get(token, base() + "/postmortems/?query=_").json()).as("_ is a character, not a wildcard").isEmpty();
        assertThat(api.get(token, base() + "/postmortems/?query=payments").json()).isEmpty();
        assertThat(api.get(token, base() + "/postmortems/?service_id=" + service.id()).json()).hasSize(1);
        String elsewhere = services.create(tenant.owner(), org, Map.of("name", unique("other"))).id() + "";
        assertThat(api.get(token, base() + "/postmortems/?service_id=" + elsewhere).json()).isEmpty();
        assertThat(api.get(token, base() + "/postmortems/?service_id=abc").detail()).contains("a service id is a number");

        Tenant other = newTenant();
        assertThat(api.get(other.ownerToken(), "/api/0/organizations/" + other.org().slug() + "/postmortems/").json()).isEmpty();
        assertThat(api.get(other.ownerToken(), base() + "/postmortems/").status()).isIn(403, 404);
    }

    void publish(Incident incident, String body) {
        String path = base() + "/incidents/" + incident.number() + "/postmortem/";
        created(api.post(token, path, "{}"));
        assertThat(api.put(token, path, ApiClient.json("body", body, "state", "in_review", "version", 1)).status()).isEqualTo(200);
        assertThat(api.put(token, path, ApiClient.json("state", "published", "version", 2)).status()).isEqualTo(200);
    }
}
