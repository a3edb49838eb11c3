package io.bugmaster.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What the what-changed tests share: an organization with a project ("shop") and a service that runs
 * it, an integration to trigger incidents and post PagerDuty change events, and ways to make a
 * release, a deploy, an error issue and an incident at the test clock's time.
 */
abstract class WhatChangedFixture extends IntegrationTest {
    @Autowired Services services;
    @Autowired Incidents incidents;
    @Autowired AlertIntake intake;
    @Autowired ProjectService projects;
    @Autowired JdbcClient db;

    final HttpClient http = HttpClient.newHttpClient();
    ApiClient api;
    Tenant tenant;
    String org;
    String token;
    String projectSlug;
    long projectId;
    ProjectKey key;
    ServiceDefinition service;
    String integrationKey;

    static final String PASSWORD = "what-changed-password";

    void setUpOrg() {
        engine.runOnce(); // whatever other tests left is handled first
        api = new ApiClient(baseUrl());
        User owner = newUser(PASSWORD); // a known password: the page tests log in as the owner
        Actor actor = Actor.session(owner.id(), owner.email());
        tenant = new Tenant(organizations.create(actor, "Shop", unique("org")), owner, actor, token(actor, List.copyOf(Scopes.ALL)));
        org = tenant.org().slug();
        token = tenant.ownerToken();
        projectSlug = unique("shop");
        projectId = projects.create(tenant.owner(), org, org, "Shop", projectSlug, "java").project().id();
        key = projects.listKeys(tenant.owner(), org, projectSlug).get(0);
        service = service(List.of(projectId));
        integrationKey = services.createIntegration(tenant.owner(), org, Long.toString(service.id()), "events_api_v2", null).integrationKey();
    }

    ServiceDefinition service(List<Long> projectIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", unique("orders"));
        body.put("project_ids", projectIds.stream().map(String::valueOf).toList());
        return services.create(tenant.owner(), org, body);
    }

    String base() {
        return "/api/0/organizations/" + org;
    }

    /** A token of a new member of the organization with this role and only these scopes. */
    String tokenOf(Role role, String... scopes) {
        User u = newUser("password-" + unique("p"));
        join(tenant.owner(), org, u, role);
        return token(Actor.session(u.id(), u.email()), scopes.length == 0 ? List.copyOf(Scopes.ALL) : List.of(scopes));
    }

    ApiClient.Response created(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r;
    }

    ApiClient.Response ok(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    /** A release of the shop project, made now (by the test clock), with two commits. */
    String release(String version) {
        created(api.post(token, base() + "/releases/", """
                {"version": "%s", "projects": ["%s"]}""".formatted(version, projectSlug)));
        ok(api.put(token, base() + "/releases/" + version + "/", """
                {"commits": [
                  {"id": "4f2a9c1e0b7d4f2a9c1e0b7d4f2a9c1e0b7d4f2a", "repository": "acme/shop", "message": "Cache orders by brand\\n\\nlong text",
                   "author_name": "Ana", "author_email": "ana@acme.io"},
                  {"id": "aaaa", "repository": "acme/shop", "message": "Start", "author_name": "Bob"}]}"""));
        return version;
    }

    /** A deploy of the release to production, finished now (by the test clock). */
    void deploy(String version) {
        created(api.post(token, base() + "/releases/" + version + "/deploys/", "{\"environment\": \"production\", \"name\": \"blue\"}"));
    }

    /** A PagerDuty change event for the service (as its sender posts it), with the timestamp of the test clock. */
    void changeEvent(String summary, String href) {
        String body = ApiClient.JSON.writeValueAsString(Map.of("routing_key", integrationKey,
                "payload", Map.of("summary", summary, "source", "argo", "timestamp", clock.instant().toString()),
                "links", List.of(Map.of("href", href, "text", "Pipeline"))));
        ApiClient.Response r = api.post(null, "/v2/change/enqueue", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
    }

    /** Sends an error event of a new kind to the shop project now; returns its issue's id. */
    long newIssue(String message) {
        return event(UUID.randomUUID().toString(), message);
    }

    /** Sends an error event with this fingerprint to the shop project now; returns its issue's id. */
    long event(String fingerprint, String message) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = ApiClient.JSON.writeValueAsString(Map.of("event_id", id, "platform", "java", "level", "error",
                "environment", "production", "fingerprint", List.of(fingerprint), "message", message,
                "timestamp", clock.instant().toString()));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ApiClient.Response r = ok(api.get(token, "/api/0/projects/" + org + "/" + projectSlug + "/events/" + id + "/"));
        return Long.parseLong(r.json().path("groupID").asString());
    }

    /** Triggers an alert on the service now; returns the incident it opened. */
    Incident incident(String summary) {
        AlertIntake.Integration integration = intake.integrationByKey(integrationKey).orElseThrow();
        intake.apply(integration, new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, unique("k"), summary, "test", "critical", null,
                null, null, null, Map.of(), List.of(), null, null));
        return incidents.list(tenant.owner(), org, List.of(), Long.toString(service.id()), 0, 1).items().get(0).incident();
    }

    JsonNode recentChanges(Incident i, String query) {
        return ok(api.get(token, base() + "/incidents/" + i.number() + "/recent-changes/" + query)).json();
    }

    List<String> logKinds(Incident i) {
        return db.sql("SELECT kind FROM incident_log WHERE incident_id = ? ORDER BY id").param(i.id()).query(String.class).list();
    }
}
