package io.bugmaster.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentTimeline;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.TimelineEntry;
import io.bugmaster.testing.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What changed before an incident, as API clients and deploy scripts see it: services name their
 * projects, changes are posted and listed, an incident's recent changes merge deploys, releases,
 * PagerDuty change events and posted changes of its services and projects in the window (never
 * another organization's, never another service's), with the suspects; the checklist and the fixing
 * decision are recorded in the incident's log.
 */
abstract class WhatChangedContract extends WhatChangedFixture {
    @Autowired IncidentTimeline timeline;

    @BeforeEach
    void setUp() {
        setUpOrg();
    }

    @Test
    void aServiceNamesTheProjectsItRunsAndOnlyItsOwnOrganizations() {
        JsonNode got = ok(api.get(token, base() + "/services/" + service.id() + "/")).json();
        assertThat(got.path("project_ids").valueStream().map(JsonNode::asString).toList()).containsExactly(Long.toString(projectId));

        ApiClient.Response cleared = ok(api.put(token, base() + "/services/" + service.id() + "/", "{\"project_ids\": []}"));
        assertThat(cleared.json().path("project_ids")).isEmpty();
        assertThat(cleared.json().path("name").asString()).as("fields left out keep their values").isEqualTo(service.name());

        Tenant other = newTenant();
        long theirs = projects.create(other.owner(), other.org().slug(), other.org().slug(), "Theirs", unique("p"), "java").project().id();
        ApiClient.Response refused = api.put(token, base() + "/services/" + service.id() + "/", "{\"project_ids\": [\"" + theirs + "\"]}");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("project_ids[0]").contains("no project with id " + theirs);
        assertThat(api.put(token, base() + "/services/" + service.id() + "/", "{\"project_ids\": \"shop\"}").status()).isEqualTo(400);
    }

    @Test
    void aDeployScriptPostsAChangeAndTheListFiltersAndPagesIt() {
        Instant at = clock.instant().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MILLIS);
        JsonNode c = created(api.post(token, base() + "/changes/", """
                {"kind": "deploy", "summary": "  shop 2.3.0 to production  ", "service_ids": ["%d"], "projects": ["%s"],
                 "environment": "production", "who": "ci-bot", "links": [{"href": "https://ci.example.com/run/42", "text": "Run 42"}],
                 "happened_at": "%s"}""".formatted(service.id(), projectSlug.toUpperCase(), at))).json();
        assertThat(c.path("kind").asString()).isEqualTo("deploy");
        assertThat(c.path("summary").asString()).isEqualTo("shop 2.3.0 to production");
        assertThat(c.path("happened_at").asString()).isEqualTo(at.toString());
        assertThat(c.path("service_ids").get(0).asString()).isEqualTo(Long.toString(service.id()));
        assertThat(c.path("project_ids").get(0).asString()).isEqualTo(Long.toString(projectId));
        assertThat(c.path("links").get(0).path("href").asString()).isEqualTo("https://ci.example.com/run/42");
        assertThat(c.path("who").asString()).isEqualTo("ci-bot");

        JsonNode flag = created(api.post(token, base() + "/changes/", "{\"kind\": \"feature_flag\", \"summary\": \"new checkout on\"}")).json();
        assertThat(flag.path("happened_at").asString()).as("now by default").isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());

        assertThat(ids(ok(api.get(token, base() + "/changes/")))).containsExactly(flag.path("id").asString(), c.path("id").asString());
        assertThat(ids(ok(api.get(token, base() + "/changes/?kind=deploy")))).containsExactly(c.path("id").asString());
        assertThat(ids(ok(api.get(token, base() + "/changes/?service_id=" + service.id())))).containsExactly(c.path("id").asString());
        assertThat(ids(ok(api.get(token, base() + "/changes/?project=" + projectSlug)))).containsExactly(c.path("id").asString());
        assertThat(ids(ok(api.get(token, base() + "/changes/?until=" + at)))).containsExactly(c.path("id").asString());
        assertThat(ids(ok(api.get(token, base() + "/changes/?since=" + at.plusSeconds(1))))).containsExactly(flag.path("id").asString());

        ApiClient.Response first = ok(api.get(token, base() + "/changes/?per_page=1"));
        assertThat(ids(first)).containsExactly(flag.path("id").asString());
        assertThat(first.header("Link")).contains("rel=\"next\"; results=\"true\"");
        assertThat(api.get(token, base() + "/changes/?kind=rollout").detail()).contains("kind").contains("deploy, feature_flag");

        Tenant other = newTenant();
        assertThat(api.get(other.ownerToken(), "/api/0/organizations/" + other.org().slug() + "/changes/").json())
                .as("another organization sees none of them").isEmpty();
        assertThat(api.get(other.ownerToken(), base() + "/changes/").status()).isEqualTo(404);
    }

    @Test
    void badChangesAreRefusedWithAMessageThatNamesTheField() {
        assertRefused("{\"summary\": \"x\"}", "kind", "one of deploy, feature_flag, migration, infrastructure, config");
        assertRefused("{\"kind\": \"deploy\", \"summary\": \"   \"}", "summary", "say what changed");
        assertRefused("{\"kind\": \"deploy\", \"summary\": \"" + "x".repeat(501) + "\"}", "summary", "at most 500 characters, got 501");
        assertRefused("{\"kind\": \"deploy\", \"summary\": \"x\", \"links\": [{\"href\": \"javascript:alert(1)\"}]}", "links[0].href",
                "an http or https URL");
        assertRefused("{\"kind\": \"deploy\", \"summary\": \"x\", \"links\": [" + "{\"href\": \"https://a.example\"},".repeat(10)
                + "{\"href\": \"https://a.example\"}]}", "links", "at most 10 links, got 11");
        assertRefused("{\"kind\": \"deploy\", \"summary\": \"x\", \"happened_at\": \"" + clock.instant().plus(Duration.ofMinutes(10)) + "\"}",
                "happened_at", "10 minutes in the future");
        assertRefused("{\"kind\": \"deploy\", \"summary\": \"x\", \"happened_at\": \"yesterday\"}", "happened_at", "ISO-8601");
        assertRefused("{\"kind\": \"deploy\", \"summary\": \"x\", \"projects\": [\"nope\"]}", "projects[0]", "no project 'nope'");
        assertRefused("{\"kind\": \"deploy\", \"summary\": \"x\", \"color\": \"red\"}", "color", "unknown field");
        Tenant other = newTenant();
        ServiceDefinition theirs = services.create(other.owner(), other.org().slug(), java.util.Map.of("name", "theirs"));
        assertRefused("{\"kind\": \"deploy\", \"summary\": \"x\", \"service_ids\": [\"" + theirs.id() + "\"]}", "service_ids[0]",
                "no service with id " + theirs.id());
        assertThat(api.get(token, base() + "/changes/").json()).as("nothing was kept").isEmpty();
    }

    void assertRefused(String body, String field, String says) {
        ApiClient.Response r = api.post(token, base() + "/changes/", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.body()).as(r.toString()).contains(field).contains(says);
    }

    @Test
    void postingNeedsTheScopeOfADeployScriptsTokenAndReadingTheEventReadScope() {
        String ci = tokenOf(Role.MEMBER, Scopes.PROJECT_RELEASES, Scopes.ORG_READ);
        created(api.post(ci, base() + "/changes/", "{\"kind\": \"config\", \"summary\": \"pool size 20\"}"));
        assertThat(ok(api.get(ci, base() + "/changes/")).json()).hasSize(1);
        String viewer = tokenOf(Role.VIEWER);
        assertThat(api.post(viewer, base() + "/changes/", "{\"kind\": \"config\", \"summary\": \"x\"}").status()).isEqualTo(403);
        assertThat(ok(api.get(viewer, base() + "/changes/")).json()).hasSize(1);
        String readOnly = tokenOf(Role.MEMBER, Scopes.EVENT_READ);
        assertThat(api.post(readOnly, base() + "/changes/", "{\"kind\": \"config\", \"summary\": \"x\"}").status()).isEqualTo(403);
    }

    @Test
    void anIncidentsRecentChangesAreItsServicesAndProjectsChangesInTheWindowNewestFirstWithTheSuspects() {
        ServiceDefinition unrelated = service(List.of());
        Tenant other = newTenant();
        ServiceDefinition theirs = services.create(other.owner(), other.org().slug(), java.util.Map.of("name", "orders"));

        post("infrastructure", "resized the database", service.id()); // 7 h before: out of the window
        long old = event("payments-timeout", "timeout talking to payments"); // new 7 h before: out of the window
        ok(api.put(token, base() + "/issues/" + old + "/", "{\"status\": \"resolved\"}"));
        clock.advance(Duration.ofHours(5));
        String version = release(unique("shop") + "@2.3.0"); // 2 h before
        clock.advance(Duration.ofMinutes(30));
        post("migration", "add index on orders.brand_id", service.id()); // 1 h 30 min before
        clock.advance(Duration.ofMinutes(50));
        deploy(version); // 40 min before
        clock.advance(Duration.ofMinutes(5));
        long issue = newIssue("brand is undefined"); // 35 min before
        clock.advance(Duration.ofMinutes(5));
        post("config", "another service's change", unrelated.id()); // 30 min before, not impacted
        clock.advance(Duration.ofMinutes(5));
        created(api.post(other.ownerToken(), "/api/0/organizations/" + other.org().slug() + "/changes/",
                "{\"kind\": \"deploy\", \"summary\": \"their deploy\", \"service_ids\": [\"" + theirs.id() + "\"]}"));
        assertThat(event("payments-timeout", "timeout talking to payments")).isEqualTo(old); // regressed 25 min before
        clock.advance(Duration.ofMinutes(5));
        changeEvent("argo synced orders", "https://argo.example.com/app/orders"); // 20 min before
        clock.advance(Duration.ofMinutes(20));
        Incident i = incident("brands see no orders");
        clock.advance(Duration.ofMinutes(10));
        post("feature_flag", "orders v2 off", service.id()); // 10 min after, while it is open

        JsonNode w = recentChanges(i, "");
        assertThat(w.path("hours").asInt()).isEqualTo(6);
        assertThat(w.path("changes").valueStream().map(r -> r.path("kind").asString() + " " + r.path("when").asString()).toList())
                .containsExactly("feature_flag 10 min after", "change_event 20 min before", "deploy 40 min before",
                        "migration 1 h 30 min before", "release 2 h before");
        JsonNode deploy = w.path("changes").get(2);
        assertThat(deploy.path("what").asString()).isEqualTo("Deployed " + version + " to production (blue)");
        assertThat(deploy.path("links").get(0).path("href").asString()).endsWith("/orgs/" + org + "/releases/" + version)
                .startsWith("http");
        assertThat(deploy.path("commits").valueStream().map(c -> c.path("sha").asString() + " " + c.path("message").asString()).toList())
                .containsExactly("4f2a9c1e0b7d Cache orders by brand", "aaaa Start");
        assertThat(w.path("changes").get(1).path("who").asString()).isEqualTo("argo");
        assertThat(w.path("changes").get(1).path("links").get(0).path("href").asString()).isEqualTo("https://argo.example.com/app/orders");
        assertThat(w.path("suspects").valueStream().map(s -> s.path("issue_id").asString() + " " + s.path("how").asString() + " "
                + s.path("when").asString()).toList()).containsExactly(old + " regressed 25 min before", issue + " new 35 min before");
        assertThat(w.path("answers").valueStream().map(a -> a.path("question").asString() + ": " + a.path("text").asString()).toList())
                .containsExactly("deploy: Yes: 1 deploy 40 min before", "infrastructure: None recorded in the 6 h before",
                        "schema: Yes: 1 schema migration 1 h 30 min before");

        assertThat(recentChanges(i, "?hours=1").path("changes").valueStream().map(r -> r.path("kind").asString()).toList())
                .containsExactly("feature_flag", "change_event", "deploy");
        assertThat(recentChanges(i, "?hours=8").path("answers").get(1).path("text").asString())
                .isEqualTo("Yes: 1 infrastructure change 7 h before");
        assertThat(api.get(token, base() + "/incidents/" + i.number() + "/recent-changes/?hours=73").detail()).contains("1 to 72");
        assertThat(api.get(other.ownerToken(), base() + "/incidents/" + i.number() + "/recent-changes/").status()).isEqualTo(404);

        List<TimelineEntry> changes = timeline.of(incidents.byId(i.id()).orElseThrow()).stream().filter(e -> e.kind().equals("change")).toList();
        assertThat(changes).extracting(TimelineEntry::message).containsExactly("Release: Release " + version + " created",
                "Schema migration: add index on orders.brand_id", "Deploy: Deployed " + version + " to production (blue)",
                "Change event: argo synced orders", "Feature flag: orders v2 off");
        assertThat(changes).allSatisfy(e -> assertThat(e.automatic()).isTrue());
        assertThat(changes.get(2).link()).isEqualTo("/orgs/" + org + "/releases/" + version);

        incidents.resolve(tenant.owner(), org, Long.toString(i.number()), "test");
        clock.advance(Duration.ofMinutes(5));
        post("deploy", "after the incident", service.id());
        assertThat(recentChanges(i, "").path("changes").get(0).path("what").asString()).as("the window ends at the resolution")
                .isEqualTo("orders v2 off");
    }

    void post(String kind, String summary, long serviceId) {
        created(api.post(token, base() + "/changes/", "{\"kind\": \"%s\", \"summary\": \"%s\", \"service_ids\": [\"%d\"]}"
                .formatted(kind, summary, serviceId)));
    }

    @Test
    void theChecklistAndTheDecisionAreRecordedInTheIncidentsLog() {
        Incident i = incident("checkout down");
        String path = base() + "/incidents/" + i.number();
        JsonNode empty = ok(api.get(token, path + "/checklist/")).json();
        assertThat(empty.valueStream().map(q -> q.path("id").asString()).toList())
                .containsExactly("symptoms", "availability", "deploy", "infrastructure", "schema", "third_party");
        assertThat(empty.get(0).path("answer").isNull()).isTrue();

        JsonNode answered = ok(api.put(token, path + "/checklist/", """
                {"symptoms": "brands see no orders", "availability": "partially",
                 "third_party": {"answer": "unknown", "note": "payment provider status page is green"}}""")).json();
        assertThat(answered.get(1).path("answer").asString()).isEqualTo("partially");
        assertThat(answered.get(5).path("note").asString()).isEqualTo("payment provider status page is green");
        assertThat(answered.get(5).path("answered_at").asString()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        ok(api.put(token, path + "/checklist/", "{\"availability\": \"partially\", \"deploy\": \"yes\"}"));
        assertThat(logKinds(i).stream().filter("checklist"::equals).count()).as("an unchanged answer is not logged again").isEqualTo(4);
        assertThat(db.sql("SELECT message FROM incident_log WHERE incident_id = ? AND kind = 'checklist' ORDER BY id").param(i.id())
                .query(String.class).list()).contains("Checklist: Was there a deploy recently? yes");

        assertThat(api.put(token, path + "/checklist/", "{\"deploy\": \"maybe\"}").detail()).contains("deploy").contains("yes, no, unknown");
        assertThat(api.put(token, path + "/checklist/", "{\"mood\": \"bad\"}").detail()).contains("unknown question");

        JsonNode decision = created(api.post(token, path + "/decision/", """
                {"strategy": "revert", "restore_minutes": 10, "fix_minutes": 2880, "note": "revert shop 2.3.0"}""")).json();
        assertThat(decision.path("summary").asString()).isEqualTo("revert (restore ~10 min; fix ~2 days)");
        assertThat(ok(api.get(token, path + "/decision/")).json().get(0).path("strategy").asString()).isEqualTo("revert");
        assertThat(logKinds(i)).contains("decision");
        assertThat(db.sql("SELECT kind FROM signals WHERE subject = ?").param("incident:" + i.id()).query(String.class).list())
                .contains("incident.decision");
        assertThat(api.post(token, path + "/decision/", "{\"strategy\": \"pray\"}").detail()).contains("strategy").contains("revert, rollback");
        assertThat(api.post(token, path + "/decision/", "{\"strategy\": \"restart\", \"restore_minutes\": -5}").detail())
                .contains("restore_minutes");

        String viewer = tokenOf(Role.VIEWER);
        assertThat(ok(api.get(viewer, path + "/checklist/")).json().get(1).path("answer").asString()).isEqualTo("partially");
        assertThat(api.put(viewer, path + "/checklist/", "{\"deploy\": \"no\"}").status()).isEqualTo(403);
        assertThat(api.post(viewer, path + "/decision/", "{\"strategy\": \"restart\"}").status()).isEqualTo(403);
        Tenant other = newTenant();
        assertThat(api.get(other.ownerToken(), path + "/checklist/").status()).isEqualTo(404);
        assertThat(api.post(other.ownerToken(), path + "/decision/", "{\"strategy\": \"restart\"}").status()).isEqualTo(404);
    }

    static List<String> ids(ApiClient.Response r) {
        return r.json().valueStream().map(n -> n.path("id").asString()).toList();
    }
}
