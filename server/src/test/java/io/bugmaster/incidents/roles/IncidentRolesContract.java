package io.bugmaster.incidents.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.TestSchedules;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Incident roles and responders through the API, on a real incident an alert opened: the
 * organization's roles (seed 003's three first), one holder per role with the notification through
 * the pager, responders paged through a service's policy and its schedule, answered once they act,
 * and every other organization's incident, member, role, policy and service refused.
 */
abstract class IncidentRolesContract extends IntegrationTest {
    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired ScheduleService schedules;
    @Autowired AlertIntake intake;
    @Autowired JdbcClient db;

    ApiClient api;
    Tenant tenant;
    String org;
    String token;
    User ana;
    User carl;
    User dana;
    ServiceDefinition orders;
    EscalationPolicy ordersPolicy;
    long incidentId;
    long number;

    @BeforeEach
    void setUp() {
        engine.runOnce();
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        org = tenant.org().slug();
        token = tenant.ownerToken();
        ana = member();
        carl = member();
        dana = member();
        // the Orders squad's on-call: a weekly schedule whose current turn is Dana's
        long schedule = TestSchedules.weekly(schedules, tenant.owner(), org, "Orders on-call", null,
                clock.instant().minus(Duration.ofDays(1)).atZone(ZoneId.of("Europe/Paris")), List.of(dana.id(), carl.id()));
        ordersPolicy = policies.create(tenant.owner(), org, new EscalationPolicies.PolicyInput("Orders squad", null, 0, List.of(
                new PolicyRules.RuleInput(15, List.of(new PolicyRules.TargetInput("schedule_reference", Long.toString(schedule))), false))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Orders");
        body.put("escalation_policy", Map.of("id", Long.toString(ordersPolicy.id())));
        orders = services.create(tenant.owner(), org, body);
        // the incident: the global on-call's service (Ana is its only level) is paged by an alert
        EscalationPolicy global = policies.create(tenant.owner(), org, new EscalationPolicies.PolicyInput("Global on-call", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(ana.id()))), false))));
        body = new LinkedHashMap<>();
        body.put("name", "Platform");
        body.put("escalation_policy", Map.of("id", Long.toString(global.id())));
        ServiceDefinition platform = services.create(tenant.owner(), org, body);
        AlertIntake.Integration integration = intake.integrationByKey(services.createIntegration(tenant.owner(), org,
                Long.toString(platform.id()), "events_api_v2", null).integrationKey()).orElseThrow();
        intake.apply(integration, new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, "orders", "Brands see no orders", "support",
                "critical", null, null, null, null, Map.of(), List.of(), null, null));
        engine.runOnce();
        JsonNode incident = api.get(token, base() + "/incidents/").json().get(0);
        number = incident.get("incident_number").asLong();
        incidentId = db.sql("SELECT id FROM incidents WHERE org_id = ? AND number = ?").params(tenant.org().id(), number).query(Long.class)
                .single();
    }

    User member() {
        User u = newUser("password-" + unique("p"));
        join(tenant.owner(), org, u, Role.MEMBER);
        return u;
    }

    String tokenOf(User u) {
        return token(Actor.session(u.id(), u.email()), List.copyOf(Scopes.ALL));
    }

    String base() {
        return "/api/0/organizations/" + org;
    }

    String incident() {
        return base() + "/incidents/" + number;
    }

    static ApiClient.Response status(ApiClient.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }

    JsonNode roleOn(JsonNode holders, String slug) {
        for (JsonNode h : holders) {
            if (slug.equals(h.get("role").get("slug").asString())) {
                return h;
            }
        }
        throw new AssertionError("no role " + slug + " in " + holders);
    }

    /** The pages of the incident's features' own keys ({@code incident:<id>:role-assignment:%}), as user, urgency and whether stopped. */
    List<String> pages(String keyPattern) {
        return db.sql("SELECT user_id, urgency, stopped_at FROM pages WHERE page_key LIKE ? ORDER BY id").param(keyPattern)
                .query((rs, n) -> rs.getLong(1) + " " + rs.getString(2) + (rs.getObject(3) == null ? "" : " stopped")).list();
    }

    /** What the delivery queue holds for pages with keys like this: the notification's JSON. */
    List<String> queued(String keyPattern) {
        return db.sql("SELECT notification FROM notification_queue WHERE idempotency_key LIKE ? ORDER BY id").param(keyPattern)
                .query(String.class).list();
    }

    /** Now as the API writes it (milliseconds: times are stored so). */
    String now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    List<String> log(String kind) {
        return db.sql("SELECT message FROM incident_log WHERE incident_id = ? AND kind = ? ORDER BY id").params(incidentId, kind)
                .query(String.class).list();
    }

    List<String> signals(String kind) {
        return db.sql("SELECT body FROM signals WHERE subject = ? AND kind = ? ORDER BY id").params("incident:" + incidentId, kind)
                .query(String.class).list();
    }

    @Test
    void anOrganizationStartsWithSeedThreesRolesAndEditsThem() {
        JsonNode roles = status(api.get(token, base() + "/incident-roles/"), 200).json();
        assertThat(roles).extracting(r -> r.get("slug").asString()).containsExactly("incident_manager", "global_on_call", "escalated_squad_member");
        assertThat(roles.get(0).get("name").asString()).isEqualTo("Incident manager");
        assertThat(roles.get(0).get("description").asString()).contains("communicates with stakeholders");

        JsonNode comms = status(api.post(token, base() + "/incident-roles/", """
                {"name": "Communications lead", "description": "Writes the status updates"}"""), 201).json();
        assertThat(comms.get("slug").asString()).isEqualTo("communications_lead");
        assertThat(comms.get("position").asInt()).isEqualTo(3);
        assertThat(status(api.post(token, base() + "/incident-roles/", "{\"name\": \"Communications lead\"}"), 409).detail())
                .contains("'communications_lead' exists already");
        assertThat(status(api.post(token, base() + "/incident-roles/", "{\"name\": \"  \"}"), 400).detail()).contains("name");
        assertThat(status(api.post(token, base() + "/incident-roles/", "{\"name\": \"X\", \"slug\": \"Bad Slug\"}"), 400).detail())
                .contains("not a slug");
        assertThat(status(api.post(token, base() + "/incident-roles/", "{\"name\": \"" + "n".repeat(65) + "\"}"), 400).detail())
                .contains("at most 64");

        String id = comms.get("id").asString();
        JsonNode renamed = status(api.put(token, base() + "/incident-roles/" + id + "/", "{\"name\": \"Comms lead\"}"), 200).json();
        assertThat(renamed.get("name").asString()).isEqualTo("Comms lead");
        assertThat(renamed.get("description").asString()).as("what is left out keeps its value").isEqualTo("Writes the status updates");

        // a member reads the roles and assigns them, but does not define them
        String member = tokenOf(ana);
        assertThat(status(api.get(member, base() + "/incident-roles/"), 200).json()).hasSize(4);
        status(api.post(member, base() + "/incident-roles/", "{\"name\": \"Scribe\"}"), 403);
        status(api.delete(member, base() + "/incident-roles/" + id + "/"), 403);

        status(api.delete(token, base() + "/incident-roles/" + id + "/"), 204);
        assertThat(status(api.get(token, base() + "/incident-roles/"), 200).json()).hasSize(3);
        status(api.get(token, base() + "/incident-roles/" + id + "/"), 404);
        // the slug is free again for a new role
        status(api.post(token, base() + "/incident-roles/", "{\"name\": \"Comms\", \"slug\": \"communications_lead\"}"), 201);
    }

    @Test
    void assigningARoleNotifiesTheHolderAndReplacesThePreviousOne() {
        JsonNode assigned = status(api.post(token, incident() + "/roles/", "{\"role\": \"incident_manager\", \"user_id\": \"" + ana.id() + "\"}"),
                201).json();
        assertThat(assigned.get("holder").get("user").get("email").asString()).isEqualTo(ana.email());
        assertThat(assigned.get("holder").get("assigned_by").get("email").asString()).isEqualTo(tenant.user().email());
        assertThat(assigned.get("holder").get("assigned_at").asString()).isEqualTo(now());
        // Ana is told through the pager at low urgency (her default rule: email at once), under a key of this assignment
        String anaKeys = "incident:" + incidentId + ":role-assignment:%";
        assertThat(pages(anaKeys)).containsExactly(ana.id() + " LOW");
        assertThat(queued(anaKeys)).singleElement().asString().contains("You are now Incident manager on this incident")
                .contains("incident.role_assigned").contains("Brands see no orders").contains("\"urgency\":\"low\"")
                .doesNotContain("\"urgency\":\"high\"");
        assertThat(log("role")).singleElement().asString().contains(" is now Incident manager (assigned by ");
        assertThat(signals("incident.role_assigned")).singleElement().asString().contains("\"role\":\"incident_manager\"");

        // assigning her again changes nothing, and pages nobody twice
        status(api.post(token, incident() + "/roles/", "{\"role\": \"incident_manager\", \"user_id\": " + ana.id() + "}"), 201);
        assertThat(log("role")).hasSize(1);
        assertThat(pages(anaKeys)).hasSize(1);

        clock.advance(Duration.ofMinutes(5));
        // by id as well as slug; Carl takes over: Ana's assignment ends and what is left of her notification stops
        String roleId = roleOn(status(api.get(token, incident() + "/roles/"), 200).json(), "incident_manager").get("role").get("id").asString();
        JsonNode replaced = status(api.post(token, incident() + "/roles/", "{\"role\": \"" + roleId + "\", \"user_id\": " + carl.id() + "}"),
                201).json();
        assertThat(replaced.get("holder").get("user").get("email").asString()).isEqualTo(carl.email());
        assertThat(replaced.get("past_holders")).singleElement().satisfies(p -> {
            assertThat(p.get("user").get("email").asString()).isEqualTo(ana.email());
            assertThat(p.get("ended_at").asString()).isEqualTo(now());
        });
        assertThat(pages(anaKeys)).containsExactly(ana.id() + " LOW stopped", carl.id() + " LOW");
        assertThat(log("role")).hasSize(2).last().asString().contains("was until now");

        JsonNode holders = status(api.get(token, incident() + "/roles/"), 200).json();
        assertThat(holders).hasSize(3);
        assertThat(roleOn(holders, "global_on_call").get("holder").isNull()).isTrue();

        status(api.delete(token, incident() + "/roles/incident_manager/"), 204);
        JsonNode after = roleOn(status(api.get(token, incident() + "/roles/"), 200).json(), "incident_manager");
        assertThat(after.get("holder").isNull()).isTrue();
        assertThat(after.get("past_holders")).extracting(p -> p.get("user").get("email").asString()).containsExactly(carl.email(), ana.email());
        assertThat(log("role")).last().asString().contains("is no longer Incident manager (unassigned by");
        // nobody holds it now: unassigning again is fine
        status(api.delete(token, incident() + "/roles/incident_manager/"), 204);
        status(api.delete(token, incident() + "/roles/no_such_role/"), 404);
    }

    @Test
    void deletingARoleInUseEndsItsAssignments() {
        JsonNode role = status(api.post(token, base() + "/incident-roles/", "{\"name\": \"Scribe\"}"), 201).json();
        status(api.post(token, incident() + "/roles/", "{\"role\": \"scribe\", \"user_id\": " + carl.id() + "}"), 201);
        status(api.delete(token, base() + "/incident-roles/" + role.get("id").asString() + "/"), 204);
        JsonNode holders = status(api.get(token, incident() + "/roles/"), 200).json();
        JsonNode gone = holders.get(holders.size() - 1);
        assertThat(gone.get("role_deleted").asBoolean()).isTrue();
        assertThat(gone.get("role").get("name").asString()).isEqualTo("Scribe");
        assertThat(gone.get("holder").isNull()).isTrue();
        assertThat(gone.get("past_holders")).singleElement().satisfies(p -> assertThat(p.get("user").get("email").asString()).isEqualTo(carl.email()));
        assertThat(log("role")).last().asString().contains("is no longer Scribe: ").contains("deleted the role");
        assertThat(pages("incident:" + incidentId + ":role-assignment:%")).containsExactly(carl.id() + " LOW stopped");
        status(api.post(token, incident() + "/roles/", "{\"role\": \"scribe\", \"user_id\": " + carl.id() + "}"), 400);
    }

    @Test
    void aResponderIsPagedThroughAServicesPolicyAndItsScheduleAndAnswersByActing() {
        JsonNode added = status(api.post(token, incident() + "/responders/", "{\"service_id\": \"" + orders.id()
                + "\", \"message\": \"Orders squad: can you look at the order queue?\"}"), 201).json();
        assertThat(added).singleElement().satisfies(r -> {
            assertThat(r.get("user").get("email").asString()).isEqualTo(dana.email());
            assertThat(r.get("through").asString()).isEqualTo("service Orders, policy Orders squad, schedule Orders on-call");
            assertThat(r.get("answered").asBoolean()).isFalse();
            assertThat(r.get("message").asString()).isEqualTo("Orders squad: can you look at the order queue?");
        });
        // Dana is paged now, at the incident's urgency, about the incident (its acknowledgement stops it like the escalation's pages)
        String danaKeys = "incident:" + incidentId + ":responder:%";
        assertThat(pages(danaKeys)).containsExactly(dana.id() + " HIGH");
        assertThat(queued(danaKeys)).singleElement().asString().contains("asks you to respond (service Orders, policy Orders squad")
                .contains("can you look at the order queue?");
        assertThat(db.sql("SELECT subject FROM pages WHERE page_key LIKE ?").param(danaKeys).query(String.class).single())
                .isEqualTo("incident:" + incidentId);
        assertThat(log("responder")).singleElement().asString().contains("to respond (service Orders, policy Orders squad; asked by ");
        // counted as a page, like the escalation's, by the metrics and the postmortem
        assertThat(log("notified")).anyMatch(line -> line.startsWith("Paged " + dana.email() + ": ") && line.contains("asks you to respond"));
        assertThat(signals("incident.responders_added")).singleElement().asString().contains("\"user_ids\":[" + dana.id() + "]");

        clock.advance(Duration.ofMinutes(3));
        // someone else acting is not Dana's answer; being paged is not either
        status(api.post(token, incident() + "/roles/", "{\"role\": \"escalated_squad_member\", \"user_id\": " + dana.id() + "}"), 201);
        assertThat(status(api.get(token, incident() + "/responders/"), 200).json().get(0).get("answered").asBoolean()).isFalse();

        clock.advance(Duration.ofMinutes(1));
        status(api.post(tokenOf(dana), incident() + "/acknowledge/", null), 200);
        JsonNode answered = status(api.get(token, incident() + "/responders/"), 200).json().get(0);
        assertThat(answered.get("answered").asBoolean()).isTrue();
        assertThat(answered.get("answered_at").asString()).isEqualTo(now());
    }

    @Test
    void aPersonAskedByNameAnswersByTakingARole() {
        status(api.post(token, incident() + "/responders/", "{\"user_id\": " + carl.id() + "}"), 201);
        assertThat(pages("incident:" + incidentId + ":responder:%")).containsExactly(carl.id() + " HIGH");
        JsonNode waiting = status(api.get(token, incident() + "/responders/"), 200).json().get(0);
        assertThat(waiting.get("through").asString()).isEqualTo("by name");
        assertThat(waiting.get("answered").asBoolean()).isFalse();

        clock.advance(Duration.ofMinutes(2));
        status(api.post(tokenOf(carl), incident() + "/roles/", "{\"role\": \"incident_manager\", \"user_id\": " + carl.id() + "}"), 201);
        // he took it himself: nobody is notified about it
        assertThat(pages("incident:" + incidentId + ":role-assignment:%")).isEmpty();
        assertThat(status(api.get(token, incident() + "/responders/"), 200).json().get(0).get("answered_at").asString())
                .isEqualTo(now());
    }

    @Test
    void aPolicyWhoseLevelReachesNobodyAndBadRequestsAreRefusedClearly() {
        // a team nobody is on yet
        io.bugmaster.accounts.Team squad = organizations.createTeam(tenant.owner(), org, "Empty squad", unique("empty"));
        organizations.removeTeamMember(tenant.owner(), org, Long.toString(organizations.access(tenant.owner(), org).member().id()), squad.slug());
        EscalationPolicy empty = policies.create(tenant.owner(), org, new EscalationPolicies.PolicyInput("Nobody", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("team_reference", Long.toString(squad.id()))), false))));
        assertThat(status(api.post(token, incident() + "/responders/", "{\"escalation_policy_id\": " + empty.id() + "}"), 409).detail())
                .contains("reaches nobody now");
        assertThat(status(api.post(token, incident() + "/responders/", "{}"), 400).detail()).contains("one of user_id, escalation_policy_id");
        assertThat(status(api.post(token, incident() + "/responders/", "{\"user_id\": 1, \"service_id\": 2}"), 400).detail())
                .contains("at a time");
        assertThat(status(api.post(token, incident() + "/responders/", "{\"user_id\": \"abc\"}"), 400).detail()).contains("a number");
        assertThat(status(api.post(token, incident() + "/responders/", "{\"user_id\": " + carl.id() + ", \"message\": \"" + "m".repeat(501)
                + "\"}"), 400).detail()).contains("at most 500");
        assertThat(status(api.post(token, incident() + "/roles/", "{\"role\": \"chief\", \"user_id\": " + carl.id() + "}"), 400).detail())
                .contains("no role 'chief'").contains("incident_manager, global_on_call, escalated_squad_member");
        assertThat(status(api.post(token, incident() + "/roles/", "{\"role\": \"incident_manager\"}"), 400).detail()).contains("user_id");

        status(api.post(token, incident() + "/resolve/", null), 200);
        assertThat(status(api.post(token, incident() + "/responders/", "{\"user_id\": " + carl.id() + "}"), 409).detail()).contains("resolved");
        assertThat(pages("incident:" + incidentId + ":responder:%")).isEmpty();
    }

    @Test
    void anotherOrganizationsIncidentMemberRolePolicyAndServiceAreRefused() {
        Tenant other = newTenant();
        String otherOrg = other.org().slug();
        User stranger = newUser("password-" + unique("s"));
        join(other.owner(), otherOrg, stranger, Role.MEMBER);
        EscalationPolicy theirPolicy = policies.create(other.owner(), otherOrg, new EscalationPolicies.PolicyInput("Theirs", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(stranger.id()))), false))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Theirs");
        body.put("escalation_policy", Map.of("id", Long.toString(theirPolicy.id())));
        ServiceDefinition theirService = services.create(other.owner(), otherOrg, body);
        JsonNode theirRole = status(api.post(other.ownerToken(), "/api/0/organizations/" + otherOrg + "/incident-roles/", "{\"name\": \"Theirs\"}"),
                201).json();

        assertThat(status(api.post(token, incident() + "/roles/", "{\"role\": \"incident_manager\", \"user_id\": " + stranger.id() + "}"), 400)
                .detail()).contains("no member of this organization has user id " + stranger.id());
        assertThat(status(api.post(token, incident() + "/roles/", "{\"role\": \"" + theirRole.get("id").asString() + "\", \"user_id\": "
                + carl.id() + "}"), 400).detail()).contains("no role");
        assertThat(status(api.post(token, incident() + "/responders/", "{\"user_id\": " + stranger.id() + "}"), 400).detail())
                .contains("no member of this organization");
        assertThat(status(api.post(token, incident() + "/responders/", "{\"escalation_policy_id\": " + theirPolicy.id() + "}"), 400).detail())
                .contains("no escalation policy of this organization");
        assertThat(status(api.post(token, incident() + "/responders/", "{\"service_id\": " + theirService.id() + "}"), 400).detail())
                .contains("no service of this organization");
        assertThat(status(api.put(token, base() + "/incident-roles/" + theirRole.get("id").asString() + "/", "{\"name\": \"Mine\"}"), 404)
                .detail()).contains("not found");

        // the other organization's owner cannot reach this incident, by any path
        String theirs = other.ownerToken();
        for (ApiClient.Response r : List.of(api.get(theirs, incident() + "/roles/"), api.get(theirs, incident() + "/responders/"),
                api.post(theirs, incident() + "/roles/", "{\"role\": \"incident_manager\", \"user_id\": " + stranger.id() + "}"),
                api.post(theirs, incident() + "/responders/", "{\"user_id\": " + stranger.id() + "}"),
                api.delete(theirs, incident() + "/roles/incident_manager/"))) {
            assertThat(r.status()).as(r.toString()).isIn(403, 404);
        }
        assertThat(pages("incident:" + incidentId + ":role-assignment:%")).isEmpty();
        assertThat(pages("incident:" + incidentId + ":responder:%")).isEmpty();
        assertThat(log("role")).isEmpty();
    }

    @Test
    void twoPeopleAssigningTheSameRoleAtOnceLeaveOneHolder() throws Exception {
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        List<java.util.concurrent.CompletableFuture<ApiClient.Response>> both = List.of(ana, carl).stream()
                .map(u -> java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return api.post(token, incident() + "/roles/", "{\"role\": \"incident_manager\", \"user_id\": " + u.id() + "}");
                })).toList();
        for (var f : both) {
            assertThat(f.get().status()).as(f.get().toString()).isIn(201, 409);
        }
        assertThat(db.sql("SELECT COUNT(*) FROM incident_role_assignments WHERE incident_id = ? AND ended_at IS NULL").param(incidentId)
                .query(Long.class).single()).isEqualTo(1);
        JsonNode manager = roleOn(status(api.get(token, incident() + "/roles/"), 200).json(), "incident_manager");
        assertThat(manager.get("holder").get("user").get("email").asString()).isIn(ana.email(), carl.email());
    }

    @Test
    void aViewerReadsTheRolesAndRespondersButChangesNothing() {
        User viewer = newUser("password-" + unique("v"));
        join(tenant.owner(), org, viewer, Role.VIEWER);
        String theirs = tokenOf(viewer);
        status(api.get(theirs, incident() + "/roles/"), 200);
        status(api.get(theirs, incident() + "/responders/"), 200);
        status(api.post(theirs, incident() + "/roles/", "{\"role\": \"incident_manager\", \"user_id\": " + viewer.id() + "}"), 403);
        status(api.post(theirs, incident() + "/responders/", "{\"user_id\": " + ana.id() + "}"), 403);
        status(api.get(token, base() + "/incidents/9999/roles/"), 404);
        assertThat(log("role")).isEmpty();
        assertThat(log("responder")).isEmpty();
    }
}
