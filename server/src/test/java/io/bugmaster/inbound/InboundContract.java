package io.bugmaster.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dikhan.pagerduty.client.events.PagerDutyEventsClient;
import com.github.dikhan.pagerduty.client.events.domain.AcknowledgeIncident;
import com.github.dikhan.pagerduty.client.events.domain.ChangeEvent;
import com.github.dikhan.pagerduty.client.events.domain.ChangeEventPayload;
import com.github.dikhan.pagerduty.client.events.domain.EventResult;
import com.github.dikhan.pagerduty.client.events.domain.LinkContext;
import com.github.dikhan.pagerduty.client.events.domain.Payload;
import com.github.dikhan.pagerduty.client.events.domain.ResolveIncident;
import com.github.dikhan.pagerduty.client.events.domain.Severity;
import com.github.dikhan.pagerduty.client.events.domain.TriggerIncident;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The receivers end to end, through the real alert intake: PagerDuty's dedup table case by case,
 * change events, the per-key rate, keys of the wrong kind, both webhooks, and pagerduty-client
 * 3.1.2 as a real sender. Services and integrations are made through the REST API, and what each
 * event did is read back from the service's incidents.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class InboundContract extends IntegrationTest {
    Tenant tenant;
    InboundServices services;
    String serviceId;
    InboundServices.Integration events;

    @BeforeEach
    void service() {
        tenant = newTenant();
        services = new InboundServices(baseUrl(), tenant.ownerToken(), tenant.org().slug());
        serviceId = services.service("Checkout " + unique("s"));
        events = services.integration(serviceId, "events_api_v2");
    }

    ApiClient.Response post(String path, String body) {
        return new ApiClient(baseUrl()).raw("POST", null, path, HttpRequest.BodyPublishers.ofString(body), "application/json");
    }

    ApiClient.Response event(String action, String dedupKey) {
        String dedup = dedupKey == null ? "" : ",\"dedup_key\":\"" + dedupKey + "\"";
        return post("/v2/enqueue", "{\"routing_key\":\"" + events.key() + "\",\"event_action\":\"" + action + "\"" + dedup
                + ",\"payload\":{\"summary\":\"Checkout errors over 5%\",\"source\":\"api-1\",\"severity\":\"critical\"}}");
    }

    void accepted(ApiClient.Response response, String dedupKey) {
        assertThat(response.status()).as("%s", response).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"" + dedupKey + "\"}");
    }

    @Test
    void pagerDutysDedupTableCaseByCase() {
        accepted(event("trigger", "cart-5xx"), "cart-5xx");
        assertThat(services.alerts(serviceId)).as("a trigger opens an alert").containsExactly("cart-5xx open");
        accepted(event("trigger", "cart-5xx"), "cart-5xx");
        assertThat(services.alerts(serviceId)).as("a repeated trigger joins the open alert").containsExactly("cart-5xx open");
        accepted(event("acknowledge", "cart-5xx"), "cart-5xx");
        assertThat(services.alerts(serviceId)).containsExactly("cart-5xx acknowledged");
        accepted(event("trigger", "cart-5xx"), "cart-5xx");
        assertThat(services.alerts(serviceId)).as("a trigger while acknowledged opens nothing new").hasSize(1);
        accepted(event("resolve", "cart-5xx"), "cart-5xx");
        assertThat(services.alerts(serviceId)).containsExactly("cart-5xx resolved");
        accepted(event("resolve", "cart-5xx"), "cart-5xx");
        assertThat(services.alerts(serviceId)).as("a second resolve is dropped").containsExactly("cart-5xx resolved");
        accepted(event("trigger", "cart-5xx"), "cart-5xx");
        assertThat(services.alerts(serviceId)).as("a trigger after resolve opens a new alert")
                .containsExactlyInAnyOrder("cart-5xx resolved", "cart-5xx open");
        accepted(event("acknowledge", "never-seen"), "never-seen");
        accepted(event("resolve", "never-seen"), "never-seen");
        assertThat(services.alerts(serviceId)).as("acknowledge and resolve of an unknown key are dropped")
                .containsExactlyInAnyOrder("cart-5xx resolved", "cart-5xx open");
    }

    @Test
    void aTriggerWithoutDedupKeyIsAnsweredTheKeyItGot() {
        ApiClient.Response response = event("trigger", null);
        assertThat(response.status()).isEqualTo(202);
        String key = response.json().get("dedup_key").asString();
        assertThat(key).isNotBlank();
        assertThat(services.alerts(serviceId)).containsExactly(key + " open");
        accepted(event("resolve", key), key);
        assertThat(services.alerts(serviceId)).containsExactly(key + " resolved");
    }

    @Test
    void aChangeEventIsRecordedAndOpensNothing() {
        ApiClient.Response response = post("/v2/change/enqueue", "{\"routing_key\":\"" + events.key() + "\",\"payload\":{"
                + "\"summary\":\"Deployed checkout 2.4.1\",\"source\":\"ci\",\"timestamp\":\"2026-12-04T17:00:00Z\","
                + "\"custom_details\":{\"sha\":\"abc123\"}},\"links\":[{\"href\":\"https://ci.example.com/builds/9\",\"text\":\"Build\"}]}");
        assertThat(response.status()).as("%s", response).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"status\":\"success\",\"message\":\"Change event processed\"}");
        assertThat(services.incidents(serviceId)).isEmpty();
    }

    @Test
    void aBadEventWithAKnownKeyGetsEveryReason() {
        ApiClient.Response response = post("/v2/enqueue", "{\"routing_key\":\"" + events.key() + "\",\"event_action\":\"trigger\","
                + "\"payload\":{\"summary\":\"s\",\"severity\":\"high\"}}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":["
                + "\"payload.source is required\",\"payload.severity must be one of critical, error, warning, info, got \\\"high\\\"\"]}");
        assertThat(services.incidents(serviceId)).isEmpty();
    }

    @Test
    void eachKeyHasItsOwnRate() {
        InboundServices.Integration other = services.integration(serviceId, "events_api_v2");
        for (int i = 0; i < 120; i++) {
            assertThat(event("resolve", "unknown-" + i).status()).as("request %d", i).isEqualTo(202);
        }
        ApiClient.Response throttled = event("resolve", "unknown-120");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("1");
        assertThat(throttled.json().get("status").asString()).isEqualTo("throttle event");
        assertThat(throttled.json().get("errors").get(0).asString())
                .isEqualTo("more than 120 requests a minute for this integration key; retry in 1 s");
        ApiClient.Response otherKey = post("/v2/enqueue", "{\"routing_key\":\"" + other.key() + "\",\"event_action\":\"resolve\","
                + "\"dedup_key\":\"x\"}");
        assertThat(otherKey.status()).as("another key of the same service").isEqualTo(202);
        clock.advance(Duration.ofMillis(500));
        assertThat(event("resolve", "unknown-121").status()).as("the bucket refills at 2 a second").isEqualTo(202);
        assertThat(event("resolve", "unknown-122").status()).isEqualTo(429);
    }

    @Test
    void aKeyOfAnotherKindIsRefused() {
        InboundServices.Integration alertmanager = services.integration(serviceId, "alertmanager");
        ApiClient.Response asRoutingKey = post("/v2/enqueue", "{\"routing_key\":\"" + alertmanager.key() + "\",\"event_action\":"
                + "\"resolve\",\"dedup_key\":\"x\"}");
        assertThat(asRoutingKey.status()).isEqualTo(400);
        assertThat(asRoutingKey.json().get("errors").get(0).asString())
                .isEqualTo("routing_key is invalid: no Events API v2 integration has this key");
        ApiClient.Response inUrl = post("/inbound/generic/" + events.key(), "{\"summary\":\"x\"}");
        assertThat(inUrl.status()).isEqualTo(404);
    }

    @Test
    void alertmanagersWebhookAsCapturedTriggersThenResolvesByFingerprint(CapturedOutput output) {
        InboundServices.Integration webhook = services.integration(serviceId, "alertmanager");
        assertThat(webhook.url()).endsWith("/inbound/alertmanager/" + webhook.key());
        String path = webhook.url().substring(webhook.url().indexOf("/inbound/"));
        ApiClient.Response firing = post(path, new String(InboundFixtures.alertmanager("webhook-firing"), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(firing.status()).as("%s", firing).isEqualTo(202);
        assertThat(firing.body()).isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_keys\":[\"28da9d3e64373fb1\"]}");
        assertThat(services.alerts(serviceId)).containsExactly("28da9d3e64373fb1 open");
        assertThat(services.incidents(serviceId).get(0).get("title").asString()).contains("97 orders stuck in received");
        ApiClient.Response resolved = post(path, new String(InboundFixtures.alertmanager("webhook-resolved"), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(resolved.status()).isEqualTo(202);
        assertThat(services.alerts(serviceId)).containsExactly("28da9d3e64373fb1 resolved");
        assertThat(output.getAll()).as("the key in the URL is never logged").doesNotContain(webhook.key());
    }

    @Test
    void alertmanagersPagerDutyReceiverAsCapturedTriggersThenResolves() {
        String trigger = new String(InboundFixtures.alertmanager("pagerduty-trigger"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("0123456789abcdef0123456789abcdef", events.key());
        String resolve = new String(InboundFixtures.alertmanager("pagerduty-resolve"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("0123456789abcdef0123456789abcdef", events.key());
        String key = "6ffee1e057a4abecbdc9ea01c218182426f9bfd5e904cced0888b33b8e677673";
        accepted(post("/v2/enqueue", trigger), key);
        assertThat(services.alerts(serviceId)).containsExactly(key + " open");
        accepted(post("/v2/enqueue", resolve), key);
        assertThat(services.alerts(serviceId)).containsExactly(key + " resolved");
    }

    @Test
    void theGenericWebhookTriggersAndResolves() {
        InboundServices.Integration generic = services.integration(serviceId, "generic");
        String path = generic.url().substring(generic.url().indexOf("/inbound/"));
        ApiClient.Response trigger = new ApiClient(baseUrl()).raw("POST", null, path, HttpRequest.BodyPublishers.ofString(
                "{\"summary\":\"Nightly backup failed\",\"dedup_key\":\"backup\",\"severity\":\"warning\",\"details\":{\"exit\":3}}"),
                "application/x-www-form-urlencoded");
        accepted(trigger, "backup");
        assertThat(services.alerts(serviceId)).containsExactly("backup open");
        accepted(post(path, "{\"action\":\"resolve\",\"dedup_key\":\"backup\"}"), "backup");
        assertThat(services.alerts(serviceId)).containsExactly("backup resolved");
        ApiClient.Response bad = post(path, "{\"action\":\"resolve\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).asString()).isEqualTo("dedup_key is required to resolve an alert");
    }

    PagerDutyEventsClient pagerdutyClient() {
        return PagerDutyEventsClient.create(baseUrl() + "/v2/enqueue", baseUrl() + "/v2/change/enqueue", false);
    }

    @Test
    void pagerdutyClientTriggersAcknowledgesAndResolves() throws Exception {
        PagerDutyEventsClient client = pagerdutyClient();
        Payload payload = Payload.Builder.newBuilder().setSummary("Payment provider timeouts").setSource("payments-worker")
                .setSeverity(Severity.ERROR).setTimestamp(OffsetDateTime.parse("2026-12-04T17:50:31Z"))
                .setCustomDetails(new JSONObject().put("timeouts", 42)).build();
        EventResult triggered = client.trigger(TriggerIncident.TriggerIncidentBuilder.newBuilder(events.key(), payload)
                .setDedupKey("payments-timeouts").setLinks(List.of(new LinkContext("https://grafana.example.com/d/payments", "Graph")))
                .build());
        assertThat(triggered.getStatus()).as("%s", triggered).isEqualTo("success");
        assertThat(triggered.getDedupKey()).isEqualTo("payments-timeouts");
        assertThat(services.alerts(serviceId)).containsExactly("payments-timeouts open");
        EventResult acknowledged = client.acknowledge(AcknowledgeIncident.AcknowledgeIncidentBuilder
                .newBuilder(events.key(), "payments-timeouts").build());
        assertThat(acknowledged.getStatus()).as("%s", acknowledged).isEqualTo("success");
        assertThat(services.alerts(serviceId)).containsExactly("payments-timeouts acknowledged");
        EventResult resolved = client.resolve(ResolveIncident.ResolveIncidentBuilder.newBuilder(events.key(), "payments-timeouts").build());
        assertThat(resolved.getStatus()).as("%s", resolved).isEqualTo("success");
        assertThat(services.alerts(serviceId)).containsExactly("payments-timeouts resolved");
        EventResult change = client.trackChange(ChangeEvent.ChangeEventBuilder.newBuilder(events.key(),
                ChangeEventPayload.Builder.newBuilder().setSummary("Deployed payments 7.1").setSource("ci")
                        .setTimestamp(OffsetDateTime.parse("2026-12-04T18:00:00Z")).build()).build());
        assertThat(change.getStatus()).as("%s", change).isEqualTo("success");
        assertThat(services.alerts(serviceId)).containsExactly("payments-timeouts resolved");
    }

    @Test
    void pagerdutyClientIsToldOfAWrongRoutingKey() throws Exception {
        Payload payload = Payload.Builder.newBuilder().setSummary("Queue backlog").setSource("worker").setSeverity(Severity.INFO).build();
        EventResult result = pagerdutyClient().trigger(TriggerIncident.TriggerIncidentBuilder
                .newBuilder("ffffffffffffffffffffffffffffffff", payload).build());
        assertThat(result.getStatus()).as("%s", result).isEqualTo("invalid event");
        assertThat(result.getMessage()).isEqualTo("Event object is invalid");
        assertThat(result.getErrors()).contains("routing_key is invalid: no Events API v2 integration has this key");
        assertThat(services.incidents(serviceId)).isEmpty();
    }
}
