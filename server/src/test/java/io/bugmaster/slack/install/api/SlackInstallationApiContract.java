package io.bugmaster.slack.install.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Role;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.FakeSlack;
import io.bugmaster.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Connecting an organization's Slack workspace through the API: the token is checked with Slack's
 * auth.test before anything is stored, secrets never come back whole, only admins change it, and
 * another organization cannot read or change it.
 */
abstract class SlackInstallationApiContract extends IntegrationTest {
    ApiClient api;
    Tenant tenant;
    FakeSlack.Workspace slack;
    String path;

    @BeforeEach
    void setUp() {
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        slack = FakeSlack.shared().workspace(unique("ws"));
        path = "/api/0/organizations/" + tenant.org().slug() + "/integrations/slack/";
    }

    String connect() {
        return ApiClient.json("bot_token", slack.botToken, "signing_secret", slack.signingSecret);
    }

    @Test
    void connectingShowsTheWorkspaceWithItsSecretsMaskedAndTheAddressesSlackCalls() {
        assertThat(api.get(tenant.ownerToken(), path).status()).isEqualTo(404);
        assertThat(api.get(tenant.ownerToken(), path).detail()).contains("no Slack workspace connected");

        ApiClient.Response put = api.put(tenant.ownerToken(), path, connect());
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.body()).doesNotContain(slack.botToken).doesNotContain(slack.signingSecret);
        JsonNode json = api.get(tenant.ownerToken(), path).json();
        assertThat(json.path("team_id").asString()).isEqualTo(slack.teamId);
        assertThat(json.path("team_name").asString()).isEqualTo(slack.name);
        assertThat(json.path("bot_user_id").asString()).isEqualTo(slack.botUserId);
        assertThat(json.path("bot_token").asString()).startsWith("xoxb").contains("characters").doesNotContain(slack.botToken);
        assertThat(json.path("signing_secret").asString()).doesNotContain(slack.signingSecret);
        assertThat(json.path("timeline_reaction").asString()).isEqualTo("pushpin");
        assertThat(json.path("incident_channels").asBoolean()).isTrue();
        assertThat(json.path("commands_url").asString()).isEqualTo("http://localhost:8080/slack/commands");
        assertThat(json.path("interactions_url").asString()).isEqualTo("http://localhost:8080/slack/interactions");
        assertThat(json.path("events_url").asString()).isEqualTo("http://localhost:8080/slack/events");
        assertThat(json.path("installed_by").asString()).isEqualTo(tenant.user().email());
        assertThat(json.path("date_created").isMissingNode()).isFalse();
        assertThat(slack.calls("auth.test")).hasSize(1);

        // settings change without the secrets again: the stored ones are kept
        ApiClient.Response changed = api.put(tenant.ownerToken(), path, "{\"timeline_reaction\": \":memo:\", \"incident_channels\": false}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("timeline_reaction").asString()).isEqualTo("memo");
        assertThat(changed.json().path("incident_channels").asBoolean()).isFalse();
        assertThat(changed.json().path("team_id").asString()).isEqualTo(slack.teamId);

        assertThat(api.delete(tenant.ownerToken(), path).status()).isEqualTo(204);
        assertThat(api.get(tenant.ownerToken(), path).status()).isEqualTo(404);
        assertThat(api.delete(tenant.ownerToken(), path).status()).isEqualTo(404);
    }

    @Test
    void aTokenSlackRefusesIsAFieldErrorAndNothingIsStored() {
        ApiClient.Response refused = api.put(tenant.ownerToken(), path,
                ApiClient.json("bot_token", "xoxb-1234567890-notaworkspacetoken", "signing_secret", slack.signingSecret));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.detail()).contains("bot_token").contains("invalid_auth");
        assertThat(api.get(tenant.ownerToken(), path).status()).isEqualTo(404);

        ApiClient.Response userToken = api.put(tenant.ownerToken(), path,
                ApiClient.json("bot_token", "xoxp-1234567890-usertoken", "signing_secret", slack.signingSecret));
        assertThat(userToken.status()).isEqualTo(400);
        assertThat(userToken.detail()).contains("bot_token").contains("xoxb-");

        ApiClient.Response noSecret = api.put(tenant.ownerToken(), path, ApiClient.json("bot_token", slack.botToken));
        assertThat(noSecret.status()).isEqualTo(400);
        assertThat(noSecret.detail()).contains("signing_secret");
    }

    @Test
    void membersMayReadItButNotChangeItAndOtherOrganizationsCannotSeeIt() {
        assertThat(api.put(tenant.ownerToken(), path, connect()).status()).isEqualTo(200);
        String member = memberToken(tenant, Role.MEMBER);
        assertThat(api.get(member, path).status()).isEqualTo(200);
        assertThat(api.put(member, path, "{\"timeline_reaction\": \"eyes\"}").status()).isEqualTo(403);
        assertThat(api.delete(member, path).status()).isEqualTo(403);

        Tenant other = newTenant();
        ApiClient.Response read = api.get(other.ownerToken(), path);
        assertThat(read.status()).isIn(403, 404);
        assertThat(read.body()).doesNotContain(slack.teamId);
        assertThat(api.put(other.ownerToken(), path, "{\"timeline_reaction\": \"eyes\"}").status()).isIn(403, 404);
        assertThat(api.delete(other.ownerToken(), path).status()).isIn(403, 404);
        assertThat(api.get(tenant.ownerToken(), path).json().path("timeline_reaction").asString()).isEqualTo("pushpin");

        // the same workspace cannot be connected to a second organization
        ApiClient.Response taken = api.put(other.ownerToken(), "/api/0/organizations/" + other.org().slug() + "/integrations/slack/",
                connect());
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.detail()).contains("another organization");
    }

    @Test
    void theEndpointIsInTheOpenApiDocument() {
        JsonNode paths = api.get(null, "/api/0/openapi.json").json().path("paths");
        assertThat(paths.has("/api/0/organizations/{org}/integrations/slack/")).as(paths.toString()).isTrue();
    }
}
