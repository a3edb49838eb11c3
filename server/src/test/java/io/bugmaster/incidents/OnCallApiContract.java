package io.bugmaster.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Role;
import io.bugmaster.testing.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The on-call API as a client uses it: escalation policies, services, integrations, incidents and
 * on-calls with PagerDuty's field names, clear validation messages, and every attack across
 * organizations answered "not found" or refused.
 */
abstract class OnCallApiContract extends OnCallFixture {
    ApiClient api;
    String token;
    Tenant other;

    @BeforeEach
    void setUp() {
        setUpOrg();
        api = new ApiClient(baseUrl());
        token = tenant.ownerToken();
        other = newTenant();
    }

    String base() {
        return "/api/0/organizations/" + org;
    }

    ApiClient.Response created(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r;
    }

    String policyJson(long userId) {
        return """
                {"name": "Primary then secondary", "num_loops": 1, "escalation_rules": [
                  {"escalation_delay_in_minutes": 5, "targets": [{"type": "user_reference", "id": "%d"}]},
                  {"escalation_delay_in_minutes": 10, "targets": [{"type": "user_reference", "id": "%d"}]}]}"""
                .formatted(userId, secondary.id());
    }

    @Test
    void aPolicyAServiceAndAnIntegrationAsPagerDutyUsersWriteThem() {
        JsonNode policy = created(api.post(token, base() + "/escalation-policies/", policyJson(primary.id()))).json();
        assertThat(policy.get("num_loops").asInt()).isEqualTo(1);
        assertThat(policy.get("escalation_rules").get(1).get("targets").get(0).get("type").asText()).isEqualTo("user_reference");
        String policyId = policy.get("id").asText();

        JsonNode service = created(api.post(token, base() + "/services/", """
                {"name": "Checkout", "escalation_policy": {"id": "%s"}, "acknowledgement_timeout": 600, "auto_resolve_timeout": null,
                 "urgency": "severity_based", "runbook": "## Restart\\nkubectl rollout restart deploy/checkout"}""".formatted(policyId))).json();
        assertThat(service.get("escalation_policy").get("id").asText()).isEqualTo(policyId);
        assertThat(service.get("acknowledgement_timeout").asInt()).isEqualTo(600);
        assertThat(service.get("alert_grouping").get("type").asText()).isEqualTo("none");
        String serviceId = service.get("id").asText();

        JsonNode integration = created(api.post(token, base() + "/services/" + serviceId + "/integrations/", "{\"type\": \"events_api_v2\"}")).json();
        assertThat(integration.get("integration_key").asText()).matches("[0-9a-f]{32}");
        assertThat(integration.get("url").asText()).isEqualTo("http://localhost:8080/v2/enqueue");
        ApiClient.Response list = api.get(token, base() + "/services/" + serviceId + "/integrations/");
        assertThat(list.json().get(0).get("integration_key").isNull()).as("the key is shown once").isTrue();

        ApiClient.Response changed = api.put(token, base() + "/services/" + serviceId + "/", "{\"urgency\": \"low\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().get("urgency").asText()).isEqualTo("low");
        assertThat(changed.json().get("acknowledgement_timeout").asInt()).as("fields left out keep their values").isEqualTo(600);

        ApiClient.Response inUse = api.delete(token, base() + "/escalation-policies/" + policyId + "/");
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.detail()).contains("used by a service");

        JsonNode oncalls = api.get(token, base() + "/oncalls/?at=2026-03-29T09:00:00%2B02:00").json();
        assertThat(oncalls).hasSize(2);
        assertThat(oncalls.get(0).get("user").get("email").asText()).isEqualTo(primary.email());
        assertThat(oncalls.get(0).get("escalation_level").asInt()).isEqualTo(1);
        assertThat(oncalls.get(1).get("escalation_policy").get("id").asText()).isEqualTo(policyId);
    }

    @Test
    void badInputGetsAMessageThatSaysWhatIsWrong() {
        assertThat(api.post(token, base() + "/escalation-policies/", """
                {"name": "x", "escalation_rules": [{"escalation_delay_in_minutes": 5, "targets": [{"type": "group", "id": "1"}]}]}""")
                .detail()).contains("escalation_rules[0].targets[0].type").contains("user_reference");
        assertThat(api.post(token, base() + "/escalation-policies/", """
                {"name": "x", "escalation_rules": [{"targets": [{"type": "user_reference", "id": "1"}]}]}""")
                .detail()).contains("escalation_delay_in_minutes");
        assertThat(api.post(token, base() + "/escalation-policies/", "{\"name\": \"x\", \"escalation_rules\": []}").detail())
                .contains("at least one level");
        ApiClient.Response badService = api.post(token, base() + "/services/", "{\"name\": \"s\", \"urgency\": \"urgent\"}");
        assertThat(badService.status()).isEqualTo(400);
        assertThat(badService.detail()).contains("urgency").contains("severity_based");
        assertThat(api.post(token, base() + "/services/", "{\"name\": \"s\", \"acknowledgement_timeout\": \"30m\"}").detail())
                .contains("acknowledgement_timeout");
        assertThat(api.post(token, base() + "/services/", "{\"name\": \"s\", \"colour\": \"red\"}").detail()).contains("colour");
        assertThat(api.post(token, base() + "/services/", "{\"name\": \"s\", \"urgency\": \"support_hours\"}").detail())
                .contains("support_hours");
        String serviceId = created(api.post(token, base() + "/services/", "{\"name\": \"ok\"}")).json().get("id").asText();
        assertThat(api.post(token, base() + "/services/" + serviceId + "/integrations/", "{\"type\": \"nagios\"}").detail())
                .contains("events_api_v2, alertmanager, generic");
        assertThat(api.get(token, base() + "/oncalls/?at=tomorrow").detail()).contains("at");
    }

    @Test
    void anotherOrganizationsPeopleTeamsPoliciesAndServicesAreNotTheirs() {
        // a policy that targets another organization's user or team
        String foreignUser = api.post(token, base() + "/escalation-policies/", policyJson(other.user().id())).detail();
        assertThat(foreignUser).contains("no member of this organization has user id " + other.user().id());
        long foreignTeam = organizations.createTeam(other.owner(), other.org().slug(), "Theirs", unique("theirs")).id();
        assertThat(api.post(token, base() + "/escalation-policies/", """
                {"name": "t", "escalation_rules": [{"escalation_delay_in_minutes": 5, "targets": [{"type": "team_reference", "id": "%d"}]}]}"""
                .formatted(foreignTeam)).detail()).contains("no team with id " + foreignTeam);
        assertThat(api.post(token, base() + "/escalation-policies/", """
                {"name": "t", "escalation_rules": [{"escalation_delay_in_minutes": 5, "targets": [{"type": "schedule_reference", "id": "1"}]}]}""")
                .detail()).contains("no schedule with id 1");

        // their policy, service, integration and incident, seen from here
        String theirs = "/api/0/organizations/" + other.org().slug();
        String theirPolicy = created(api.post(other.ownerToken(), theirs + "/escalation-policies/", """
                {"name": "theirs", "escalation_rules": [{"escalation_delay_in_minutes": 5, "targets": [{"type": "user_reference", "id": "%d"}]}]}"""
                .formatted(other.user().id()))).json().get("id").asText();
        String theirService = created(api.post(other.ownerToken(), theirs + "/services/", "{\"name\": \"theirs\"}")).json().get("id").asText();
        String theirIntegration = created(api.post(other.ownerToken(), theirs + "/services/" + theirService + "/integrations/",
                "{\"type\": \"generic\"}")).json().get("id").asText();
        intake.apply(intake.integrationByKey(services.createIntegration(other.owner(), other.org().slug(), theirService, "events_api_v2", null)
                .integrationKey()).orElseThrow(), trigger("theirs", "their incident", "critical"));

        assertThat(api.post(token, base() + "/services/", "{\"name\": \"x\", \"escalation_policy\": {\"id\": \"" + theirPolicy + "\"}}").detail())
                .contains("no escalation policy with id " + theirPolicy);
        assertThat(api.get(token, base() + "/escalation-policies/" + theirPolicy + "/").status()).isEqualTo(404);
        assertThat(api.put(token, base() + "/escalation-policies/" + theirPolicy + "/", policyJson(primary.id())).status()).isEqualTo(404);
        assertThat(api.delete(token, base() + "/escalation-policies/" + theirPolicy + "/").status()).isEqualTo(404);
        assertThat(api.get(token, base() + "/services/" + theirService + "/").status()).isEqualTo(404);
        assertThat(api.put(token, base() + "/services/" + theirService + "/", "{\"name\": \"mine\"}").status()).isEqualTo(404);
        assertThat(api.delete(token, base() + "/services/" + theirService + "/").status()).isEqualTo(404);
        assertThat(api.get(token, base() + "/services/" + theirService + "/integrations/").status()).isEqualTo(404);
        assertThat(api.post(token, base() + "/services/" + theirService + "/integrations/", "{\"type\": \"generic\"}").status()).isEqualTo(404);
        String mine = created(api.post(token, base() + "/services/", "{\"name\": \"mine\"}")).json().get("id").asText();
        assertThat(api.post(token, base() + "/services/" + mine + "/integrations/" + theirIntegration + "/rotate/", "{}").status()).isEqualTo(404);
        assertThat(api.delete(token, base() + "/services/" + mine + "/integrations/" + theirIntegration + "/").status()).isEqualTo(404);
        assertThat(api.get(token, base() + "/incidents/1/").status()).isEqualTo(404);
        assertThat(api.post(token, base() + "/incidents/1/acknowledge/", "{}").status()).isEqualTo(404);
        assertThat(api.post(token, base() + "/incidents/1/resolve/", "{}").status()).isEqualTo(404);
        assertThat(api.get(token, base() + "/incidents/1/log/").status()).isEqualTo(404);
        assertThat(api.get(token, base() + "/incidents/").json()).isEmpty();
        // their organization's paths with this organization's token
        assertThat(api.get(token, theirs + "/incidents/1/").status()).isIn(403, 404);
        assertThat(api.get(token, theirs + "/services/").status()).isIn(403, 404);
    }

    @Test
    void incidentsAreListedReadAcknowledgedAndResolvedByNumber() {
        String policyId = created(api.post(token, base() + "/escalation-policies/", policyJson(primary.id()))).json().get("id").asText();
        ServiceDefinition s = service(Long.parseLong(policyId), Map.of());
        intake.apply(integration(s), trigger("api-1", "Orders stuck", "critical"));
        engine.runOnce();

        JsonNode triggered = api.get(token, base() + "/incidents/?statuses=triggered").json();
        assertThat(triggered).hasSize(1);
        JsonNode incident = triggered.get(0);
        assertThat(incident.get("incident_number").asLong()).isEqualTo(1);
        assertThat(incident.get("title").asText()).isEqualTo("Orders stuck");
        assertThat(incident.get("urgency").asText()).isEqualTo("high");
        assertThat(incident.get("service").get("id").asText()).isEqualTo(Long.toString(s.id()));
        assertThat(incident.get("assignments").get(0).get("assignee").get("email").asText()).isEqualTo(primary.email());

        String viewer = memberToken(tenant, Role.VIEWER);
        assertThat(api.post(viewer, base() + "/incidents/1/acknowledge/", "{}").status()).isEqualTo(403);
        String member = memberToken(tenant, Role.MEMBER);
        JsonNode acked = api.post(member, base() + "/incidents/1/acknowledge/", "{}").json();
        assertThat(acked.get("status").asText()).isEqualTo("acknowledged");
        assertThat(acked.get("acknowledged_at").asText()).isNotEmpty();
        assertThat(api.get(token, base() + "/incidents/?statuses=triggered").json()).isEmpty();
        JsonNode resolved = api.post(token, base() + "/incidents/1/resolve/", "{}").json();
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(api.post(token, base() + "/incidents/1/acknowledge/", "{}").status()).isEqualTo(409);

        JsonNode log = api.get(token, base() + "/incidents/1/log/").json();
        assertThat(log.findValuesAsString("type")).containsExactly("triggered", "notified", "acknowledged", "resolved");
        assertThat(log.get(1).get("message").asText()).contains(primary.email());
        assertThat(log.get(2).get("via").asText()).isEqualTo("api");
        assertThat(api.get(token, base() + "/incidents/?statuses=open").detail()).contains("triggered, acknowledged or resolved");
    }
}
