package io.bugmaster.issues.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.issues.IssueViews.Assignee;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Ownership rules, the API, previews and automatic assignment, with events ingested over the Sentry protocol. */
abstract class OwnershipContract extends IntegrationTest {
    @Autowired ProjectService projects;
    @Autowired OwnershipService ownership;

    final HttpClient http = HttpClient.newHttpClient();
    ApiClient api;
    Tenant tenant;
    String org;
    String project;
    long projectId;
    ProjectKey key;
    String path;

    @BeforeEach
    void tenant() {
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        org = tenant.org().slug();
        project = unique("shop");
        projectId = projects.create(tenant.owner(), org, org, "Shop", project, "java").project().id();
        key = projects.listKeys(tenant.owner(), org, project).get(0);
        organizations.createTeam(tenant.owner(), org, "Payments", "payments");
        path = "/api/0/projects/" + org + "/" + project + "/ownership/";
    }

    /** Sends a Java event through the store endpoint, with an in-app frame of {@code module}; returns the event id. */
    String ingest(String module, String exceptionType) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = """
                {"event_id":"%s","platform":"java","level":"error","exception":{"values":[{"type":"%s","value":"declined",
                "stacktrace":{"frames":[
                 {"filename":"Thread.java","module":"java.lang.Thread","function":"run","in_app":false},
                 {"filename":"PaymentService.java","module":"%s","function":"charge","lineno":118,"in_app":true}]}}]},
                "request":{"url":"https://api.example.com/payments/charge"}}""".formatted(id, exceptionType, module);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    long issueOf(String eventId) {
        ApiClient.Response r = api.get(tenant.ownerToken(), "/api/0/projects/" + org + "/" + project + "/events/" + eventId + "/");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return Long.parseLong(r.json().path("groupID").asString());
    }

    ApiClient.Response put(String token, String json) {
        return api.put(token, path, json);
    }

    List<JsonNode> activities(long issueId) {
        ApiClient.Response r = api.get(tenant.ownerToken(), "/api/0/issues/" + issueId + "/activities/");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }

    @Test
    void ownershipHasSentrysShapeAndIsValidatedAgainstTheOrganization() {
        ApiClient.Response empty = api.get(tenant.ownerToken(), path);
        assertThat(empty.status()).as(empty.toString()).isEqualTo(200);
        assertThat(empty.json().path("raw").isNull()).isTrue();
        assertThat(empty.json().path("fallthrough").asBoolean()).isTrue();
        assertThat(empty.json().path("autoAssignment").asString()).isEqualTo("Turn off Auto-Assignment");
        assertThat(empty.json().path("dateCreated").isNull()).isTrue();

        String raw = "# payments\nmodule:com.acme.payments.* #payments " + tenant.user().email() + "\nurl:https://api.example.com/* #payments";
        ApiClient.Response saved = put(tenant.ownerToken(), ApiClient.json("raw", raw, "fallthrough", false,
                "autoAssignment", "Auto Assign to Issue Owner", "codeownersAutoSync", true));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        JsonNode got = api.get(tenant.ownerToken(), path).json();
        assertThat(got.path("raw").asString()).isEqualTo(raw);
        assertThat(got.path("fallthrough").asBoolean()).isFalse();
        assertThat(got.path("autoAssignment").asString()).isEqualTo("Auto Assign to Issue Owner");
        assertThat(got.path("codeownersAutoSync").asBoolean()).isFalse();
        assertThat(got.path("dateCreated").asString()).isEqualTo(java.time.Instant.ofEpochMilli(clock.millis()).toString());
        assertThat(got.path("lastUpdated").asString()).isEqualTo(java.time.Instant.ofEpochMilli(clock.millis()).toString());
        assertThat(got.path("schema").path("rules").get(0).path("matcher").path("type").asString()).isEqualTo("module");
        assertThat(got.path("schema").path("rules").get(0).path("owners").get(0).path("identifier").asString()).isEqualTo("payments");

        ApiClient.Response unknown = put(tenant.ownerToken(), ApiClient.json("raw", "path:src/* nobody@example.com #ghosts #payments"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.detail()).contains("nobody@example.com").contains("#ghosts").doesNotContain("#payments");
        ApiClient.Response bad = put(tenant.ownerToken(), ApiClient.json("raw", "path:src/* #payments\ncolour:red #payments"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.detail()).contains("line 2").contains("colour");
        ApiClient.Response badMode = put(tenant.ownerToken(), ApiClient.json("autoAssignment", "Auto Assign to Suspect Commits"));
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(api.get(tenant.ownerToken(), path).json().path("raw").asString()).isEqualTo(raw);

        String member = memberToken(tenant, Role.MEMBER);
        assertThat(api.get(member, path).status()).isEqualTo(200);
        assertThat(put(member, ApiClient.json("raw", "")).status()).isEqualTo(403);
        assertThat(api.get(null, path).status()).isEqualTo(401);
        assertThat(api.get(newTenant().ownerToken(), path).status()).isEqualTo(404);
    }

    @Test
    void autoAssignGivesANewIssueToTheOwnerOfItsInAppFrame() {
        ownership.update(tenant.owner(), org, project, new OwnershipService.Change(
                "module:com.acme.* #payments\nmodule:com.acme.payments.* " + tenant.user().email(), null,
                OwnershipService.AutoAssignment.ISSUE_OWNER));
        long issue = issueOf(ingest("com.acme.payments.PaymentService", "CardDeclined"));

        // alerting handles the new-issue signal (the digest pokes the engine) and assigns first; runOnce waits for it
        engine.runOnce();
        JsonNode json = api.get(tenant.ownerToken(), "/api/0/issues/" + issue + "/").json();
        assertThat(json.path("assignedTo").path("type").asString()).isEqualTo("user");
        assertThat(json.path("assignedTo").path("id").asString()).isEqualTo(String.valueOf(tenant.user().id()));
        JsonNode activity = activities(issue).get(0);
        assertThat(activity.path("type").asString()).isEqualTo("assigned");
        assertThat(activity.toString()).contains(OwnershipService.ASSIGNED_BY_RULE).contains("module:com.acme.payments.*");
        assertThat(ownership.autoAssign(issue)).isEmpty();

        // the team rule matches a frame of another module; a team is a valid assignee
        long teamIssue = issueOf(ingest("com.acme.inventory.Stock", "OutOfStock"));
        engine.runOnce();
        assertThat(api.get(tenant.ownerToken(), "/api/0/issues/" + teamIssue + "/").json().path("assignedTo").path("type").asString())
                .isEqualTo("team");
        // no rule matches the frame: nothing happens
        long orphan = issueOf(ingest("org.other.Thing", "Other"));
        engine.runOnce();
        assertThat(ownership.autoAssign(orphan)).isEmpty();
        assertThat(api.get(tenant.ownerToken(), "/api/0/issues/" + orphan + "/").json().path("assignedTo").isNull()).isTrue();
    }

    @Test
    void anIssueAPersonAssignedOrUnassignedIsNeverChanged() {
        ownership.update(tenant.owner(), org, project, new OwnershipService.Change(
                "module:com.acme.* " + tenant.user().email(), null, OwnershipService.AutoAssignment.ISSUE_OWNER));
        long assigned = issueOf(ingest("com.acme.Checkout", "A"));
        ApiClient.Response r = api.put(tenant.ownerToken(), "/api/0/issues/" + assigned + "/", ApiClient.json("assignedTo", "#payments"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(ownership.autoAssign(assigned)).isEmpty();
        assertThat(api.get(tenant.ownerToken(), "/api/0/issues/" + assigned + "/").json().path("assignedTo").path("type").asString())
                .isEqualTo("team");

        long unassigned = issueOf(ingest("com.acme.Checkout", "B"));
        api.put(tenant.ownerToken(), "/api/0/issues/" + unassigned + "/", ApiClient.json("assignedTo", tenant.user().email()));
        api.put(tenant.ownerToken(), "/api/0/issues/" + unassigned + "/", "{\"assignedTo\":null}");
        assertThat(ownership.autoAssign(unassigned)).isEmpty();
        assertThat(api.get(tenant.ownerToken(), "/api/0/issues/" + unassigned + "/").json().path("assignedTo").isNull()).isTrue();

        ownership.update(tenant.owner(), org, project, new OwnershipService.Change(null, null, OwnershipService.AutoAssignment.OFF));
        long off = issueOf(ingest("com.acme.Checkout", "C"));
        assertThat(ownership.autoAssign(off)).isEmpty();
    }

    @Test
    void previewAndSuggestedOwnersNameTheRuleAndTheOwners() {
        String eventId = ingest("com.acme.payments.PaymentService", "CardDeclined");
        String raw = "path:PaymentService.java #payments\\nurl:https://api.example.com/payments/* " + tenant.user().email()
                + " stranger@example.com";
        ApiClient.Response preview = api.post(tenant.ownerToken(), path + "preview/",
                "{\"raw\":\"" + raw + "\",\"eventId\":\"" + eventId + "\"}");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().path("rule").path("type").asString()).isEqualTo("url");
        assertThat(preview.json().path("line").asInt()).isEqualTo(2);
        assertThat(preview.json().path("owners").get(0).path("id").asString()).isEqualTo(String.valueOf(tenant.user().id()));
        assertThat(preview.json().path("owners").get(1).path("source").asString()).isEqualTo("unknown");
        assertThat(api.post(tenant.ownerToken(), path + "preview/", "{\"raw\":\"path:x #payments\",\"eventId\":\""
                + "0".repeat(32) + "\"}").status()).isEqualTo(404);
        assertThat(api.post(tenant.ownerToken(), path + "preview/", "{\"raw\":\"nope\",\"eventId\":\"" + eventId + "\"}").detail())
                .contains("line 1");

        ownership.update(tenant.owner(), org, project, new OwnershipService.Change("path:*Payment* #payments", null, null));
        long issue = issueOf(eventId);
        ApiClient.Response owners = api.get(tenant.ownerToken(), "/api/0/issues/" + issue + "/owners/");
        assertThat(owners.status()).as(owners.toString()).isEqualTo(200);
        assertThat(owners.json().path("owners").get(0).path("type").asString()).isEqualTo("team");
        assertThat(owners.json().path("owners").get(0).path("source").asString()).isEqualTo("ownershipRule");
        assertThat(owners.json().path("owners").get(0).path("rule").asString()).isEqualTo("path:*Payment* #payments");
        assertThat(owners.json().path("rule").path("pattern").asString()).isEqualTo("*Payment*");
        assertThat(api.get(newTenant().ownerToken(), "/api/0/issues/" + issue + "/owners/").status()).isEqualTo(404);

        OwnershipService.Owners byJson = ownership.ownersOf(projectId, ApiClient.JSON.readTree("""
                {"exception":{"values":[{"stacktrace":{"frames":[{"filename":"PaymentService.java","in_app":true}]}}]}}"""));
        assertThat(byJson.rule().text()).isEqualTo("path:*Payment* #payments");
        assertThat(byJson.owners()).extracting(Assignee::name).containsExactly("payments");
        assertThat(ownership.ownersOf(projectId, ApiClient.JSON.readTree("{}")).matched()).isFalse();
    }
}
