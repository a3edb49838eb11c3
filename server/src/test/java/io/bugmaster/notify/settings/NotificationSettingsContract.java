package io.bugmaster.notify.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.web.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Personal email settings end to end: the API and page, alert rule emails that respect "never" and
 * "only my issues", and workflow emails on comments and assignments (checked in notification_queue).
 */
abstract class NotificationSettingsContract extends IntegrationTest {
    static final String PATH = "/api/0/users/me/notification-settings/";
    @Autowired ProjectService projects;
    @Autowired JdbcClient db;

    final HttpClient http = HttpClient.newHttpClient();
    ApiClient api;
    Tenant tenant;
    String org;
    User member;
    String memberToken;
    String memberPassword;
    long projectId;
    String projectSlug;
    ProjectKey key;

    record Row(String email, String key, JsonNode notification) {}

    @BeforeEach
    void tenant() {
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        org = tenant.org().slug();
        organizations.createTeam(tenant.owner(), org, "Payments", "payments");
        memberPassword = "password-" + UUID.randomUUID();
        member = newUser(memberPassword);
        join(tenant.owner(), org, member, Role.MEMBER, "payments");
        memberToken = token(Actor.session(member.id(), member.email()), List.copyOf(Scopes.ALL));
        projectSlug = unique("shop");
        projectId = projects.create(tenant.owner(), org, "payments", "Shop", projectSlug, "java").project().id();
        key = projects.listKeys(tenant.owner(), org, projectSlug).get(0);
        engine.runOnce();
    }

    List<Row> emails() {
        return db.sql("SELECT email, idempotency_key, notification FROM notification_queue WHERE org_id = ? AND email IS NOT NULL ORDER BY id")
                .param(tenant.org().id())
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), ApiClient.JSON.readTree(rs.getString(3)))).list();
    }

    long newIssue() {
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = """
                {"event_id":"%s","platform":"java","level":"error","environment":"production",
                 "fingerprint":["%s"],"message":"card declined"}""".formatted(id, id);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ApiClient.Response r = api.get(tenant.ownerToken(), "/api/0/projects/" + org + "/" + projectSlug + "/events/" + id + "/");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return Long.parseLong(r.json().path("groupID").asString());
    }

    void put(String token, String json) {
        ApiClient.Response r = api.put(token, PATH, json);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    @Test
    void theApiShowsDefaultsAndEveryProjectAndValidatesByField() {
        ApiClient.Response r = api.get(memberToken, PATH);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("defaults").path("issueAlerts").asString()).isEqualTo("always");
        assertThat(r.json().path("defaults").path("workflow").asString()).isEqualTo("subscribed");
        assertThat(r.json().path("defaults").path("weeklyReport").asBoolean()).isTrue();
        assertThat(r.json().path("projects")).anySatisfy(p -> {
            assertThat(p.path("projectId").asString()).isEqualTo(Long.toString(projectId));
            assertThat(p.path("organization").asString()).isEqualTo(org);
            assertThat(p.path("issueAlerts").asString()).isEqualTo("default");
        });

        r = api.put(memberToken, PATH, """
                {"defaults": {"issueAlerts": "subscribed", "weeklyReport": false},
                 "projects": [{"projectId": "%d", "issueAlerts": "never", "workflow": "never"}]}""".formatted(projectId));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("defaults").path("issueAlerts").asString()).isEqualTo("subscribed");
        assertThat(r.json().path("defaults").path("workflow").asString()).as("left out: unchanged").isEqualTo("subscribed");
        assertThat(r.json().path("defaults").path("weeklyReport").asBoolean()).isFalse();
        assertThat(r.json().path("projects")).anySatisfy(p -> {
            assertThat(p.path("projectId").asString()).isEqualTo(Long.toString(projectId));
            assertThat(p.path("issueAlerts").asString()).isEqualTo("never");
            assertThat(p.path("workflow").asString()).isEqualTo("never");
        });

        r = api.put(memberToken, PATH, "{\"defaults\": {\"issueAlerts\": \"sometimes\"}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).contains("issueAlerts").contains("always, subscribed, never");
        Tenant other = newTenant();
        long foreign = projects.create(other.owner(), other.org().slug(), other.org().slug(), "Theirs", unique("theirs"), "java")
                .project().id();
        r = api.put(memberToken, PATH, "{\"projects\": [{\"projectId\": \"" + foreign + "\", \"issueAlerts\": \"never\"}]}");
        assertThat(r.status()).as("a project of another organization").isEqualTo(400);
        assertThat(r.detail()).contains("projects[0].projectId");
        r = api.put(token(Actor.session(member.id(), member.email()), List.of(Scopes.ORG_READ)), PATH,
                "{\"defaults\": {\"issueAlerts\": \"never\"}}");
        assertThat(r.status()).as("a read-only token cannot change settings").isEqualTo(403);
    }

    @Test
    void alertRuleEmailsRespectNeverAndOnlyMyIssues() {
        ApiClient.Response rule = api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/alert-rules/", """
                {"name": "new issues to the team", "scope": {"type": "organization"},
                 "conditions": [{"id": "first_seen_event"}],
                 "actions": [{"id": "notify_email", "targetType": "Team", "targetIdentifier": "payments"}]}""");
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        newIssue();
        engine.runOnce();
        assertThat(emails()).extracting(Row::email).containsExactlyInAnyOrder(member.email(), tenant.user().email());

        put(memberToken, "{\"projects\": [{\"projectId\": \"" + projectId + "\", \"issueAlerts\": \"never\"}]}");
        put(tenant.ownerToken(), "{\"defaults\": {\"issueAlerts\": \"subscribed\"}}");
        newIssue();
        engine.runOnce();
        assertThat(emails()).as("never for this project; only subscribed issues").hasSize(2);

        put(memberToken, "{\"projects\": [{\"projectId\": \"" + projectId + "\", \"issueAlerts\": \"default\"}]}");
        newIssue();
        engine.runOnce();
        assertThat(emails()).extracting(Row::email).as("back to the default: always").hasSize(3).last().isEqualTo(member.email());
    }

    @Test
    void commentsAndAssignmentsEmailFollowersButNeverTheActor() {
        long issue = newIssue();
        engine.runOnce();
        ApiClient.Response r = api.post(tenant.ownerToken(), "/api/0/issues/" + issue + "/comments/",
                "{\"text\": \"@" + member.email() + " can you look?\\n- first line\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        List<Row> rows = emails();
        assertThat(rows).extracting(Row::email).as("the mentioned member, not the author").containsExactly(member.email());
        Row mail = rows.get(0);
        assertThat(mail.key()).startsWith("workflow:a").endsWith(":u" + member.id());
        assertThat(mail.notification().path("kind").asString()).isEqualTo("workflow");
        assertThat(mail.notification().path("reason").asString()).isEqualTo(tenant.user().email() + " commented");
        assertThat(mail.notification().path("body").asString()).contains("can you look?").doesNotContain("commented");

        // the member answers: the owner (subscribed by commenting) hears of it, the member does not
        r = api.post(memberToken, "/api/0/issues/" + issue + "/comments/", "{\"text\": \"on it\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(emails()).extracting(Row::email).containsExactly(member.email(), tenant.user().email());

        // workflow emails off for the project: assigning to the member sends nothing to them
        put(memberToken, "{\"projects\": [{\"projectId\": \"" + projectId + "\", \"workflow\": \"never\"}]}");
        r = api.put(tenant.ownerToken(), "/api/0/issues/" + issue + "/", "{\"assignedTo\": \"" + member.email() + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(emails()).hasSize(2);

        // back on: the member resolves it, the owner is told; the owner unassigns... and assigns again: the member is told
        put(memberToken, "{\"projects\": [{\"projectId\": \"" + projectId + "\", \"workflow\": \"default\"}]}");
        r = api.put(memberToken, "/api/0/issues/" + issue + "/", "{\"status\": \"resolved\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(emails()).hasSize(3);
        assertThat(emails().get(2).email()).isEqualTo(tenant.user().email());
        assertThat(emails().get(2).notification().path("reason").asString()).isEqualTo(member.email() + " resolved the issue");
        assertThat(emails().get(2).notification().path("body").isNull()).isTrue();
        api.put(tenant.ownerToken(), "/api/0/issues/" + issue + "/", "{\"assignedTo\": \"\"}");
        r = api.put(tenant.ownerToken(), "/api/0/issues/" + issue + "/", "{\"assignedTo\": \"" + member.email() + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(emails()).hasSize(4);
        assertThat(emails().get(3).email()).isEqualTo(member.email());
        assertThat(emails().get(3).notification().path("reason").asString())
                .isEqualTo(tenant.user().email() + " assigned the issue to " + member.email());
    }

    @Test
    void thePageHasALabelledSelectPerProjectAndSaves() {
        WebClient web = new WebClient(baseUrl());
        web.login(member.email(), memberPassword);
        HttpResponse<String> page = web.get("/settings/notifications");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("My notifications").contains("for=\"alerts-" + projectId + "\"")
                .contains("id=\"alerts-" + projectId + "\"").contains("href=\"/settings/notifications\"");
        HttpResponse<String> saved = web.post("/settings/notifications", "/settings/notifications", Map.of(
                "issueAlerts", "always", "workflow", "never", "weeklyReport", "off",
                "alerts-" + projectId, "subscribed", "workflow-" + projectId, "default"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        JsonNode now = api.get(memberToken, PATH).json();
        assertThat(now.path("defaults").path("workflow").asString()).isEqualTo("never");
        assertThat(now.path("defaults").path("weeklyReport").asBoolean()).isFalse();
        assertThat(now.path("projects")).anySatisfy(p -> {
            assertThat(p.path("projectId").asString()).isEqualTo(Long.toString(projectId));
            assertThat(p.path("issueAlerts").asString()).isEqualTo("subscribed");
        });
    }
}
