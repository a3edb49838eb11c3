package io.bugmaster.issues.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.accounts.Role;
import io.bugmaster.digest.DigestItem;
import io.bugmaster.digest.Digester;
import io.bugmaster.events.EventPayloads;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SignalRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The issue workflow through the REST API, on every database: events arrive through the digester
 * (as the ingest sends them), people act on issues over HTTP, and the engine runs after the clock
 * is moved.
 */
abstract class IssuesApiContract extends IntegrationTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired Digester digester;
    @Autowired ProjectService projects;
    @Autowired JdbcClient db;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Tenant tenant;
    String org;
    String project;
    long orgId;
    long projectId;
    String token;

    @BeforeEach
    void tenant() {
        tenant = newTenant();
        org = tenant.org().slug();
        orgId = tenant.org().id();
        project = "app";
        projectId = projects.create(tenant.owner(), org, org, "App", project, "java").project().id();
        token = tenant.ownerToken();
    }

    // --- helpers ---

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String detail() {
            return json().path("detail").asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    Response call(String method, String token, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path) {
        return call("GET", token, path, null);
    }

    Response put(String path, String body) {
        return call("PUT", token, path, body);
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A Sentry-like normalized event of one grouping hash. */
    DigestItem event(String hash, String release, String user, Instant at, Map<String, String> tags, ObjectNode payload) {
        String eventId = UUID.randomUUID().toString().replace("-", "");
        payload.put("event_id", eventId);
        payload.put("platform", "java");
        payload.put("level", payload.path("level").asString("error"));
        if (release != null) {
            payload.put("release", release);
        }
        List<Map.Entry<String, String>> allTags = new ArrayList<>(tags.entrySet());
        return new DigestItem(orgId, projectId, eventId, DigestItem.EventType.ERROR, at, at,
                payload.path("level").asString("error"), "java", release, "production", "Boom " + hash,
                "com.acme.App in main", "{\"type\":\"Boom\",\"value\":\"" + hash + "\"}", "bugmaster:2026-11",
                List.of(hash), allTags, user, EventPayloads.compress(payload.toString().getBytes(StandardCharsets.UTF_8)));
    }

    DigestItem event(String hash, String release, String user, Map<String, String> tags) {
        return event(hash, release, user, clock.instant(), tags, JSON.createObjectNode());
    }

    void send(DigestItem... items) {
        try {
            digester.submit(List.of(items)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long issueOf(String hash) {
        return db.sql("SELECT issue_id FROM issue_hashes WHERE project_id = ? AND hash = ?").params(projectId, hash)
                .query(Long.class).single();
    }

    JsonNode issue(long id) {
        Response r = get("/api/0/issues/" + id + "/");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    List<String> signals(long issueId) {
        return SignalRows.kinds(db, issueId);
    }

    List<String> activityTypes(long issueId) {
        Response r = get("/api/0/issues/" + issueId + "/activities/");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        r.json().forEach(a -> types.add(a.path("type").asString()));
        return types;
    }

    List<String> ids(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().forEach(i -> ids.add(i.path("id").asString()));
        return ids;
    }

    List<String> search(String query) {
        return ids(get("/api/0/projects/" + org + "/" + project + "/issues/?query=" + q(query)));
    }

    // --- workflow ---

    @Test
    void resolvingAndReopeningAnIssueIsShownAndRecorded() {
        send(event("r1", null, "u1", Map.of()));
        long id = issueOf("r1");
        JsonNode before = issue(id);
        assertThat(before.path("status").asString()).isEqualTo("unresolved");
        assertThat(before.path("substatus").asString()).isEqualTo("new");
        assertThat(before.path("shortId").asString()).isEqualTo("APP-1");
        assertThat(before.path("count").asString()).isEqualTo("1");

        JsonNode resolved = put("/api/0/issues/" + id + "/", "{\"status\":\"resolved\"}").json();
        assertThat(resolved.path("status").asString()).isEqualTo("resolved");
        Response reopened = put("/api/0/organizations/" + org + "/issues/" + id + "/", "{\"status\":\"unresolved\"}");
        assertThat(reopened.json().path("status").asString()).isEqualTo("unresolved");
        assertThat(reopened.json().path("substatus").asString()).isEqualTo("ongoing");
        assertThat(activityTypes(id)).containsExactly("set_unresolved", "set_resolved");
        JsonNode first = get("/api/0/issues/" + id + "/activities/").json().get(1);
        assertThat(first.path("user").path("id").asString()).isEqualTo(String.valueOf(tenant.user().id()));
    }

    @Test
    void resolvedInNextReleaseStaysResolvedForTheSameReleaseAndRegressesOnANewerOne() {
        send(event("nr", "app@1.0.0", null, Map.of()));
        send(event("other", "app@0.9.0", null, clock.instant().minusSeconds(60), Map.of(), JSON.createObjectNode()));
        long id = issueOf("nr");
        JsonNode resolved = put("/api/0/issues/" + id + "/", "{\"status\":\"resolved\",\"statusDetails\":{\"inNextRelease\":true}}")
                .json();
        assertThat(resolved.path("statusDetails").path("inNextRelease").asBoolean()).isTrue();
        assertThat(resolved.path("statusDetails").path("resolvedAfter").asString()).isEqualTo("app@1.0.0");
        assertThat(activityTypes(id)).containsExactly("set_resolved_in_release");

        send(event("nr", "app@1.0.0", null, Map.of()));
        assertThat(issue(id).path("status").asString()).isEqualTo("resolved");
        send(event("nr", "app@1.1.0", null, Map.of()));
        JsonNode regressed = issue(id);
        assertThat(regressed.path("status").asString()).isEqualTo("unresolved");
        assertThat(regressed.path("substatus").asString()).isEqualTo("regressed");
        assertThat(signals(id)).as("the resolve is a signal too: channels alerted about the issue hear of it")
                .containsExactly("issue.new", "issue.resolved", "issue.regression");
    }

    @Test
    void resolvedInAGivenReleaseOrTheLatestOrByACommit() {
        send(event("ir", "app@2.0.0", null, Map.of()));
        long id = issueOf("ir");
        JsonNode latest = put("/api/0/issues/" + id + "/", "{\"status\":\"resolved\",\"statusDetails\":{\"inRelease\":\"latest\"}}")
                .json();
        assertThat(latest.path("statusDetails").path("inRelease").asString()).isEqualTo("app@2.0.0");
        JsonNode commit = put("/api/0/issues/" + id + "/",
                "{\"status\":\"resolved\",\"statusDetails\":{\"inCommit\":{\"commit\":\"abc123\",\"repository\":\"acme/app\"}}}")
                .json();
        assertThat(commit.path("statusDetails").path("inCommit").path("id").asString()).isEqualTo("abc123");
        assertThat(activityTypes(id)).first().isEqualTo("set_resolved_in_commit");
    }

    @Test
    void ignoredUntilMoreEventsWakesOnTheLastOne() {
        send(event("ic", null, null, Map.of()));
        long id = issueOf("ic");
        JsonNode ignored = put("/api/0/issues/" + id + "/", "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreCount\":3}}")
                .json();
        assertThat(ignored.path("substatus").asString()).isEqualTo("archived_until_condition_met");
        send(event("ic", null, null, Map.of()), event("ic", null, null, Map.of()));
        assertThat(issue(id).path("status").asString()).isEqualTo("ignored");
        send(event("ic", null, null, Map.of()));
        assertThat(issue(id).path("status").asString()).isEqualTo("unresolved");
        assertThat(signals(id)).containsExactly("issue.new", "issue.changed", "issue.snooze_expired");
    }

    @Test
    void regressionsAndWakeUpsByEventsAreInTheActivityWithTheReleaseThatReopenedTheIssue() {
        send(event("rg", "shop@1.4.1", null, Map.of()));
        long id = issueOf("rg");
        put("/api/0/issues/" + id + "/", "{\"status\":\"resolved\",\"statusDetails\":{\"inRelease\":\"shop@1.4.1\"}}");
        clock.advance(Duration.ofMinutes(5));
        DigestItem reopening = event("rg", "shop@1.4.2", null, Map.of());
        send(reopening);
        assertThat(issue(id).path("substatus").asString()).isEqualTo("regressed");
        JsonNode activities = get("/api/0/issues/" + id + "/activities/").json();
        JsonNode regression = activities.get(0);
        assertThat(regression.path("type").asString()).isEqualTo("set_regression");
        assertThat(regression.path("user").isNull()).as("nobody did it: the event did").isTrue();
        assertThat(regression.path("data").path("version").asString()).isEqualTo("shop@1.4.2");
        assertThat(regression.path("data").path("resolved_in_version").asString()).isEqualTo("shop@1.4.1");
        assertThat(regression.path("data").path("event_id").asString()).isEqualTo(reopening.eventId());
        assertThat(Instant.parse(regression.path("dateCreated").asString()).toEpochMilli()).isEqualTo(clock.millis());
        assertThat(activityTypes(id)).containsExactly("set_regression", "set_resolved_in_release");

        // An ignore that ends on the event that reaches its count says so, with the condition that ended it.
        put("/api/0/issues/" + id + "/", "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreCount\":2}}");
        send(event("rg", "shop@1.4.2", null, Map.of()), event("rg", "shop@1.4.2", null, Map.of()));
        assertThat(issue(id).path("status").asString()).isEqualTo("unresolved");
        JsonNode woke = get("/api/0/issues/" + id + "/activities/").json().get(0);
        assertThat(woke.path("type").asString()).isEqualTo("set_unresolved");
        assertThat(woke.path("user").isNull()).isTrue();
        assertThat(woke.path("data").path("reason").asString()).isEqualTo("ignoreCount");
        assertThat(woke.path("data").path("ignoreCount").asLong()).isEqualTo(2);
        assertThat(signals(id)).containsExactly("issue.new", "issue.resolved", "issue.regression", "issue.changed", "issue.snooze_expired");

        // A regression on an event without a release is recorded without a version.
        put("/api/0/issues/" + id + "/", "{\"status\":\"resolved\"}");
        send(event("rg", null, null, Map.of()));
        JsonNode bare = get("/api/0/issues/" + id + "/activities/").json().get(0);
        assertThat(bare.path("type").asString()).isEqualTo("set_regression");
        assertThat(bare.path("data").has("version")).isFalse();
    }

    @Test
    void ignoredForADurationWakesWhenTheEngineRunsAfterIt() {
        send(event("id", null, null, Map.of()));
        long id = issueOf("id");
        JsonNode ignored = put("/api/0/issues/" + id + "/", "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreDuration\":30}}")
                .json();
        assertThat(Instant.parse(ignored.path("statusDetails").path("ignoreUntil").asString()))
                .isEqualTo(Instant.ofEpochMilli(clock.millis() + 30 * 60_000L));
        clock.advance(Duration.ofMinutes(29));
        engine.runOnce();
        assertThat(issue(id).path("status").asString()).isEqualTo("ignored");
        clock.advance(Duration.ofMinutes(2));
        engine.runOnce();
        JsonNode woke = issue(id);
        assertThat(woke.path("status").asString()).isEqualTo("unresolved");
        assertThat(woke.path("statusDetails").size()).isZero();
        assertThat(signals(id)).containsExactly("issue.new", "issue.changed", "issue.snooze_expired");
        assertThat(activityTypes(id)).containsExactly("set_unresolved", "set_ignored");
    }

    @Test
    void ignoredUntilUsersWithinAWindowIsDecidedByTheEngine() {
        send(event("iu", null, "u0", clock.instant().minus(Duration.ofHours(2)), Map.of(), JSON.createObjectNode()));
        long id = issueOf("iu");
        put("/api/0/issues/" + id + "/", "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreUserCount\":2,\"ignoreUserWindow\":60}}");
        send(event("iu", null, "u1", Map.of()), event("iu", null, "u1", Map.of()));
        engine.runOnce();
        assertThat(issue(id).path("status").asString()).as("u0 is outside the window, u1 is one user").isEqualTo("ignored");
        send(event("iu", null, "u2", Map.of()));
        assertThat(issue(id).path("status").asString()).as("the digest leaves windows to the engine").isEqualTo("ignored");
        engine.runOnce();
        assertThat(issue(id).path("status").asString()).isEqualTo("unresolved");
        assertThat(signals(id)).containsExactly("issue.new", "issue.changed", "issue.snooze_expired");
    }

    @Test
    void archivedUntilEscalatingWakesWhenTheLastHourFarExceedsItsOwnPast() {
        Instant now = clock.instant();
        List<DigestItem> history = new ArrayList<>();
        for (int h = 2; h < 24 * 7; h += 2) {
            history.add(event("esc", null, null, now.minus(Duration.ofHours(h)), Map.of(), JSON.createObjectNode()));
        }
        send(history.toArray(DigestItem[]::new));
        long id = issueOf("esc");
        JsonNode archived = put("/api/0/issues/" + id + "/", "{\"status\":\"ignored\",\"substatus\":\"archived_until_escalating\"}")
                .json();
        assertThat(archived.path("substatus").asString()).isEqualTo("archived_until_escalating");
        assertThat(archived.path("statusDetails").path("escalationRule").asString()).contains("10 times");
        List<DigestItem> burst = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            burst.add(event("esc", null, null, Map.of()));
        }
        send(burst.toArray(DigestItem[]::new));
        engine.runOnce();
        assertThat(issue(id).path("status").asString()).as("9 events: below the minimum of 10").isEqualTo("ignored");
        send(event("esc", null, null, Map.of()));
        engine.runOnce();
        JsonNode escalating = issue(id);
        assertThat(escalating.path("status").asString()).isEqualTo("unresolved");
        assertThat(escalating.path("substatus").asString()).isEqualTo("escalating");
        assertThat(signals(id)).containsExactly("issue.new", "issue.changed", "issue.escalating");
        assertThat(search("is:escalating")).containsExactly(String.valueOf(id));
        JsonNode activity = get("/api/0/issues/" + id + "/activities/").json().get(0);
        assertThat(activity.path("type").asString()).isEqualTo("set_escalating");
        assertThat(activity.path("data").path("reason").asString()).contains("10 events in the last hour");
    }

    @Test
    void assigningToMembersAndTeamsAndUnassigning() {
        send(event("as", null, null, Map.of()));
        long id = issueOf("as");
        String path = "/api/0/issues/" + id + "/";
        JsonNode toMe = put(path, "{\"assignedTo\":\"user:" + tenant.user().id() + "\"}").json();
        assertThat(toMe.path("assignedTo").path("type").asString()).isEqualTo("user");
        assertThat(toMe.path("assignedTo").path("email").asString()).isEqualTo(tenant.user().email());
        assertThat(search("assigned:me")).containsExactly(String.valueOf(id));
        assertThat(search("is:unassigned")).isEmpty();

        long teamId = get("/api/0/teams/" + org + "/" + org + "/").json().path("id").asLong();
        JsonNode toTeam = put(path, "{\"assignedTo\":\"team:" + teamId + "\"}").json();
        assertThat(toTeam.path("assignedTo").path("type").asString()).isEqualTo("team");
        assertThat(toTeam.path("assignedTo").path("name").asString()).isEqualTo(org);
        assertThat(search("assigned:#" + org)).containsExactly(String.valueOf(id));
        assertThat(search("assigned:my_teams")).containsExactly(String.valueOf(id));

        JsonNode byEmail = put(path, "{\"assignedTo\":\"" + tenant.user().email() + "\"}").json();
        assertThat(byEmail.path("assignedTo").path("id").asString()).isEqualTo(String.valueOf(tenant.user().id()));

        Tenant stranger = newTenant();
        Response outsider = put(path, "{\"assignedTo\":\"user:" + stranger.user().id() + "\"}");
        assertThat(outsider.status()).isEqualTo(400);
        assertThat(outsider.detail()).startsWith("assignedTo:").contains("not a member");

        JsonNode unassigned = put(path, "{\"assignedTo\":null}").json();
        assertThat(unassigned.path("assignedTo").isNull()).isTrue();
        assertThat(activityTypes(id)).containsExactly("unassigned", "assigned", "assigned", "assigned");
    }

    @Test
    void mergingMovesEventsHashesCountsAndFutureEvents() {
        send(event("ma", "app@1.0.0", "u1", Map.of("browser", "Chrome")), event("ma", null, "u2", Map.of("browser", "Chrome")),
                event("ma", null, "u1", Map.of()));
        send(event("mb", null, "u3", Map.of("browser", "Firefox")));
        long a = issueOf("ma");
        long b = issueOf("mb");
        Response merged = put("/api/0/projects/" + org + "/" + project + "/issues/?id=" + a + "&id=" + b, "{\"merge\":1}");
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.json().path("merge").path("parent").asString()).isEqualTo(String.valueOf(a));
        assertThat(merged.json().path("merge").path("children").get(0).asString()).isEqualTo(String.valueOf(b));
        assertThat(get("/api/0/issues/" + b + "/").status()).isEqualTo(404);
        JsonNode parent = issue(a);
        assertThat(parent.path("count").asString()).isEqualTo("4");
        assertThat(parent.path("userCount").asInt()).isEqualTo(3);
        assertThat(ids(get("/api/0/issues/" + a + "/events/"))).hasSize(4);
        JsonNode browser = get("/api/0/issues/" + a + "/tags/browser/").json();
        assertThat(browser.path("totalValues").asLong()).isEqualTo(3);
        assertThat(browser.path("uniqueValues").asLong()).isEqualTo(2);

        send(event("mb", null, "u4", Map.of()));
        assertThat(issueOf("mb")).isEqualTo(a);
        assertThat(issue(a).path("count").asString()).isEqualTo("5");
        assertThat(activityTypes(a)).containsExactly("merge");
    }

    @Test
    void bulkChangesByIdOrByQueryAndBulkDelete() {
        send(event("b1", null, null, Map.of()), event("b2", null, null, Map.of()), event("b3", null, null, Map.of()));
        long b1 = issueOf("b1");
        long b2 = issueOf("b2");
        long b3 = issueOf("b3");
        String list = "/api/0/projects/" + org + "/" + project + "/issues/";
        Response byId = put(list + "?id=" + b1 + "&id=" + b2, "{\"status\":\"resolved\",\"isBookmarked\":true}");
        assertThat(byId.json().path("status").asString()).isEqualTo("resolved");
        assertThat(byId.json().path("isBookmarked").asBoolean()).isTrue();
        assertThat(issue(b1).path("isBookmarked").asBoolean()).isTrue();
        assertThat(search("is:resolved")).containsExactlyInAnyOrder(String.valueOf(b1), String.valueOf(b2));

        Response byQuery = put(list + "?query=" + q("is:resolved"), "{\"status\":\"ignored\"}");
        assertThat(byQuery.json().path("substatus").asString()).isEqualTo("archived_forever");
        assertThat(search("is:ignored")).containsExactlyInAnyOrder(String.valueOf(b1), String.valueOf(b2));
        assertThat(put(list + "?id=999999999", "{\"status\":\"resolved\"}").status()).isEqualTo(204);

        assertThat(call("DELETE", token, list, null).status()).isEqualTo(400);
        assertThat(call("DELETE", token, list + "?id=" + b1 + "&id=" + b2, null).status()).isEqualTo(204);
        assertThat(get("/api/0/issues/" + b1 + "/").status()).isEqualTo(404);
        assertThat(call("DELETE", token, "/api/0/issues/" + b3 + "/", null).status()).isEqualTo(202);
        assertThat(get("/api/0/issues/" + b3 + "/").status()).isEqualTo(404);
        assertThat(db.sql("SELECT COUNT(*) FROM events WHERE project_id = ?").param(projectId).query(Long.class).single()).isZero();
    }

    // --- search ---

    @Test
    void searchingByStatusLevelTagsCountsTimeAndText() {
        ObjectNode warning = JSON.createObjectNode().put("level", "warning");
        send(event("s1", "app@1.0.0", "u1", clock.instant(), Map.of("browser", "Firefox"), warning),
                event("s2", null, "u1", Map.of("browser", "Chrome")), event("s2", null, "u2", Map.of("browser", "Chrome")),
                event("s2", null, "u3", Map.of("browser", "Chrome")),
                event("s3", null, null, clock.instant().minus(Duration.ofDays(3)), Map.of(), JSON.createObjectNode()));
        String s1 = String.valueOf(issueOf("s1"));
        String s2 = String.valueOf(issueOf("s2"));
        String s3 = String.valueOf(issueOf("s3"));
        assertThat(search("level:warning")).containsExactly(s1);
        assertThat(search("browser:Chrome")).containsExactly(s2);
        assertThat(search("!browser:Chrome")).containsExactlyInAnyOrder(s1, s3);
        assertThat(search("browser:\"Fire*\"")).containsExactly(s1);
        assertThat(search("times-seen:>2")).containsExactly(s2);
        assertThat(search("user-count:>=3")).containsExactly(s2);
        assertThat(search("release:app@1.0.0")).containsExactly(s1);
        assertThat(search("last-seen:-24h")).containsExactlyInAnyOrder(s1, s2);
        assertThat(search("first-seen:+2d")).containsExactly(s3);
        assertThat(search("boom S2")).containsExactly(s2);
        assertThat(search("\"boom s\" has:browser")).containsExactlyInAnyOrder(s1, s2);
        assertThat(search("' OR 1=1 --")).isEmpty();
        assertThat(search("browser:\"x' OR '1'='1\"")).isEmpty();
        assertThat(search("")).containsExactlyInAnyOrder(s1, s2, s3);

        assertThat(ids(get("/api/0/projects/" + org + "/" + project + "/issues/?sort=freq"))).first().isEqualTo(s2);
        assertThat(ids(get("/api/0/projects/" + org + "/" + project + "/issues/?sort=new"))).last().isEqualTo(s3);
        Response page = get("/api/0/projects/" + org + "/" + project + "/issues/?sort=date&per_page=2");
        assertThat(ids(page)).hasSize(2);
        assertThat(page.raw().headers().firstValue("Link").orElseThrow()).contains("rel=\"next\"; results=\"true\"");

        Response bad = get("/api/0/projects/" + org + "/" + project + "/issues/?query=" + q("is:unresolved times-seen:>lots"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.detail()).isEqualTo("query: 'times-seen:>lots': expected a whole number, optionally after >, >=, < or "
                + "<= (such as >100)");
        assertThat(get("/api/0/projects/" + org + "/" + project + "/issues/?sort=trends").detail()).startsWith("sort:");
        assertThat(get("/api/0/projects/" + org + "/" + project + "/issues/?statsPeriod=7x").detail()).startsWith("statsPeriod:");
    }

    @Test
    void organizationWideListsCoverItsProjectsOnly() {
        long other = projects.create(tenant.owner(), org, org, "Web", "web", "javascript").project().id();
        send(event("o1", null, null, Map.of()));
        DigestItem web = event("o2", null, null, Map.of());
        send(new DigestItem(web.orgId(), other, web.eventId(), web.type(), web.timestamp(), web.received(), web.level(),
                web.platform(), web.release(), web.environment(), web.title(), web.culprit(), web.metadataJson(),
                web.strategy(), web.hashes(), web.tags(), web.userKey(), web.payload()));
        String all = "/api/0/organizations/" + org + "/issues/";
        assertThat(ids(get(all))).hasSize(2);
        assertThat(ids(get(all + "?project=" + other))).hasSize(1);
        assertThat(get(all + "?project=" + other).json().get(0).path("project").path("slug").asString()).isEqualTo("web");
        Tenant stranger = newTenant();
        assertThat(call("GET", stranger.ownerToken(), all, null).status()).isEqualTo(404);
        Response foreignProject = call("GET", stranger.ownerToken(),
                "/api/0/organizations/" + stranger.org().slug() + "/issues/?project=" + other, null);
        assertThat(foreignProject.status()).isEqualTo(400);
        assertThat(foreignProject.detail()).startsWith("project:");
    }

    /** One event of an issue in an environment, tagged as the ingest tags it. */
    DigestItem eventIn(String hash, String environment, Instant at) {
        DigestItem e = event(hash, null, null, at, Map.of("environment", environment), JSON.createObjectNode());
        return new DigestItem(e.orgId(), e.projectId(), e.eventId(), e.type(), e.timestamp(), e.received(), e.level(),
                e.platform(), e.release(), environment, e.title(), e.culprit(), e.metadataJson(), e.strategy(), e.hashes(),
                e.tags(), e.userKey(), e.payload());
    }

    @Test
    void issueListsNarrowByEnvironmentAndTimeRangeAsSentrysDo() {
        Instant now = clock.instant();
        send(eventIn("prod-now", "production", now.minus(Duration.ofHours(2))));
        send(eventIn("staging-3d", "staging", now.minus(Duration.ofDays(3))));
        send(eventIn("qa-20d", "qa", now.minus(Duration.ofDays(20))));
        // seen ten days ago and 30 hours ago, nothing in between: its first and last event span a range it was not seen in
        send(eventIn("gap", "production", now.minus(Duration.ofDays(10))), eventIn("gap", "production", now.minus(Duration.ofHours(30))));
        String prodNow = String.valueOf(issueOf("prod-now"));
        String staging = String.valueOf(issueOf("staging-3d"));
        String qa = String.valueOf(issueOf("qa-20d"));
        String gap = String.valueOf(issueOf("gap"));
        String orgList = "/api/0/organizations/" + org + "/issues/?query=";
        String projectList = "/api/0/projects/" + org + "/" + project + "/issues/?query=";

        assertThat(ids(get(orgList))).containsExactlyInAnyOrder(prodNow, staging, qa, gap);
        assertThat(ids(get(orgList + "&environment=production"))).containsExactlyInAnyOrder(prodNow, gap);
        assertThat(ids(get(orgList + "&environment=staging&environment=qa"))).containsExactlyInAnyOrder(staging, qa);
        assertThat(ids(get(projectList + "&environment=staging"))).containsExactly(staging);
        assertThat(ids(get(orgList + "&environment=nowhere"))).isEmpty();

        // statsPeriod: seen within that long
        assertThat(ids(get(orgList + "&statsPeriod=24h"))).containsExactly(prodNow);
        assertThat(ids(get(orgList + "&statsPeriod=4d"))).containsExactlyInAnyOrder(prodNow, staging, gap);
        assertThat(ids(get(orgList + "&statsPeriod=2w&environment=production"))).containsExactlyInAnyOrder(prodNow, gap);
        // start and end: an event between them (the issue seen before and after, but not inside, is not listed)
        String fourToTwoDaysAgo = "&start=" + q(now.minus(Duration.ofDays(4)).toString()) + "&end=" + q(now.minus(Duration.ofDays(2)).toString());
        assertThat(ids(get(orgList + fourToTwoDaysAgo))).containsExactly(staging);
        String elevenToNineDaysAgo = "&start=" + q(now.minus(Duration.ofDays(11)).toString().replace("Z", "+00:00"))
                + "&end=" + q(now.minus(Duration.ofDays(9)).toString());
        assertThat(ids(get(orgList + elevenToNineDaysAgo))).containsExactly(gap);
        assertThat(ids(get(orgList + elevenToNineDaysAgo + "&environment=staging"))).isEmpty();
        // statsPeriod wins over start and end, as in Sentry
        assertThat(ids(get(orgList + fourToTwoDaysAgo + "&statsPeriod=24h"))).containsExactly(prodNow);

        // groupStatsPeriod chooses the stats; auto follows the range
        JsonNode listed = get(orgList + "&statsPeriod=24h&groupStatsPeriod=14d").json().get(0);
        assertThat(listed.path("stats").path("14d").size()).isEqualTo(14);
        JsonNode auto = get(orgList + fourToTwoDaysAgo + "&groupStatsPeriod=auto").json().get(0).path("stats").path("auto");
        assertThat(auto.size()).isEqualTo(48);
        long events = 0;
        for (JsonNode bucket : auto) {
            events += bucket.get(1).asLong();
        }
        assertThat(events).isEqualTo(1);
        assertThat(auto.get(47).get(0).asLong()).isEqualTo((now.minus(Duration.ofDays(2)).toEpochMilli() - 1) / 3_600_000L * 3600);
        assertThat(get(orgList + "&statsPeriod=30d&groupStatsPeriod=auto").json().get(0).path("stats").path("auto").size())
                .isEqualTo(30);
        assertThat(get(orgList + "&groupStatsPeriod=").json().get(0).has("stats")).isFalse();
    }

    @Test
    void badListParametersAreRefusedWithAMessageNotIgnored() {
        send(eventIn("p1", "production", clock.instant()));
        String orgList = "/api/0/organizations/" + org + "/issues/";
        String projectList = "/api/0/projects/" + org + "/" + project + "/issues/";
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put(orgList + "?statsPeriod=7x", "statsPeriod: expected a number and a unit like 24h or 14d");
        refused.put(orgList + "?statsPeriod=0h", "statsPeriod: must be longer than 0");
        refused.put(orgList + "?start=2026-01-01T00:00:00Z", "end: start and end are both required");
        refused.put(orgList + "?end=2026-01-01", "start: start and end are both required");
        refused.put(orgList + "?start=yesterday&end=2026-01-01", "start: expected an ISO 8601 time");
        refused.put(orgList + "?start=2026-01-02&end=2026-01-01", "start: must be before end");
        refused.put(orgList + "?environment=" + "e".repeat(300), "environment: is longer than 256 characters");
        refused.put(orgList + "?groupStatsPeriod=7x", "groupStatsPeriod: expected 24h or 14d");
        refused.put(orgList + "?enviroment=production", "enviroment: not a parameter of this endpoint, which takes cursor, "
                + "end, environment, groupStatsPeriod, limit, per_page, project, query, sort, start, statsPeriod");
        refused.put(projectList + "?start=2026-01-01&end=2026-01-02", "start: not a parameter of this endpoint");
        refused.put("/api/0/issues/" + issueOf("p1") + "/?environment=production", "environment: not a parameter of this endpoint");
        refused.forEach((path, detail) -> {
            Response r = get(path);
            assertThat(r.status()).as(path + " -> " + r).isEqualTo(400);
            assertThat(r.detail()).as(path).startsWith(detail);
        });
        // Sentry's bulk change takes status= to change only issues of that status; Bugmaster does not, so it refuses
        // it rather than resolve every issue the query matches
        Response bulk = put(projectList + "?status=ignored", "{\"status\":\"resolved\"}");
        assertThat(bulk.status()).as(bulk.toString()).isEqualTo(400);
        assertThat(bulk.detail()).startsWith("status: not a parameter of this endpoint");
        assertThat(issue(issueOf("p1")).path("status").asString()).isEqualTo("unresolved");
        // parameters that only shape Sentry's answers are accepted, and an empty environment names none
        assertThat(ids(get(orgList + "?collapse=stats&expand=owners&referrer=script"))).hasSize(1);
        assertThat(ids(get(orgList + "?environment="))).hasSize(1);
    }

    // --- shapes ---

    @Test
    void issueJsonHasSentrysShapeWithHourlyStats() {
        send(event("shape", "app@3.1.0", "u1", clock.instant().minus(Duration.ofHours(2)), Map.of(), JSON.createObjectNode()),
                event("shape", "app@3.1.0", "u1", Map.of()));
        long id = issueOf("shape");
        JsonNode issue = get("/api/0/projects/" + org + "/" + project + "/issues/?statsPeriod=24h").json().get(0);
        assertThat(issue.path("id").asString()).isEqualTo(String.valueOf(id));
        assertThat(issue.path("permalink").asString()).isEqualTo("http://localhost:8080/orgs/" + org + "/issues/" + id);
        assertThat(issue.path("project").path("slug").asString()).isEqualTo(project);
        assertThat(issue.path("project").path("id").asString()).isEqualTo(String.valueOf(projectId));
        assertThat(issue.path("metadata").path("value").asString()).isEqualTo("shape");
        assertThat(issue.path("isPublic").asBoolean()).isFalse();
        assertThat(issue.path("annotations").isArray()).isTrue();
        assertThat(issue.path("count").isString()).isTrue();
        assertThat(issue.path("userCount").asInt()).isEqualTo(1);
        assertThat(issue.path("firstRelease").path("version").asString()).isEqualTo("app@3.1.0");
        assertThat(issue.path("firstRelease").path("shortVersion").asString()).isEqualTo("3.1.0");
        assertThat(Instant.parse(issue.path("lastSeen").asString())).isNotNull();
        JsonNode stats = issue.path("stats").path("24h");
        assertThat(stats.size()).isEqualTo(24);
        long total = 0;
        for (JsonNode bucket : stats) {
            total += bucket.get(1).asLong();
        }
        assertThat(total).isEqualTo(2);
        assertThat(stats.get(23).get(0).asLong()).isEqualTo(clock.millis() / 3_600_000L * 3600);
        JsonNode daily = get("/api/0/issues/" + id + "/?statsPeriod=14d").json().path("stats").path("14d");
        assertThat(daily.size()).isEqualTo(14);
        assertThat(get("/api/0/issues/" + id + "/?statsPeriod=").json().has("stats")).isFalse();
    }

    @Test
    void eventJsonIsBuiltFromTheStoredPayload() {
        ObjectNode payload = JSON.readValue("""
                {"message": {"formatted": "Payment failed for order 42"},
                 "exception": {"values": [{"type": "IllegalStateException", "value": "card declined",
                   "module": "com.acme", "mechanism": {"type": "generic", "handled": false},
                   "stacktrace": {"frames": [
                     {"function": "main", "module": "com.acme.App", "filename": "App.java", "lineno": 10, "in_app": true},
                     {"function": "pay", "module": "com.acme.Payments", "filename": "Payments.java", "lineno": 42,
                      "in_app": true, "context_line": "throw new IllegalStateException();",
                      "pre_context": ["if (declined) {"], "post_context": ["}"]}]}}]},
                 "breadcrumbs": {"values": [{"timestamp": 1763700000.5, "category": "http", "message": "POST /pay"}]},
                 "request": {"url": "https://shop.example.com/pay", "method": "POST",
                   "headers": {"User-Agent": "curl"}, "query_string": "a=1&b=2"},
                 "user": {"id": "42", "email": "buyer@example.com", "ip_address": "10.0.0.1"},
                 "contexts": {"os": {"name": "Linux"}}, "sdk": {"name": "sentry.java", "version": "8.62.0"},
                 "tags": {"browser": "Firefox"}, "fingerprint": ["{{ default }}"]}""", ObjectNode.class);
        DigestItem first = event("ev", "app@1.0.0", "42", clock.instant().minusSeconds(30), Map.of(), JSON.createObjectNode());
        DigestItem second = event("ev", "app@1.0.0", "42", clock.instant(), Map.of("browser", "Firefox"), payload);
        send(first, second);
        long id = issueOf("ev");
        JsonNode e = get("/api/0/issues/" + id + "/events/latest/").json();
        assertThat(e.path("id").asString()).isEqualTo(second.eventId());
        assertThat(e.path("eventID").asString()).isEqualTo(second.eventId());
        assertThat(e.path("groupID").asString()).isEqualTo(String.valueOf(id));
        assertThat(e.path("projectID").asString()).isEqualTo(String.valueOf(projectId));
        assertThat(e.path("message").asString()).isEqualTo("Payment failed for order 42");
        assertThat(e.path("previousEventID").asString()).isEqualTo(first.eventId());
        assertThat(e.path("nextEventID").isNull()).isTrue();
        assertThat(e.path("release").path("version").asString()).isEqualTo("app@1.0.0");
        assertThat(e.path("user").path("email").asString()).isEqualTo("buyer@example.com");
        assertThat(e.path("sdk").path("name").asString()).isEqualTo("sentry.java");
        assertThat(e.path("contexts").path("os").path("name").asString()).isEqualTo("Linux");
        assertThat(e.path("tags").toString()).contains("{\"key\":\"browser\",\"value\":\"Firefox\"}",
                "{\"key\":\"environment\",\"value\":\"production\"}");
        JsonNode entries = e.path("entries");
        assertThat(entries.get(0).path("type").asString()).isEqualTo("exception");
        JsonNode exception = entries.get(0).path("data").path("values").get(0);
        assertThat(exception.path("type").asString()).isEqualTo("IllegalStateException");
        JsonNode frame = exception.path("stacktrace").path("frames").get(1);
        assertThat(frame.path("lineNo").asInt()).isEqualTo(42);
        assertThat(frame.path("inApp").asBoolean()).isTrue();
        assertThat(frame.path("context").get(1).toString()).isEqualTo("[42,\"throw new IllegalStateException();\"]");
        assertThat(entries.get(1).path("type").asString()).isEqualTo("message");
        assertThat(entries.get(2).path("type").asString()).isEqualTo("breadcrumbs");
        assertThat(entries.get(2).path("data").path("values").get(0).path("message").asString()).isEqualTo("POST /pay");
        assertThat(entries.get(3).path("type").asString()).isEqualTo("request");
        assertThat(entries.get(3).path("data").path("headers").get(0).toString()).isEqualTo("[\"User-Agent\",\"curl\"]");
        assertThat(entries.get(3).path("data").path("query").size()).isEqualTo(2);

        JsonNode oldest = get("/api/0/issues/" + id + "/events/oldest/").json();
        assertThat(oldest.path("id").asString()).isEqualTo(first.eventId());
        assertThat(oldest.path("nextEventID").asString()).isEqualTo(second.eventId());
        String dashed = UUID.fromString(first.eventId().replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"))
                .toString();
        assertThat(get("/api/0/projects/" + org + "/" + project + "/events/" + dashed + "/").json().path("id").asString())
                .isEqualTo(first.eventId());
        assertThat(get("/api/0/issues/" + id + "/events/" + second.eventId() + "/").status()).isEqualTo(200);
        assertThat(ids(get("/api/0/issues/" + id + "/events/"))).containsExactly(second.eventId(), first.eventId());
        assertThat(get("/api/0/issues/" + id + "/events/?full=true").json().get(0).has("entries")).isTrue();
        assertThat(get("/api/0/projects/" + org + "/" + project + "/events/" + "0".repeat(32) + "/").status()).isEqualTo(404);
    }

    @Test
    void tagFacetsCountValuesPerKey() {
        send(event("tf", null, null, Map.of("browser", "Chrome", "os", "Linux")),
                event("tf", null, null, Map.of("browser", "Chrome")), event("tf", null, null, Map.of("browser", "Firefox")));
        long id = issueOf("tf");
        JsonNode tags = get("/api/0/issues/" + id + "/tags/").json();
        assertThat(tags.get(0).path("key").asString()).isEqualTo("browser");
        assertThat(tags.get(0).path("totalValues").asLong()).isEqualTo(3);
        assertThat(tags.get(0).path("topValues").get(0).path("value").asString()).isEqualTo("Chrome");
        assertThat(tags.get(0).path("topValues").get(0).path("count").asLong()).isEqualTo(2);
        assertThat(tags.get(1).path("key").asString()).isEqualTo("os");
        Response values = get("/api/0/issues/" + id + "/tags/browser/values/?per_page=1");
        assertThat(values.json().size()).isEqualTo(1);
        assertThat(values.raw().headers().firstValue("Link").orElseThrow()).contains("results=\"true\"");
        assertThat(get("/api/0/issues/" + id + "/tags/nope/").status()).isEqualTo(404);
    }

    @Test
    void hashesCarryTheStoredGroupingExplanation() {
        ObjectNode payload = JSON.createObjectNode();
        payload.putObject("_grouping").put("strategy", "bugmaster:2026-11").put("hash", "gx").putArray("values").add("Boom");
        send(event("gx", null, null, clock.instant(), Map.of(), payload));
        long id = issueOf("gx");
        JsonNode hashes = get("/api/0/issues/" + id + "/hashes/").json();
        assertThat(hashes.get(0).path("id").asString()).isEqualTo("gx");
        assertThat(hashes.get(0).path("strategy").asString()).isEqualTo("bugmaster:2026-11");
        assertThat(hashes.get(0).path("grouping").path("values").get(0).asString()).isEqualTo("Boom");
        assertThat(hashes.get(0).path("latestEvent").path("eventID").asString()).hasSize(32);
    }

    // --- authorization and bad input ---

    @Test
    void anotherOrganizationsIssuesAndEventsAreNotFound() {
        send(event("iso", null, null, Map.of()));
        long id = issueOf("iso");
        String eventId = db.sql("SELECT event_id FROM events WHERE issue_id = ?").param(id).query(String.class).single();
        Tenant stranger = newTenant();
        String other = stranger.ownerToken();
        for (String path : List.of("/api/0/issues/" + id + "/", "/api/0/issues/" + id + "/events/",
                "/api/0/issues/" + id + "/events/latest/", "/api/0/issues/" + id + "/events/" + eventId + "/",
                "/api/0/issues/" + id + "/tags/", "/api/0/issues/" + id + "/hashes/", "/api/0/issues/" + id + "/activities/",
                "/api/0/organizations/" + stranger.org().slug() + "/issues/" + id + "/",
                "/api/0/projects/" + org + "/" + project + "/issues/",
                "/api/0/projects/" + org + "/" + project + "/events/" + eventId + "/")) {
            Response r = call("GET", other, path, null);
            assertThat(r.status()).as(path + " " + r).isEqualTo(404);
            assertThat(r.body()).doesNotContain("Boom");
        }
        assertThat(call("PUT", other, "/api/0/issues/" + id + "/", "{\"status\":\"resolved\"}").status()).isEqualTo(404);
        assertThat(call("DELETE", other, "/api/0/issues/" + id + "/", null).status()).isEqualTo(404);
        assertThat(call("PUT", other, "/api/0/projects/" + org + "/" + project + "/issues/?id=" + id, "{\"merge\":1}").status())
                .isEqualTo(404);
        assertThat(issue(id).path("status").asString()).isEqualTo("unresolved");
        assertThat(call("GET", null, "/api/0/issues/" + id + "/", null).status()).isEqualTo(401);

        String viewer = memberToken(tenant, Role.VIEWER);
        assertThat(call("GET", viewer, "/api/0/issues/" + id + "/", null).status()).isEqualTo(200);
        assertThat(call("PUT", viewer, "/api/0/issues/" + id + "/", "{\"status\":\"resolved\"}").status()).isEqualTo(403);
        assertThat(call("PUT", viewer, "/api/0/issues/" + id + "/", "{\"isBookmarked\":true}").status()).isEqualTo(200);
        assertThat(call("DELETE", viewer, "/api/0/issues/" + id + "/", null).status()).isEqualTo(403);
        assertThat(get("/api/0/issues/abc/").status()).isEqualTo(404);
    }

    @Test
    void badChangesAreRefusedNamingTheField() {
        send(event("bad", null, null, Map.of()));
        String path = "/api/0/issues/" + issueOf("bad") + "/";
        Map<String, String> cases = Map.of(
                "{\"status\":\"fixed\"}", "status:",
                "{\"statusDetails\":{\"ignoreCount\":-1}}", "statusDetails.ignoreCount:",
                "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreWindow\":5}}", "statusDetails.ignoreWindow:",
                "{\"assignedTo\":5}", "assignedTo:",
                "{\"assignedTo\":\"someone\"}", "assignedTo:",
                "{\"colour\":\"red\"}", "colour:",
                "{\"status\":\"unresolved\",\"statusDetails\":{\"inNextRelease\":true}}", "statusDetails:",
                "{\"statusDetails\":{\"snooze\":1}}", "statusDetails.snooze:",
                "{}", "nothing to change",
                "{\"status\":\"resolved\",\"statusDetails\":{\"inRelease\":\"latest\"}}", "statusDetails.inRelease:");
        cases.forEach((body, detail) -> {
            Response r = put(path, body);
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            assertThat(r.detail()).as(body).startsWith(detail);
        });
        assertThat(put(path, "[1]").status()).isEqualTo(400);
        assertThat(put(path, "{\"merge\":1}").detail()).startsWith("merge:");
        Response unknownRelease = put(path, "{\"status\":\"resolved\",\"statusDetails\":{\"inRelease\":\"no-such@9.9.9\"}}");
        assertThat(unknownRelease.status()).isEqualTo(400);
        assertThat(unknownRelease.detail()).startsWith("statusDetails.inRelease: release 'no-such@9.9.9' does not exist");
    }

    // --- comments ---

    /** A new member of the tenant's organization with a role; returns the user and a full-scope token of theirs. */
    record Person(User user, String token) {}

    Person member(Role role) {
        User user = newUser("password-" + UUID.randomUUID());
        join(tenant.owner(), org, user, role);
        return new Person(user, token(Actor.session(user.id(), user.email()), List.copyOf(Scopes.ALL)));
    }

    Response post(String token, String path, String body) {
        return call("POST", token, path, body);
    }

    static String text(String text) {
        return JSON.createObjectNode().put("text", text).toString();
    }

    @Test
    void commentsAreNotesWhoseMentionsOfMembersAndTeamsAreStoredAndSubscribed() {
        send(event("cm", null, null, Map.of()));
        long id = issueOf("cm");
        String comments = "/api/0/issues/" + id + "/comments/";
        Person ann = member(Role.MEMBER);
        long teamId = get("/api/0/teams/" + org + "/" + org + "/").json().path("id").asLong();
        assertThat(call("GET", ann.token(), "/api/0/issues/" + id + "/", null).json().path("isSubscribed").asBoolean()).isFalse();

        String said = "Looks like @" + ann.user().email().toUpperCase() + " knows, #" + org + " please check; "
                + "@nobody@example.com is not a member and #no-such-team is no team";
        Response added = post(token, comments, text(said));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        JsonNode note = added.json();
        assertThat(note.path("type").asString()).isEqualTo("note");
        assertThat(note.path("data").path("text").asString()).isEqualTo(said);
        assertThat(note.path("user").path("id").asString()).isEqualTo(String.valueOf(tenant.user().id()));
        List<String> mentioned = new ArrayList<>();
        note.path("data").path("mentions").forEach(m -> mentioned.add(m.path("type").asString() + ":" + m.path("id").asString()));
        assertThat(mentioned).containsExactly("user:" + ann.user().id(), "team:" + teamId);

        // the mentioned member and the author follow the issue now; it counts one comment
        assertThat(call("GET", ann.token(), "/api/0/issues/" + id + "/", null).json().path("isSubscribed").asBoolean()).isTrue();
        JsonNode shown = issue(id);
        assertThat(shown.path("isSubscribed").asBoolean()).isTrue();
        assertThat(shown.path("numComments").asLong()).isEqualTo(1);
        assertThat(activityTypes(id)).containsExactly("note");
        Response list = get("/api/0/organizations/" + org + "/issues/" + id + "/comments/");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isEqualTo(1);
        String commentId = list.json().get(0).path("id").asString();
        assertThat(commentId).isEqualTo(note.path("id").asString());

        // the author edits it; another member may neither edit nor delete it; an admin may delete it
        Response edited = put(comments + commentId + "/", text("on second thought, #" + org));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().path("data").path("text").asString()).isEqualTo("on second thought, #" + org);
        assertThat(edited.json().path("data").path("mentions").size()).isEqualTo(1);
        assertThat(call("PUT", ann.token(), comments + commentId + "/", text("mine now")).status()).isEqualTo(403);
        assertThat(call("DELETE", ann.token(), comments + commentId + "/", null).status()).isEqualTo(403);
        Response annOwn = post(ann.token(), comments, text("I will look"));
        assertThat(annOwn.status()).isEqualTo(201);
        assertThat(call("DELETE", ann.token(), comments + annOwn.json().path("id").asString() + "/", null).status())
                .isEqualTo(204);
        Person admin = member(Role.ADMIN);
        assertThat(call("DELETE", admin.token(), comments + commentId + "/", null).status()).isEqualTo(204);
        assertThat(get(comments).json().size()).isZero();
        assertThat(call("DELETE", admin.token(), comments + commentId + "/", null).status()).isEqualTo(404);
        assertThat(issue(id).path("numComments").asLong()).isZero();
    }

    @Test
    void badCommentsAreRefusedAndOnlyTheOrganizationsWritersMayComment() {
        send(event("cb", null, null, Map.of()));
        send(event("cb2", null, null, Map.of()));
        long id = issueOf("cb");
        String comments = "/api/0/issues/" + id + "/comments/";
        Map<String, String> cases = Map.of(
                "{}", "text:",
                text(""), "text:",
                text(" \n\t "), "text:",
                "{\"text\":5}", "text:",
                text("x".repeat(10_001)), "text:");
        cases.forEach((body, detail) -> {
            Response r = post(token, comments, body);
            assertThat(r.status()).as(body.length() > 60 ? "10001 characters" : body).isEqualTo(400);
            assertThat(r.detail()).startsWith(detail);
        });
        assertThat(post(token, comments, text("x".repeat(10_001))).detail()).contains("10000");
        assertThat(post(token, comments, "[1]").status()).isEqualTo(400);
        Response longest = post(token, comments, text("x".repeat(10_000)));
        assertThat(longest.status()).isEqualTo(201);
        String commentId = longest.json().path("id").asString();
        assertThat(put(comments + commentId + "/", text("")).status()).isEqualTo(400);
        assertThat(put(comments + "abc/", text("hi")).status()).isEqualTo(404);
        assertThat(put("/api/0/issues/" + issueOf("cb2") + "/comments/" + commentId + "/", text("elsewhere")).status())
                .as("a comment of another issue").isEqualTo(404);

        String viewer = memberToken(tenant, Role.VIEWER);
        assertThat(call("GET", viewer, comments, null).status()).isEqualTo(200);
        assertThat(post(viewer, comments, text("hello")).status()).isEqualTo(403);

        String other = newTenant().ownerToken();
        assertThat(call("GET", other, comments, null).status()).isEqualTo(404);
        Response stranger = post(other, comments, text("hello"));
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.body()).doesNotContain("Boom");
        assertThat(call("PUT", other, comments + commentId + "/", text("mine")).status()).isEqualTo(404);
        assertThat(call("DELETE", other, comments + commentId + "/", null).status()).isEqualTo(404);
        assertThat(call("POST", null, comments, text("anonymous")).status()).isEqualTo(401);
        assertThat(get(comments).json().size()).isEqualTo(1);
    }
}
