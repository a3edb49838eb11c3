package io.bugmaster.notify.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Role;
import io.bugmaster.notify.Receiver;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The notification channels API on every database, with real receivers behind the channels. */
abstract class NotificationChannelsApiContract extends IntegrationTest {
    @Autowired JdbcClient db;

    ApiClient http;
    Tenant tenant;
    String org;
    String token;
    Receiver receiver;

    @BeforeEach
    void tenant() {
        http = new ApiClient(baseUrl());
        tenant = newTenant();
        org = tenant.org().slug();
        token = tenant.ownerToken();
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    String channels() {
        return "/api/0/organizations/" + org + "/notification-channels/";
    }

    ApiClient.Response create(String name, String kind, Map<String, Object> config) {
        return http.post(token, channels(), ApiClient.json("name", name, "kind", kind, "config", config));
    }

    String slackUrl() {
        return receiver.url("/services/T0123/B0123/SECRETTOKEN");
    }

    @Test
    void aSlackChannelIsStoredEncryptedShownMaskedAndItsTestArrivesAndIsRecorded() {
        ApiClient.Response created = create("Ops in Slack", "slack", Map.of("url", slackUrl()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode json = created.json();
        String id = json.path("id").asString();
        assertThat(json.path("kind").asString()).isEqualTo("slack");
        assertThat(json.path("enabled").asBoolean()).isTrue();
        assertThat(json.path("config").path("url").asString()).endsWith("/services/T0…/****").doesNotContain("SECRETTOKEN");
        assertThat(created.body()).doesNotContain("SECRETTOKEN");

        String stored = db.sql("SELECT config FROM notification_channels WHERE id = ?").param(Long.parseLong(id))
                .query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain("SECRETTOKEN").doesNotContain("services");

        ApiClient.Response list = http.get(token, channels());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.header("Link")).contains("rel=\"next\"");
        assertThat(list.body()).contains("Ops in Slack").doesNotContain("SECRETTOKEN");

        ApiClient.Response test = http.post(token, channels() + id + "/test/", null);
        assertThat(test.status()).as(test.toString()).isEqualTo(200);
        assertThat(test.json().path("ok").asBoolean()).isTrue();
        assertThat(test.json().path("status").asString()).isEqualTo("delivered");
        assertThat(test.json().path("httpStatus").asInt()).isEqualTo(200);
        Receiver.Request request = receiver.only();
        assertThat(request.path()).isEqualTo("/services/T0123/B0123/SECRETTOKEN");
        assertThat(request.json().path("blocks").get(0).path("type").asString()).isEqualTo("section");
        assertThat(request.json().path("text").asString()).contains("Test").contains("Ops in Slack");

        ApiClient.Response deliveries = http.get(token, channels() + id + "/deliveries/");
        assertThat(deliveries.status()).isEqualTo(200);
        assertThat(deliveries.json().size()).isEqualTo(1);
        JsonNode delivery = deliveries.json().get(0);
        assertThat(delivery.path("status").asString()).isEqualTo("delivered");
        assertThat(delivery.path("attempt").asInt()).isEqualTo(1);
        assertThat(delivery.path("httpStatus").asInt()).isEqualTo(200);
        assertThat(delivery.path("idempotencyKey").asString()).isEqualTo(test.json().path("delivery").path("idempotencyKey").asString());
    }

    @Test
    void aWebhookTestIsSignedAndTheReceiverSeesTheIdempotencyKey() throws Exception {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        ApiClient.Response created = create("Hook", "webhook", Map.of("url", receiver.url("/hook"), "secret", secret));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("config").path("secret").asString()).isEqualTo("whsec_****");
        ApiClient.Response test = http.post(token, channels() + created.json().path("id").asString() + "/test/", null);
        assertThat(test.json().path("ok").asBoolean()).as(test.toString()).isTrue();
        Receiver.Request request = receiver.only();
        assertThat(request.header("webhook-id")).isEqualTo(test.json().path("delivery").path("idempotencyKey").asString());
        assertThat(io.bugmaster.notify.NotificationTransportsTestAccess.verify(secret, request.header("webhook-id"),
                request.header("webhook-timestamp"), request.body(), request.header("webhook-signature"))).isTrue();
        assertThat(request.json().path("type").asString()).isEqualTo("test");
    }

    @Test
    void aWebhookWithoutASecretGetsOne() {
        ApiClient.Response created = create("Hook", "webhook", Map.of("url", receiver.url("/hook")));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("config").path("secret").asString()).isEqualTo("whsec_****");
    }

    @Test
    void aFailingReceiverIsReportedAndRecordedAsPermanentOrTemporary() {
        String id = create("Ops", "slack", Map.of("url", slackUrl())).json().path("id").asString();
        receiver.thenAnswer(400, "invalid_payload", Map.of());
        receiver.thenAnswer(429, "", Map.of("Retry-After", "12"));
        ApiClient.Response refused = http.post(token, channels() + id + "/test/", null);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().path("ok").asBoolean()).isFalse();
        assertThat(refused.json().path("status").asString()).isEqualTo("failed_permanent");
        assertThat(refused.json().path("httpStatus").asInt()).isEqualTo(400);
        assertThat(refused.json().path("detail").asString()).contains("400").contains("invalid_payload");

        ApiClient.Response throttled = http.post(token, channels() + id + "/test/", null);
        assertThat(throttled.json().path("status").asString()).isEqualTo("failed_temporary");
        assertThat(throttled.json().path("retryAfter").asLong()).isEqualTo(12);

        JsonNode deliveries = http.get(token, channels() + id + "/deliveries/").json();
        assertThat(deliveries.size()).isEqualTo(2);
        assertThat(deliveries.get(0).path("status").asString()).isEqualTo("failed_temporary");
        assertThat(deliveries.get(1).path("status").asString()).isEqualTo("failed_permanent");
        assertThat(deliveries.get(1).path("error").asString()).contains("invalid_payload");
    }

    @Test
    void anEmailChannelOnAServerWithoutSmtpIsCreatedWithAWarningThatStaysUntilSmtpIsSetUp() {
        // tests run without BUGMASTER_SMTP_HOST
        ApiClient.Response mail = create("Mail", "email", Map.of("to", "ops@example.com"));
        assertThat(mail.status()).as(mail.toString()).isEqualTo(201);
        assertThat(mail.json().path("warnings")).hasSize(1);
        assertThat(mail.json().path("warnings").get(0).asString()).startsWith("Email is not set up on this server")
                .contains("BUGMASTER_SMTP_HOST").endsWith("until then this channel sends nothing.");
        String id = mail.json().path("id").asString();
        assertThat(http.get(token, channels() + id + "/").json().path("warnings")).hasSize(1);
        assertThat(http.get(token, channels()).json()).allSatisfy(c -> assertThat(c.path("warnings")).hasSize(1));

        ApiClient.Response slack = create("Ops", "slack", Map.of("url", slackUrl()));
        assertThat(slack.json().path("warnings").isArray()).isTrue();
        assertThat(slack.json().path("warnings")).isEmpty();
    }

    /** A port on 127.0.0.1 that nothing listens on: connecting to it is refused. */
    static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void attemptsWithoutAnHttpStatusAreListedWithANullStatus() {
        // SMTP is not set up in tests: the email is refused before any HTTP; a refused connection has no status either
        String mail = create("Mail", "email", Map.of("to", "ops@example.com")).json().path("id").asString();
        String down = create("Down", "webhook", Map.of("url", "http://127.0.0.1:" + closedPort() + "/hook")).json().path("id").asString();
        assertThat(http.post(token, channels() + mail + "/test/", null).json().path("status").asString()).isEqualTo("failed_permanent");
        assertThat(http.post(token, channels() + down + "/test/", null).json().path("status").asString()).isEqualTo("failed_temporary");

        for (String id : List.of(mail, down)) {
            ApiClient.Response deliveries = http.get(token, channels() + id + "/deliveries/");
            assertThat(deliveries.status()).as(deliveries.toString()).isEqualTo(200);
            assertThat(deliveries.json().size()).isEqualTo(1);
            assertThat(deliveries.json().get(0).path("httpStatus").isNull()).as(deliveries.body()).isTrue();
            assertThat(deliveries.json().get(0).path("error").asString()).isNotBlank();
        }
    }

    @Test
    void settingsAreValidatedPerKindWithFieldMessages() {
        ApiClient.Response missing = create("Ops", "slack", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.detail()).startsWith("config.url: is required");

        ApiClient.Response kind = create("Ops", "carrier-pigeon", Map.of());
        assertThat(kind.status()).isEqualTo(400);
        assertThat(kind.detail()).startsWith("kind: unknown kind 'carrier-pigeon'").contains("slack");

        ApiClient.Response metadata = create("Ops", "webhook", Map.of("url", "http://169.254.169.254/latest/meta-data/"));
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.detail()).startsWith("config.url: refused").contains("metadata").contains("BUGMASTER_OUTBOUND_ALLOW");

        ApiClient.Response zone = create("Ops", "webhook", Map.of("url", "http://[::1%25lo]:1/"));
        assertThat(zone.status()).as("a zone id is a client mistake, even on an allowed address").isEqualTo(400);
        assertThat(zone.detail()).startsWith("config.url: the IPv6 address '::1%25lo' carries a zone id");

        ApiClient.Response cgnat = create("Ops", "webhook", Map.of("url", "http://100.64.0.1/hook"));
        assertThat(cgnat.status()).isEqualTo(400);
        assertThat(cgnat.detail()).startsWith("config.url: refused").contains("100.64.0.0/10");

        ApiClient.Response decimal = create("Ops", "webhook", Map.of("url", "http://2130706433/hook"));
        assertThat(decimal.status()).isEqualTo(400);
        assertThat(decimal.detail()).contains("four decimal numbers");

        ApiClient.Response scheme = create("Ops", "teams", Map.of("url", "file:///etc/passwd"));
        assertThat(scheme.status()).isEqualTo(400);
        assertThat(scheme.detail()).startsWith("config.url: only http:// and https://");

        ApiClient.Response email = create("Ops", "email", Map.of("to", "not-an-address"));
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.detail()).startsWith("config.to:");

        ApiClient.Response pagerduty = create("Ops", "pagerduty", Map.of("routing_key", "abc"));
        assertThat(pagerduty.status()).isEqualTo(400);
        assertThat(pagerduty.detail()).startsWith("config.routing_key:");

        ApiClient.Response name = create(" ", "slack", Map.of("url", slackUrl()));
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.detail()).startsWith("name:");

        ApiClient.Response good = create("Pager", "pagerduty", Map.of("routing_key", "R0123456789abcdef0123456789abcde"));
        assertThat(good.status()).as(good.toString()).isEqualTo(201);
        assertThat(good.json().path("config").path("routing_key").asString()).isEqualTo("R012…****");
    }

    @Test
    void updatingKeepsLeftOutSecretsRenamesDisablesAndRefusesDuplicateNames() {
        String id = create("Ops", "slack", Map.of("url", slackUrl())).json().path("id").asString();
        create("Other", "email", Map.of("to", "a@example.com"));

        ApiClient.Response renamed = http.put(token, channels() + id + "/", ApiClient.json("name", "Ops 2", "enabled", false));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("Ops 2");
        assertThat(renamed.json().path("enabled").asBoolean()).isFalse();
        assertThat(renamed.json().path("disabledReason").asString()).contains("disabled by");

        String masked = renamed.json().path("config").path("url").asString();
        ApiClient.Response sameForm = http.put(token, channels() + id + "/",
                ApiClient.json("enabled", true, "config", Map.of("url", masked)));
        assertThat(sameForm.status()).as(sameForm.toString()).isEqualTo(200);
        assertThat(sameForm.json().path("enabled").asBoolean()).isTrue();
        assertThat(sameForm.json().path("disabledReason").isNull()).isTrue();
        assertThat(http.post(token, channels() + id + "/test/", null).json().path("ok").asBoolean())
                .as("the URL survived the round trip through the masked form").isTrue();

        ApiClient.Response duplicate = http.put(token, channels() + id + "/", ApiClient.json("name", "Other"));
        assertThat(duplicate.status()).isEqualTo(409);
        ApiClient.Response duplicateCreate = create("Other", "slack", Map.of("url", slackUrl()));
        assertThat(duplicateCreate.status()).isEqualTo(409);

        assertThat(http.delete(token, channels() + id + "/").status()).isEqualTo(200);
        assertThat(http.get(token, channels() + id + "/").status()).isEqualTo(404);
    }

    @Test
    void viewersSeeMaskedChannelsButOnlyAdminsChangeOrTestThem() {
        String id = create("Ops", "slack", Map.of("url", slackUrl())).json().path("id").asString();
        String viewer = memberToken(tenant, Role.VIEWER);
        String member = memberToken(tenant, Role.MEMBER);
        String admin = memberToken(tenant, Role.ADMIN);

        ApiClient.Response seen = http.get(viewer, channels());
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body()).contains("Ops").doesNotContain("SECRETTOKEN");
        assertThat(http.get(viewer, channels() + id + "/").status()).isEqualTo(200);

        for (String caller : List.of(viewer, member)) {
            assertThat(http.post(caller, channels(), ApiClient.json("name", "X", "kind", "slack", "config", Map.of("url", slackUrl())))
                    .status()).isEqualTo(403);
            assertThat(http.put(caller, channels() + id + "/", ApiClient.json("name", "Y")).status()).isEqualTo(403);
            assertThat(http.post(caller, channels() + id + "/test/", null).status()).isEqualTo(403);
            assertThat(http.delete(caller, channels() + id + "/").status()).isEqualTo(403);
        }
        assertThat(receiver.requests()).isEmpty();

        ApiClient.Response byAdmin = http.post(admin, channels(), ApiClient.json("name", "X", "kind", "slack", "config", Map.of("url", slackUrl())));
        assertThat(byAdmin.status()).isEqualTo(201);
        String readOnly = token(tenant.owner(), List.of("org:read"));
        assertThat(http.post(readOnly, channels(), ApiClient.json("name", "Z", "kind", "slack", "config", Map.of("url", slackUrl())))
                .status()).isEqualTo(403);
        assertThat(http.get(null, channels()).status()).isEqualTo(401);
    }

    @Test
    void anotherOrganizationsChannelIsNotFound() {
        String id = create("Ops", "slack", Map.of("url", slackUrl())).json().path("id").asString();
        Tenant other = newTenant();
        String theirs = "/api/0/organizations/" + other.org().slug() + "/notification-channels/" + id + "/";
        String ours = channels() + id + "/";
        assertThat(http.get(other.ownerToken(), theirs).status()).isEqualTo(404);
        assertThat(http.put(other.ownerToken(), theirs, ApiClient.json("name", "mine")).status()).isEqualTo(404);
        assertThat(http.post(other.ownerToken(), theirs + "test/", null).status()).isEqualTo(404);
        assertThat(http.get(other.ownerToken(), theirs + "deliveries/").status()).isEqualTo(404);
        assertThat(http.delete(other.ownerToken(), theirs).status()).isEqualTo(404);
        assertThat(http.get(other.ownerToken(), ours).status()).as("not a member of our organization").isEqualTo(404);
        assertThat(http.get(other.ownerToken(), "/api/0/organizations/" + other.org().slug() + "/notification-channels/").body())
                .isEqualTo("[]");
        assertThat(http.get(token, channels() + "abc/").status()).isEqualTo(404);
        assertThat(receiver.requests()).isEmpty();
        assertThat(http.get(token, ours).json().path("name").asString()).isEqualTo("Ops");
    }

    @Test
    void theEndpointsAreInTheOpenApiDocument() {
        JsonNode paths = http.get(null, "/api/0/openapi.json").json().path("paths");
        assertThat(paths.has("/api/0/organizations/{org}/notification-channels/")).as(paths.toString()).isTrue();
        assertThat(paths.has("/api/0/organizations/{org}/notification-channels/{id}/test/")).isTrue();
    }
}
