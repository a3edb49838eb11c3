package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.issues.IssueService;
import io.bugmaster.issues.IssueUpdate;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An alert rule's "page a service": a new error issue opens an alert on the service (dedup key
 * {@code issue:<id>}), which triggers an incident; resolving the issue resolves the alert and the incident.
 */
abstract class PageServiceContract extends IntegrationTest {
    @Autowired ProjectService projects;
    @Autowired IssueService issues;
    @Autowired JdbcClient db;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aNewIssuePagesTheServiceAndResolvingItResolvesTheIncident() throws Exception {
        engine.runOnce();
        Tenant t = newTenant();
        String org = t.org().slug();
        ApiClient api = new ApiClient(baseUrl());
        String policy = api.post(t.ownerToken(), "/api/0/organizations/" + org + "/escalation-policies/", """
                {"name": "owner", "escalation_rules": [{"escalation_delay_in_minutes": 5, "targets": [{"type": "user_reference", "id": "%d"}]}]}"""
                .formatted(t.user().id())).json().path("id").asString();
        String service = api.post(t.ownerToken(), "/api/0/organizations/" + org + "/services/",
                "{\"name\": \"Shop\", \"escalation_policy\": {\"id\": \"" + policy + "\"}}").json().path("id").asString();
        ApiClient.Response rule = api.post(t.ownerToken(), "/api/0/organizations/" + org + "/alert-rules/", """
                {"name": "Page on new", "conditions": [{"id": "first_seen_event"}],
                 "actions": [{"id": "page_service", "service_id": "%s"}], "frequency": 5}""".formatted(service));
        assertThat(rule.status()).as(rule.toString()).isEqualTo(201);
        assertThat(rule.json().path("actions").get(0).path("service").asString()).isEqualTo("Shop");

        Actor owner = t.owner();
        String project = unique("web");
        long projectId = projects.create(owner, org, org, "Web", project, "javascript").project().id();
        ProjectKey key = projects.listKeys(owner, org, project).get(0);
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"event_id":"%s","platform":"javascript","level":"fatal","message":"Checkout crashed"}"""
                        .formatted(UUID.randomUUID().toString().replace("-", "")))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        long issueId = db.sql("SELECT id FROM issues WHERE project_id = ?").param(projectId).query(Long.class).single();
        for (int i = 0; i < 3; i++) {
            engine.runOnce();
        }

        var incident = api.get(t.ownerToken(), "/api/0/organizations/" + org + "/incidents/1/").json();
        assertThat(incident.path("title").asString()).isEqualTo("Checkout crashed");
        assertThat(incident.path("urgency").asString()).isEqualTo("high");
        assertThat(incident.path("alerts").get(0).path("dedup_key").asString()).isEqualTo("issue:" + issueId);
        assertThat(incident.path("assignments").get(0).path("assignee").path("email").asString()).isEqualTo(t.user().email());

        issues.changeStatusForSystem(t.org().id(), issueId, IssueUpdate.resolve(), "test");
        for (int i = 0; i < 3; i++) {
            engine.runOnce();
        }
        var resolved = api.get(t.ownerToken(), "/api/0/organizations/" + org + "/incidents/1/").json();
        assertThat(resolved.path("status").asString()).isEqualTo("resolved");
        assertThat(resolved.path("alerts").get(0).path("status").asString()).isEqualTo("resolved");
    }
}
