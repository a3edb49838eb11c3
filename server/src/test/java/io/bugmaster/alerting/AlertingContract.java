package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.issues.ownership.OwnershipService;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SignalRows;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Alert rules end to end: events ingested over the Sentry protocol, the engine run by hand, and the
 * notifications checked in notification_queue (this feature queues; the delivery worker sends).
 */
abstract class AlertingContract extends IntegrationTest {
    @Autowired ProjectService projects;
    @Autowired ChannelService channels;
    @Autowired OwnershipService ownership;
    @Autowired JdbcClient db;
    @Autowired AlertRuleService rules;

    final HttpClient http = HttpClient.newHttpClient();
    ApiClient api;
    Tenant tenant;
    String org;
    long channelId;
    String rulesPath;

    record Row(Long channelId, String email, String key, JsonNode notification) {}

    @BeforeEach
    void tenant() {
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        org = tenant.org().slug();
        channelId = channels.create(tenant.owner(), org, new ChannelService.NewChannel("ops hook", "webhook",
                Map.of("url", "http://localhost:9/alerts"))).id();
        rulesPath = "/api/0/organizations/" + org + "/alert-rules/";
        engine.runOnce(); // whatever other tests left in the signals is handled before this test counts
    }

    record Proj(String slug, long id, ProjectKey key) {}

    Proj project(String name) {
        String slug = unique(name);
        long id = projects.create(tenant.owner(), org, org, name, slug, "java").project().id();
        return new Proj(slug, id, projects.listKeys(tenant.owner(), org, slug).get(0));
    }

    /** Sends an error event; events with the same fingerprint share an issue. Returns the event id. */
    String ingest(Proj p, String fingerprint, String environment) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = """
                {"event_id":"%s","platform":"java","level":"error","environment":"%s","release":"shop@1.0.0",
                 "fingerprint":["%s"],"tags":{"browser":"Firefox 120"},"user":{"id":"%s"},
                 "exception":{"values":[{"type":"CardDeclined","value":"declined",
                 "stacktrace":{"frames":[{"filename":"PaymentService.java","module":"com.acme.payments.PaymentService",
                 "function":"charge","lineno":118,"in_app":true}]}}]}}""".formatted(id, environment, fingerprint, id);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + p.id() + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + p.key().publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    long issueOf(Proj p, String eventId) {
        ApiClient.Response r = api.get(tenant.ownerToken(), "/api/0/projects/" + org + "/" + p.slug() + "/events/" + eventId + "/");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return Long.parseLong(r.json().path("groupID").asString());
    }

    /** The issue alerts queued for this organization (resolves that follow them: ResolvedFollowUpsContract). */
    List<Row> queued() {
        return db.sql("""
                SELECT channel_id, email, idempotency_key, notification FROM notification_queue
                WHERE org_id = ? AND idempotency_key NOT LIKE 'resolve:%' ORDER BY id""")
                .param(tenant.org().id())
                .query((rs, n) -> {
                    long c = rs.getLong(1);
                    Long channel = rs.wasNull() ? null : c;
                    return new Row(channel, rs.getString(2), rs.getString(3), ApiClient.JSON.readTree(rs.getString(4)));
                }).list();
    }

    String createRule(String json) {
        ApiClient.Response r = api.post(tenant.ownerToken(), rulesPath, json);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    String productionRule(String conditions, int frequency) {
        return createRule("""
                {"name": "production errors", "environment": "production", "frequency": %d,
                 "conditions": %s,
                 "actions": [{"id": "notify_channel", "channel": "%d"},
                             {"id": "notify_email", "targetType": "Member", "targetIdentifier": ["%s"]}]}"""
                .formatted(frequency, conditions, channelId, tenant.user().email()));
    }

    void resolve(long issueId) {
        ApiClient.Response r = api.put(tenant.ownerToken(), "/api/0/issues/" + issueId + "/", "{\"status\":\"resolved\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void aNewProductionIssueFiresAnOrgWideRuleOncePerActionEvenInAProjectCreatedLater() {
        productionRule("[{\"id\": \"first_seen_event\"}, {\"id\": \"regression_event\"}]", 30);
        Proj later = project("later");

        long issue = issueOf(later, ingest(later, "checkout-" + UUID.randomUUID(), "production"));
        engine.runOnce();
        engine.runOnce();

        List<Row> rows = queued();
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(Row::channelId).containsExactlyInAnyOrder(channelId, null);
        assertThat(rows).extracting(Row::email).containsExactlyInAnyOrder(null, tenant.user().email());
        JsonNode n = rows.get(0).notification();
        assertThat(n.toString()).as(n.toString()).contains("CardDeclined");
        assertThat(n.path("source").asString()).isEqualTo(later.slug());
        assertThat(n.path("organization").asString()).isEqualTo(org);
        assertThat(n.path("environment").asString()).isEqualTo("production");
        assertThat(n.path("severity").asString()).isEqualTo("error");
        assertThat(n.path("count").asLong()).isEqualTo(1);
        assertThat(n.path("data").path("users").asLong()).isEqualTo(1);
        assertThat(n.path("data").path("release").asString()).isEqualTo("shop@1.0.0");
        assertThat(n.path("labels").path("browser").asString()).isEqualTo("Firefox 120");
        assertThat(n.path("data").path("firstSeen").isNull()).isFalse();
        assertThat(n.path("kind").asString()).isEqualTo("alert");
        assertThat(n.path("subject").asString()).isEqualTo("issue:" + issue);
        assertThat(n.path("event").asString()).isEqualTo("issue.alert");
        assertThat(n.path("links").path(0).path("url").asString()).isEqualTo("http://localhost:8080/orgs/" + org + "/issues/" + issue);
        // why it was sent: the trigger that held and the rule, told in every message
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.notification().path("reason").asString()).isEqualTo("New issue in shop@1.0.0");
            assertThat(r.notification().path("rule").asString()).isEqualTo("production errors");
            assertThat(r.notification().path("createdAt").asLong()).isEqualTo(clock.millis());
        });
        assertThat(rows.get(0).key()).isNotEqualTo(rows.get(1).key());

        // a staging event makes a new issue, but the rule is production only
        ingest(later, "checkout-" + UUID.randomUUID(), "staging");
        engine.runOnce();
        assertThat(queued()).hasSize(2);

        JsonNode rule = api.get(tenant.ownerToken(), rulesPath).json().get(0);
        assertThat(rule.path("lastTriggered").asString()).isEqualTo(java.time.Instant.ofEpochMilli(clock.millis()).toString());
    }

    @Test
    void messagesCarryTheTagsTheProjectChoseInItsOrderFilledInFromTheEvent() {
        productionRule("[{\"id\": \"first_seen_event\"}]", 30);
        Proj p = project("tagged");
        issueOf(p, ingest(p, "default-tags-" + UUID.randomUUID(), "production"));
        engine.runOnce();
        JsonNode byDefault = queued().get(0).notification().path("labels");
        assertThat(ImmutableFields.names(byDefault)).containsExactly("environment", "release", "level", "browser");
        assertThat(byDefault.path("environment").asString()).isEqualTo("production");
        assertThat(byDefault.path("level").asString()).isEqualTo("error");

        rules.setAlertTags(tenant.owner(), org, p.slug(), "browser, release, not.there");
        issueOf(p, ingest(p, "chosen-tags-" + UUID.randomUUID(), "production"));
        engine.runOnce();
        List<Row> rows = queued();
        JsonNode chosen = rows.get(rows.size() - 1).notification().path("labels");
        assertThat(ImmutableFields.names(chosen)).containsExactly("browser", "release");
        assertThat(chosen.path("browser").asString()).isEqualTo("Firefox 120");
        assertThat(chosen.path("release").asString()).isEqualTo("shop@1.0.0");
    }

    /** Field names of a JSON object in order. */
    static final class ImmutableFields {
        static List<String> names(JsonNode o) {
            List<String> out = new java.util.ArrayList<>();
            o.properties().forEach(e -> out.add(e.getKey()));
            return out;
        }
    }

    @Test
    void aRegressionFiresAndTheActionIntervalThrottlesRepeatsPerIssue() {
        productionRule("[{\"id\": \"regression_event\"}]", 60);
        Proj p = project("shop");
        String fingerprint = "regress-" + UUID.randomUUID();
        long issue = issueOf(p, ingest(p, fingerprint, "production"));
        engine.runOnce();
        assertThat(queued()).as("a new issue is not a regression").isEmpty();

        resolve(issue);
        ingest(p, fingerprint, "production");
        engine.runOnce();
        assertThat(queued()).hasSize(2);
        assertThat(queued()).allSatisfy(r -> assertThat(r.notification().path("reason").asString()).isEqualTo("Regression in shop@1.0.0"));

        // it regresses again ten minutes later: within the hour's action interval, so nothing more
        clock.advance(Duration.ofMinutes(10));
        resolve(issue);
        ingest(p, fingerprint, "production");
        engine.runOnce();
        assertThat(queued()).hasSize(2);

        // after the interval, the next regression is told again
        clock.advance(Duration.ofMinutes(61));
        resolve(issue);
        ingest(p, fingerprint, "production");
        engine.runOnce();
        assertThat(queued()).hasSize(4);
    }

    @Test
    void aFrequencyTriggerFiresAfterMoreThanNEventsInAMinute() {
        productionRule("[{\"id\": \"event_frequency\", \"value\": 2, \"interval\": \"1m\"}]", 30);
        Proj p = project("busy");
        String fingerprint = "busy-" + UUID.randomUUID();
        ingest(p, fingerprint, "production");
        ingest(p, fingerprint, "production");
        engine.runOnce();
        assertThat(queued()).as("2 events are not more than 2").isEmpty();

        clock.advance(Duration.ofSeconds(5));
        ingest(p, fingerprint, "production");
        engine.runOnce();
        assertThat(queued()).hasSize(2);
        assertThat(queued().get(0).notification().path("count").asLong()).isEqualTo(3);
        assertThat(queued().get(0).notification().path("reason").asString()).isEqualTo("More than 2 events in 1 minute (3 seen)");

        clock.advance(Duration.ofSeconds(5));
        ingest(p, fingerprint, "production");
        engine.runOnce();
        assertThat(queued()).as("throttled by the action interval").hasSize(2);
    }

    @Test
    void reRunningAfterACrashEnqueuesNothingTwice() {
        productionRule("[{\"id\": \"first_seen_event\"}]", 30);
        Proj p = project("crashy");
        ingest(p, "crash-" + UUID.randomUUID(), "production");
        engine.runOnce();
        List<Row> first = queued();
        assertThat(first).hasSize(2);

        // as if the node died after the notifications were stored but before anything else was:
        // the signals are unclaimed again and the rule has no memory of firing
        SignalRows.rewindAlerting(db, tenant.org().id(), null);
        db.sql("DELETE FROM alert_rule_issues WHERE issue_id IN (SELECT id FROM issues WHERE project_id = ?)").param(p.id()).update();
        engine.runOnce();
        assertThat(queued()).extracting(Row::key).containsExactlyElementsOf(first.stream().map(Row::key).toList());
    }

    @Test
    void aSignalThatCannotBeHandledDoesNotHoldUpTheOthers() {
        Tenant broken = newTenant();
        long brokenProject = projects.create(broken.owner(), broken.org().slug(), broken.org().slug(), "Broken", unique("broken"), "java")
                .project().id();
        ProjectKey brokenKey = projects.listKeys(broken.owner(), broken.org().slug(),
                projects.list(broken.owner(), broken.org().slug(), 0, 10).items().get(0).slug()).get(0);
        ApiClient.Response bad = api.post(broken.ownerToken(), "/api/0/organizations/" + broken.org().slug() + "/alert-rules/",
                "{\"name\": \"b\", \"conditions\": [{\"id\": \"first_seen_event\"}], "
                        + "\"actions\": [{\"id\": \"notify_email\", \"targetType\": \"Assignee\"}]}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(201);
        productionRule("[{\"id\": \"first_seen_event\"}]", 30);
        Proj p = project("fine");
        try {
            db.sql("UPDATE alert_rules SET definition = '{not json' WHERE id = ?").param(Long.parseLong(bad.json().path("id").asString()))
                    .update();
            ingest(new Proj("broken", brokenProject, brokenKey), "broken-" + UUID.randomUUID(), "production");
            ingest(p, "fine-" + UUID.randomUUID(), "production");
            engine.runOnce();
            assertThat(queued()).hasSize(2);
            assertThat(SignalRows.notYetAlerted(db, broken.org().id())).as("the bad signal is set aside, not retried forever").isZero();
        } finally {
            db.sql("DELETE FROM alert_rules WHERE id = ?").param(Long.parseLong(bad.json().path("id").asString())).update();
        }
    }

    @Test
    void aNewIssueIsAssignedToItsOwnerBeforeTheMessageIsBuilt() {
        Proj p = project("owned");
        ownership.update(tenant.owner(), org, p.slug(), new OwnershipService.Change(
                "module:com.acme.payments.* " + tenant.user().email(), null, OwnershipService.AutoAssignment.ISSUE_OWNER));
        createRule("""
                {"name": "to the assignee", "conditions": [{"id": "first_seen_event"}],
                 "filters": [{"id": "level", "match": "gte", "level": "error"}],
                 "actions": [{"id": "notify_email", "targetType": "Assignee"}, {"id": "notify_channel", "channel": "%d"}]}"""
                .formatted(channelId));
        long issue = issueOf(p, ingest(p, "owned-" + UUID.randomUUID(), "production"));
        engine.runOnce();

        List<Row> rows = queued();
        assertThat(rows).hasSize(2);
        assertThat(rows).extracting(Row::email).contains(tenant.user().email());
        assertThat(rows).allSatisfy(r -> assertThat(r.notification().path("data").path("assignee").asString()).isEqualTo(tenant.user().email()));
        JsonNode json = api.get(tenant.ownerToken(), "/api/0/issues/" + issue + "/").json();
        assertThat(json.path("assignedTo").path("id").asString()).isEqualTo(String.valueOf(tenant.user().id()));
    }

    @Test
    void aSnoozedIssueThatWakesUpFires() {
        createRule("""
                {"name": "woke up", "conditions": [{"id": "snooze_expired_event"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}]}""".formatted(channelId));
        Proj p = project("sleepy");
        long issue = issueOf(p, ingest(p, "sleepy-" + UUID.randomUUID(), "production"));
        engine.runOnce();
        ApiClient.Response ignored = api.put(tenant.ownerToken(), "/api/0/issues/" + issue + "/",
                "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreDuration\":30}}");
        assertThat(ignored.status()).as(ignored.toString()).isEqualTo(200);
        engine.runOnce();
        assertThat(queued()).isEmpty();

        clock.advance(Duration.ofMinutes(31));
        // one cycle: the snooze module wakes the issue and raises the signal, then alerting handles it
        engine.runOnce();
        assertThat(queued()).hasSize(1);
        assertThat(queued().get(0).key()).contains(":i" + issue + ":");
        assertThat(queued().get(0).notification().path("reason").asString()).isEqualTo("Snooze expired: the snooze time ran out");
        assertThat(queued().get(0).notification().path("rule").asString()).isEqualTo("woke up");
    }

    @Test
    void aTeamScopedUserFrequencyRuleEmailsTheTeamAndSkipsOtherTeamsProjects() {
        organizations.createTeam(tenant.owner(), org, "Payments", "payments");
        String memberEmail = unique("pay") + "@example.com";
        io.bugmaster.accounts.User member = users.insert(memberEmail, "Pay Er", null, false, clock.instant()).orElseThrow();
        join(tenant.owner(), org, member, Role.MEMBER, "payments");
        String paySlug = unique("pay");
        long payId = projects.create(tenant.owner(), org, "payments", "Pay", paySlug, "java").project().id();
        Proj pay = new Proj(paySlug, payId, projects.listKeys(tenant.owner(), org, paySlug).get(0));
        Proj other = project("other");
        createRule("""
                {"name": "many users", "scope": {"type": "team", "team": "payments"},
                 "conditions": [{"id": "event_unique_user_frequency", "value": 1, "interval": "5m"}],
                 "actions": [{"id": "notify_email", "targetType": "Team", "targetIdentifier": "payments"}]}""");
        String fp = "users-" + UUID.randomUUID();
        ingest(other, fp, "production");
        ingest(other, fp, "production");
        ingest(pay, fp, "production");
        engine.runOnce();
        assertThat(queued()).as("one user is not more than one").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        ingest(pay, fp, "production");
        engine.runOnce();
        // the team has its creator (the owner) and the new member
        assertThat(queued()).extracting(Row::email).containsExactlyInAnyOrder(member.email(), tenant.user().email());
        assertThat(queued().get(0).notification().path("source").asString()).isEqualTo(paySlug);
        assertThat(queued().get(0).notification().path("reason").asString()).isEqualTo("More than 1 user in 5 minutes (2 affected)");
    }

    @Test
    void aRuleWithEmailActionsOnAServerWithoutSmtpSaysItsEmailsCannotBeSent() {
        // tests run without BUGMASTER_SMTP_HOST
        ApiClient.Response emails = api.post(tenant.ownerToken(), rulesPath, """
                {"name": "mail the owners", "conditions": [{"id": "first_seen_event"}],
                 "actions": [{"id": "notify_email", "targetType": "IssueOwners"}]}""");
        assertThat(emails.status()).as(emails.toString()).isEqualTo(201);
        assertThat(emails.json().path("warnings")).hasSize(1);
        assertThat(emails.json().path("warnings").get(0).asString()).startsWith("Email is not set up on this server")
                .contains("BUGMASTER_SMTP_HOST").endsWith("until then this rule's email actions send nothing.");
        String id = emails.json().path("id").asString();
        assertThat(api.get(tenant.ownerToken(), rulesPath + id + "/").json().path("warnings")).hasSize(1);

        ApiClient.Response channelOnly = api.post(tenant.ownerToken(), rulesPath, """
                {"name": "to the channel", "conditions": [{"id": "first_seen_event"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}]}""".formatted(channelId));
        assertThat(channelOnly.json().path("warnings").isArray()).isTrue();
        assertThat(channelOnly.json().path("warnings")).isEmpty();
    }

    @Test
    void theApiIsDescribedInOpenApi() {
        JsonNode paths = api.get(null, "/api/0/openapi.json").json().path("paths");
        assertThat(paths.has("/api/0/organizations/{org}/alert-rules/")).as(paths.toString()).isTrue();
        assertThat(paths.has("/api/0/organizations/{org}/alert-rules/{id}/")).isTrue();
        assertThat(paths.has("/api/0/projects/{org}/{project}/alert-rules/")).isTrue();
    }

    @Test
    void rulesHaveSentrysShapeAreValidatedByFieldAndIsolatedByOrganization() {
        Proj p = project("api");
        ApiClient.Response service = api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/services/", "{\"name\": \"checkout\"}");
        assertThat(service.status()).as(service.toString()).isEqualTo(201);
        String id = createRule("""
                {"name": "prod", "environment": "production", "actionMatch": "any", "filterMatch": "all", "frequency": 60,
                 "scope": {"type": "projects", "projects": ["%s"]},
                 "conditions": [{"id": "sentry.rules.conditions.first_seen_event.FirstSeenEventCondition"},
                                {"id": "event_unique_user_frequency", "value": 100, "interval": "1h"}],
                 "filters": [{"id": "tagged_event", "key": "browser", "match": "co", "value": "Firefox"},
                             {"id": "age_comparison", "comparison_type": "newer", "value": 1, "time": "day"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}, {"id": "page_service", "service": "checkout"}]}"""
                .formatted(p.slug(), channelId));
        assertThat(api.get(tenant.ownerToken(), rulesPath + id + "/").json().path("actions").get(1).path("service_id").asString())
                .as("the service named by text is stored by id").isEqualTo(service.json().path("id").asString());
        JsonNode got = api.get(tenant.ownerToken(), rulesPath + id + "/").json();
        assertThat(got.path("name").asString()).isEqualTo("prod");
        assertThat(got.path("scope").path("projects").get(0).asString()).isEqualTo(p.slug());
        assertThat(got.path("conditions").get(0).path("id").asString()).isEqualTo("first_seen_event");
        assertThat(got.path("conditions").get(1).path("interval").asString()).isEqualTo("1h");
        assertThat(got.path("filters").get(0).path("key").asString()).isEqualTo("browser");
        assertThat(got.path("actions").get(0).path("channel").asString()).isEqualTo(String.valueOf(channelId));
        assertThat(got.path("frequency").asInt()).isEqualTo(60);
        assertThat(got.path("environment").asString()).isEqualTo("production");
        assertThat(got.path("status").asString()).isEqualTo("active");

        String projectPath = "/api/0/projects/" + org + "/" + p.slug() + "/alert-rules/";
        assertThat(api.get(tenant.ownerToken(), projectPath).json()).hasSize(1);
        ApiClient.Response viaProject = api.post(tenant.ownerToken(), projectPath, """
                {"name": "project rule", "conditions": [{"id": "regression_event"}],
                 "actions": [{"id": "notify_email", "targetType": "IssueOwners"}]}""");
        assertThat(viaProject.status()).as(viaProject.toString()).isEqualTo(201);
        assertThat(viaProject.json().path("scope").path("projects").get(0).asString()).isEqualTo(p.slug());

        ApiClient.Response changed = api.put(tenant.ownerToken(), rulesPath + id + "/", "{\"enabled\": false, \"frequency\": 1440}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("status").asString()).isEqualTo("disabled");
        assertThat(changed.json().path("frequency").asInt()).isEqualTo(1440);
        assertThat(changed.json().path("name").asString()).isEqualTo("prod");

        ApiClient.Response badInterval = api.post(tenant.ownerToken(), rulesPath, """
                {"name": "x", "conditions": [{"id": "event_frequency", "value": 10, "interval": "2m"}],
                 "actions": [{"id": "notify_email", "targetType": "Assignee"}]}""");
        assertThat(badInterval.status()).isEqualTo(400);
        assertThat(badInterval.detail()).startsWith("conditions[0].interval:");
        ApiClient.Response noActions = api.post(tenant.ownerToken(), rulesPath,
                "{\"name\": \"x\", \"conditions\": [{\"id\": \"first_seen_event\"}], \"actions\": []}");
        assertThat(noActions.status()).isEqualTo(400);
        assertThat(noActions.detail()).startsWith("actions:");
        ApiClient.Response badFrequency = api.put(tenant.ownerToken(), rulesPath + id + "/", "{\"frequency\": 7}");
        assertThat(badFrequency.detail()).startsWith("frequency:");

        Tenant other = newTenant();
        long otherChannel = channels.create(other.owner(), other.org().slug(), new ChannelService.NewChannel("theirs", "webhook",
                Map.of("url", "http://localhost:9/theirs"))).id();
        ApiClient.Response foreignChannel = api.post(tenant.ownerToken(), rulesPath, """
                {"name": "x", "conditions": [{"id": "first_seen_event"}], "actions": [{"id": "notify_channel", "channel": "%d"}]}"""
                .formatted(otherChannel));
        assertThat(foreignChannel.status()).isEqualTo(400);
        assertThat(foreignChannel.detail()).startsWith("actions[0].channel:");
        assertThat(api.get(other.ownerToken(), "/api/0/organizations/" + other.org().slug() + "/alert-rules/" + id + "/").status())
                .isEqualTo(404);
        assertThat(api.get(other.ownerToken(), rulesPath + id + "/").status()).isEqualTo(404);

        String viewer = memberToken(tenant, Role.VIEWER);
        assertThat(api.get(viewer, rulesPath).status()).isEqualTo(200);
        assertThat(api.get(viewer, rulesPath + id + "/").status()).isEqualTo(200);
        assertThat(api.put(viewer, rulesPath + id + "/", "{\"name\": \"mine\"}").status()).isEqualTo(403);
        assertThat(api.delete(viewer, rulesPath + id + "/").status()).isEqualTo(403);
        assertThat(api.get(null, rulesPath).status()).isEqualTo(401);

        assertThat(api.delete(tenant.ownerToken(), rulesPath + id + "/").status()).isEqualTo(204);
        assertThat(api.get(tenant.ownerToken(), rulesPath + id + "/").status()).isEqualTo(404);
    }
}
