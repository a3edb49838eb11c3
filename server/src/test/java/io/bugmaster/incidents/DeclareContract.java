package io.bugmaster.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.TestIssues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Declaring and running incidents by hand, as the API's clients do: any member declares (not only
 * admins), the first impacted service's policy pages, priorities and stages change with a log line
 * and a signal, a resolved incident stays resolved, error issues are linked, and the organization's
 * priorities are its own. Another organization's services and issues are refused.
 */
abstract class DeclareContract extends OnCallFixture {
    @Autowired ProjectService projects;

    ApiClient api;
    String token;
    String memberToken;
    Tenant other;
    ServiceDefinition orders;
    ServiceDefinition payments;
    String projectSlug;
    long projectId;
    ProjectKey key;

    @BeforeEach
    void setUp() {
        setUpOrg();
        api = new ApiClient(baseUrl());
        token = tenant.ownerToken();
        memberToken = memberToken(tenant, Role.MEMBER);
        other = newTenant();
        orders = service(policy(0, level(5, primary)).id(), Map.of("urgency", "severity_based"));
        payments = service(null, Map.of());
        projectSlug = unique("shop");
        projectId = projects.create(owner, org, org, "Shop", projectSlug, "java").project().id();
        key = projects.listKeys(owner, org, projectSlug).get(0);
    }

    String base() {
        return "/api/0/organizations/" + org;
    }

    long issue(String message) {
        return TestIssues.issue(baseUrl(), token, org, projectSlug, projectId, key, message);
    }

    ApiClient.Response declare(String tokenToUse, Object... fields) {
        return api.post(tokenToUse, base() + "/incidents/", ApiClient.json(fields));
    }

    JsonNode declared(Object... fields) {
        ApiClient.Response r = declare(memberToken, fields);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    ApiClient.Response update(String number, Object... fields) {
        return api.put(memberToken, base() + "/incidents/" + number + "/", ApiClient.json(fields));
    }

    Incident byNumber(long number) {
        return incidents.get(owner, org, Long.toString(number)).incident();
    }

    @Test
    void aMemberWhoIsNotAnAdminDeclaresAndTheFirstServicesPolicyPages() {
        long issueId = issue("Orders API returns 500");
        JsonNode i = declared("title", "Brands see no orders", "service_ids", List.of(Long.toString(orders.id()), payments.id()),
                "priority", 2, "description", "Support: **three brands** report an empty order list.", "issue_id", Long.toString(issueId));

        assertThat(i.get("title").asString()).isEqualTo("Brands see no orders");
        assertThat(i.get("priority").get("level").asInt()).isEqualTo(2);
        assertThat(i.get("priority").get("label").asString()).isEqualTo("P2");
        assertThat(i.get("stage").asString()).isEqualTo("investigating");
        assertThat(i.get("status").asString()).isEqualTo("triggered");
        assertThat(i.get("urgency").asString()).as("P2 is critical; the service's rule makes critical high").isEqualTo("high");
        assertThat(i.get("description").asString()).contains("three brands");
        assertThat(i.get("service").get("id").asString()).isEqualTo(Long.toString(orders.id()));
        assertThat(i.get("impacted_services").findValuesAsString("id")).containsExactly(Long.toString(orders.id()),
                Long.toString(payments.id()));
        assertThat(i.get("linked_issues").get(0).get("id").asString()).isEqualTo(Long.toString(issueId));
        assertThat(i.get("linked_issues").get(0).get("shortId").asString()).startsWith(projectSlug.toUpperCase());
        assertThat(i.get("linked_issues").get(0).get("title").asString()).contains("Orders API returns 500");
        assertThat(i.get("linked_issues").get(0).get("link").asString()).endsWith("/orgs/" + org + "/issues/" + issueId);
        String declarer = i.get("declared_by").get("email").asString();
        assertThat(declarer).isNotEqualTo(tenant.user().email());

        engine.runOnce();
        Incident incident = byNumber(i.get("incident_number").asLong());
        assertThat(paged(incident)).containsExactly(primary.id());
        assertThat(logKinds(incident)).startsWith("triggered", "declared");
        assertThat(db.sql("SELECT message FROM incident_log WHERE incident_id = ? AND kind = 'declared'").param(incident.id())
                .query(String.class).single()).isEqualTo("Declared by " + declarer + " as P2 on " + orders.name() + ", " + payments.name()
                + "; linked issue " + i.get("linked_issues").get(0).get("shortId").asString());
        assertThat(signalKinds(incident)).contains("incident.triggered", "incident.declared");

        JsonNode low = declared("title", "Typo on the receipt", "service_ids", List.of(orders.id()), "priority", "P4");
        assertThat(low.get("urgency").asString()).as("P4 is a warning: low urgency on a severity-based service").isEqualTo("low");
        assertThat(low.get("linked_issues")).isEmpty();
        assertThat(low.get("description").isNull()).isTrue();

        String viewer = memberToken(tenant, Role.VIEWER);
        assertThat(declare(viewer, "title", "x", "service_ids", List.of(orders.id()), "priority", 1).status()).isEqualTo(403);
    }

    @Test
    void badDeclarationsGetAMessageNamingTheField() {
        String svc = Long.toString(orders.id());
        assertThat(declare(memberToken, "service_ids", List.of(svc), "priority", 2).detail()).startsWith("title:");
        assertThat(declare(memberToken, "title", "  ", "service_ids", List.of(svc), "priority", 2).detail()).startsWith("title:");
        assertThat(declare(memberToken, "title", "x".repeat(256), "service_ids", List.of(svc), "priority", 2).detail())
                .contains("title: at most 255 characters");
        assertThat(declare(memberToken, "title", "t", "priority", 2).detail()).startsWith("service_ids:").contains("at least one");
        assertThat(declare(memberToken, "title", "t", "service_ids", svc, "priority", 2).detail()).startsWith("service_ids:");
        assertThat(declare(memberToken, "title", "t", "service_ids", java.util.Collections.nCopies(21, svc), "priority", 2).detail())
                .contains("at most 20");
        assertThat(declare(memberToken, "title", "t", "service_ids", List.of("abc"), "priority", 2).detail()).startsWith("service_ids[0]:");
        assertThat(declare(memberToken, "title", "t", "service_ids", List.of(svc)).detail()).startsWith("priority:").contains("if unsure");
        ApiClient.Response p7 = declare(memberToken, "title", "t", "service_ids", List.of(svc), "priority", 7);
        assertThat(p7.status()).isEqualTo(400);
        assertThat(p7.detail()).isEqualTo("priority: this organization's priorities are levels 1 to 5 (P1, P2, P3, P4, P5); got 7");
        assertThat(declare(memberToken, "title", "t", "service_ids", List.of(svc), "priority", "urgent").detail()).startsWith("priority:");
        assertThat(declare(memberToken, "title", "t", "service_ids", List.of(svc), "priority", 2, "description", "d".repeat(10_001))
                .detail()).contains("description: at most 10000 characters");
        assertThat(declare(memberToken, "title", "t", "service_ids", List.of(svc), "priority", 2, "severity", "high").detail())
                .startsWith("severity: unknown field");
        assertThat(api.post(memberToken, base() + "/incidents/", "[1]").status()).isEqualTo(400);
        assertThat(api.post(memberToken, base() + "/incidents/", "{not json").status()).isEqualTo(400);

        // another organization's service and issue are not this organization's
        ServiceDefinition theirs = services.create(other.owner(), other.org().slug(), Map.of("name", "theirs"));
        ApiClient.Response foreignService = declare(memberToken, "title", "t", "service_ids", List.of(svc, theirs.id()), "priority", 2);
        assertThat(foreignService.status()).isEqualTo(400);
        assertThat(foreignService.detail()).isEqualTo("service_ids: no service with id " + theirs.id() + " in this organization");
        String theirProject = unique("theirs");
        long theirProjectId = projects.create(other.owner(), other.org().slug(), other.org().slug(), "Theirs", theirProject, "java")
                .project().id();
        long theirIssue = TestIssues.issue(baseUrl(), other.ownerToken(), other.org().slug(), theirProject, theirProjectId,
                projects.listKeys(other.owner(), other.org().slug(), theirProject).get(0), "their secret");
        ApiClient.Response foreignIssue = declare(memberToken, "title", "t", "service_ids", List.of(svc), "priority", 2, "issue_id",
                Long.toString(theirIssue));
        assertThat(foreignIssue.detail()).isEqualTo("issue_id: no error issue with id " + theirIssue + " in this organization");
        assertThat(api.get(token, base() + "/incidents/").json()).as("nothing was declared").isEmpty();
    }

    @Test
    void priorityStageDescriptionAndServicesChangeWithALogLineAndResolvedStaysResolved() {
        JsonNode i = declared("title", "Checkout slow", "service_ids", List.of(orders.id()), "priority", 3);
        String n = i.get("id").asString();
        Incident incident = byNumber(Long.parseLong(n));

        JsonNode raised = update(n, "priority", 1).json();
        assertThat(raised.get("priority").get("label").asString()).isEqualTo("P1");
        JsonNode identified = update(n, "stage", "identified", "title", "Checkout slow: DB pool exhausted", "description", "Pool at 100%",
                "impacted_services", List.of(orders.id(), payments.id())).json();
        assertThat(identified.get("stage").asString()).isEqualTo("identified");
        assertThat(identified.get("status").asString()).as("the paging status stays underneath").isEqualTo("triggered");
        assertThat(identified.get("title").asString()).isEqualTo("Checkout slow: DB pool exhausted");
        assertThat(identified.get("impacted_services")).hasSize(2);
        JsonNode fewer = update(n, "impacted_services", List.of(Map.of("id", Long.toString(orders.id()))), "description", null).json();
        assertThat(fewer.get("impacted_services").findValuesAsString("id")).containsExactly(Long.toString(orders.id()));
        assertThat(fewer.get("description").isNull()).isTrue();
        ApiClient.Response withoutOwn = update(n, "impacted_services", List.of(payments.id()));
        assertThat(withoutOwn.status()).isEqualTo(400);
        assertThat(withoutOwn.detail()).contains("impacted_services: keep '" + orders.name() + "'");
        assertThat(update(n, "stage", "fixed").detail()).contains("investigating, identified, monitoring, resolved");
        assertThat(update(n, "priority", 9).detail()).contains("levels 1 to 5");
        assertThat(update(n, "urgency", "low").detail()).startsWith("urgency: unknown field");

        update(n, "stage", "monitoring");
        JsonNode resolved = update(n, "stage", "resolved").json();
        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        assertThat(resolved.get("stage").asString()).isEqualTo("resolved");
        ApiClient.Response back = update(n, "stage", "investigating");
        assertThat(back.status()).isEqualTo(409);
        assertThat(back.detail()).contains("is resolved and stays resolved").contains("declare a new incident");
        assertThat(api.get(token, base() + "/incidents/" + n + "/").json().get("stage").asString()).isEqualTo("resolved");
        assertThat(update(n, "priority", 2).status()).as("a resolved incident may still be re-rated").isEqualTo(200);

        List<String> messages = db.sql("SELECT message FROM incident_log WHERE incident_id = ? AND kind IN ('priority', 'stage') ORDER BY id")
                .param(incident.id()).query(String.class).list();
        String who = i.get("declared_by").get("email").asString();
        assertThat(messages).containsExactly("Priority P3 -> P1 by " + who, "Stage investigating -> identified by " + who,
                "Stage identified -> monitoring by " + who, "Priority P1 -> P2 by " + who);
        assertThat(db.sql("SELECT stage FROM incident_stage_changes WHERE incident_id = ? ORDER BY at, stage").param(incident.id())
                .query(String.class).list()).containsExactlyInAnyOrder("investigating", "identified", "monitoring", "resolved");
        assertThat(signalKinds(incident)).contains("incident.priority_changed", "incident.stage_changed", "incident.resolved");
        assertThat(logKinds(incident)).contains("title", "description", "services", "resolved");
    }

    @Test
    void anIncidentAnAlertOpenedIsDeclaredWhenSomeoneGivesItAPriority() {
        intake.apply(integration(orders), trigger("db-1", "Disk full on db-1", "critical"));
        Incident opened = incidentOf(tenant.org().id(), "db-1");
        JsonNode before = api.get(token, base() + "/incidents/" + opened.number() + "/").json();
        assertThat(before.get("priority").isNull()).isTrue();
        assertThat(before.get("declared_by").isNull()).isTrue();
        assertThat(before.get("impacted_services").findValuesAsString("id")).containsExactly(Long.toString(orders.id()));
        assertThat(api.get(token, base() + "/incidents/?declared=true").json()).isEmpty();

        JsonNode after = update(Long.toString(opened.number()), "priority", 2).json();
        assertThat(after.get("priority").get("level").asInt()).isEqualTo(2);
        assertThat(after.get("declared_by").get("email").asString()).isNotEmpty();
        assertThat(api.get(token, base() + "/incidents/?declared=true").json()).hasSize(1);
        assertThat(signalKinds(opened)).contains("incident.priority_changed");
        assertThat(db.sql("SELECT message FROM incident_log WHERE incident_id = ? AND kind = 'priority'").param(opened.id())
                .query(String.class).single()).startsWith("Declared by ").endsWith(" as P2");
    }

    @Test
    void errorIssuesAreLinkedAndUnlinkedOnlyFromTheOrganization() {
        String n = declared("title", "Payments fail", "service_ids", List.of(orders.id()), "priority", 2).get("id").asString();
        long first = issue("CardDeclined: insufficient funds");
        ApiClient.Response linked = api.post(memberToken, base() + "/incidents/" + n + "/issues/", ApiClient.json("issue_id", first));
        assertThat(linked.status()).as(linked.toString()).isEqualTo(201);
        assertThat(linked.json().get("linked_issues").findValuesAsString("id")).containsExactly(Long.toString(first));
        assertThat(api.post(memberToken, base() + "/incidents/" + n + "/issues/", ApiClient.json("issue_id", Long.toString(first))).json()
                .get("linked_issues")).as("linking twice changes nothing").hasSize(1);
        assertThat(api.get(token, base() + "/incidents/" + n + "/issues/").json().get(0).get("shortId").asString()).isNotEmpty();
        assertThat(api.post(memberToken, base() + "/incidents/" + n + "/issues/", "{}").detail()).startsWith("issue_id:");
        assertThat(api.post(memberToken, base() + "/incidents/" + n + "/issues/", ApiClient.json("issue_id", 99_999_999)).detail())
                .isEqualTo("issue_id: no error issue with id 99999999 in this organization");

        ApiClient.Response unlinked = api.delete(memberToken, base() + "/incidents/" + n + "/issues/" + first + "/");
        assertThat(unlinked.status()).isEqualTo(200);
        assertThat(unlinked.json().get("linked_issues")).isEmpty();
        assertThat(api.delete(memberToken, base() + "/incidents/" + n + "/issues/" + first + "/").status()).isEqualTo(404);
        Incident incident = byNumber(Long.parseLong(n));
        assertThat(logKinds(incident)).containsSubsequence("issue_linked", "issue_unlinked");

        // this organization's incident through another organization's token, and theirs from here
        assertThat(api.post(other.ownerToken(), base() + "/incidents/" + n + "/issues/", ApiClient.json("issue_id", first)).status())
                .isIn(403, 404);
        assertThat(api.put(other.ownerToken(), base() + "/incidents/" + n + "/", ApiClient.json("priority", 1)).status()).isIn(403, 404);
    }

    @Test
    void anOrganizationWritesItsOwnPriorities() {
        JsonNode defaults = api.get(memberToken, base() + "/incident-priorities/").json();
        assertThat(defaults.findValuesAsString("label")).containsExactly("P1", "P2", "P3", "P4", "P5");
        assertThat(defaults.get(0).get("update_reminder_minutes").asInt()).isEqualTo(30);

        String mine = """
                [{"label": "SEV1", "description": "Everything is down", "update_reminder_minutes": 15},
                 {"label": "SEV2", "description": "Something important is broken", "update_reminder_minutes": 60},
                 {"label": "SEV3", "description": "Minor", "update_reminder_minutes": null}]""";
        assertThat(api.put(memberToken, base() + "/incident-priorities/", mine).status()).as("org:write, not a plain member").isEqualTo(403);
        ApiClient.Response written = api.put(token, base() + "/incident-priorities/", mine);
        assertThat(written.status()).as(written.toString()).isEqualTo(200);
        assertThat(written.json().findValuesAsString("label")).containsExactly("SEV1", "SEV2", "SEV3");
        assertThat(written.json().get(2).get("level").asInt()).isEqualTo(3);
        assertThat(written.json().get(2).get("update_reminder_minutes").isNull()).isTrue();
        assertThat(api.get(other.ownerToken(), "/api/0/organizations/" + other.org().slug() + "/incident-priorities/").json())
                .as("another organization keeps the defaults").hasSize(5);

        JsonNode sev2 = declared("title", "Search slow", "service_ids", List.of(orders.id()), "priority", 2);
        assertThat(sev2.get("priority").get("label").asString()).isEqualTo("SEV2");
        assertThat(declare(memberToken, "title", "t", "service_ids", List.of(orders.id()), "priority", 4).detail())
                .contains("levels 1 to 3 (SEV1, SEV2, SEV3)");

        assertThat(api.put(token, base() + "/incident-priorities/", "[{\"label\": \"P1\", \"description\": \"d\"}]").detail())
                .contains("2 to 10 priorities");
        assertThat(api.put(token, base() + "/incident-priorities/", """
                [{"label": "P1", "description": "a"}, {"label": "p1", "description": "b"}]""").detail())
                .isEqualTo("priorities[1].label: 'p1' is used twice; each priority needs its own label");
        assertThat(api.put(token, base() + "/incident-priorities/", """
                [{"label": "P1", "description": "a", "update_reminder_minutes": 3}, {"label": "P2", "description": "b"}]""").detail())
                .startsWith("priorities[0].update_reminder_minutes: 5 to 1440 minutes");
        assertThat(api.put(token, base() + "/incident-priorities/", """
                [{"label": "P1", "description": ""}, {"label": "P2", "description": "b"}]""").detail()).startsWith("priorities[0].description");
        assertThat(api.put(token, base() + "/incident-priorities/", "{\"label\": \"P1\"}").detail()).contains("JSON list");
        assertThat(api.get(token, base() + "/incident-priorities/").json().findValuesAsString("label")).as("refused writes changed nothing")
                .containsExactly("SEV1", "SEV2", "SEV3");
    }

    @Test
    void theListIsFilteredByStagePriorityServiceTitleAndDeclared() {
        declared("title", "Brands see no orders", "service_ids", List.of(orders.id(), payments.id()), "priority", 2);
        String second = declared("title", "Refunds 100%_slow", "service_ids", List.of(payments.id()), "priority", 4).get("id").asString();
        update(second, "stage", "identified");

        assertThat(titles("")).containsExactly("Refunds 100%_slow", "Brands see no orders");
        assertThat(titles("?stage=identified")).containsExactly("Refunds 100%_slow");
        assertThat(titles("?stage=investigating,identified")).hasSize(2);
        assertThat(titles("?priority=2")).containsExactly("Brands see no orders");
        assertThat(titles("?priority=P4&priority=1")).containsExactly("Refunds 100%_slow");
        assertThat(titles("?service_id=" + payments.id())).as("impacted services count").hasSize(2);
        assertThat(titles("?service_id=" + orders.id())).containsExactly("Brands see no orders");
        assertThat(titles("?query=ORDERS")).containsExactly("Brands see no orders");
        assertThat(titles("?query=%25_")).as("% and _ are plain characters").containsExactly("Refunds 100%_slow");
        assertThat(titles("?declared=false")).isEmpty();
        assertThat(api.get(token, base() + "/incidents/?stage=done").detail()).contains("unknown stage 'done'");
        assertThat(api.get(token, base() + "/incidents/?priority=high").detail()).startsWith("priority:");
        assertThat(api.get(token, base() + "/incidents/?declared=yes").detail()).startsWith("declared:");
    }

    List<String> titles(String query) {
        ApiClient.Response r = api.get(token, base() + "/incidents/" + query);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().findValuesAsString("title");
    }
}
