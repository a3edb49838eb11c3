package io.bugmaster.oncall.schedules.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.ApiClient.Response;
import io.bugmaster.testing.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Schedules through the REST API on every database: PagerDuty's shapes, the computed final schedule, overrides, bad input, isolation. */
abstract class SchedulesApiContract extends IntegrationTest {
    ApiClient api;
    Tenant tenant;
    String base;
    User bob;
    Instant t0;

    @BeforeEach
    void tenant() {
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        base = "/api/0/organizations/" + tenant.org().slug() + "/schedules/";
        bob = newUser("bobs-password");
        join(tenant.owner(), tenant.org().slug(), bob, Role.MEMBER);
        t0 = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    }

    String body(String name, String zone, long turnSeconds, Object... userIds) {
        StringBuilder users = new StringBuilder();
        for (Object id : userIds) {
            users.append(users.isEmpty() ? "" : ",").append("{\"id\": ").append(id instanceof String s ? "\"" + s + "\"" : id).append("}");
        }
        return """
                {"name": "%s", "time_zone": "%s", "description": "web", "schedule_layers": [
                  {"name": "Primary", "start": "%s", "rotation_virtual_start": "%s", "rotation_turn_length_seconds": %d,
                   "users": [%s],
                   "restrictions": [{"type": "weekly_restriction", "start_time_of_day": "00:00:00", "duration_seconds": 604800, "start_day_of_week": 1}]}
                ]}""".formatted(name, zone, t0, t0, turnSeconds, users);
    }

    Response create(String json) {
        return api.post(tenant.ownerToken(), base, json);
    }

    static List<String> userIds(JsonNode entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.path("user").path("id").asString()));
        return out;
    }

    @Test
    void aScheduleHasPagerDutysShapeAndItsFinalScheduleIsComputed() {
        String ann = Long.toString(tenant.user().id());
        Response created = create(body("Web primary", "Europe/Paris", 86_400, ann, bob.id()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode s = created.json();
        String id = s.path("id").asString();
        assertThat(s.path("name").asString()).isEqualTo("Web primary");
        assertThat(s.path("time_zone").asString()).isEqualTo("Europe/Paris");
        JsonNode layer = s.path("schedule_layers").path(0);
        assertThat(layer.path("rotation_turn_length_seconds").asLong()).isEqualTo(86_400);
        assertThat(layer.path("rotation_virtual_start").asString()).isEqualTo(t0.toString());
        assertThat(layer.path("users").path(1).path("id").asString()).isEqualTo(Long.toString(bob.id()));
        assertThat(layer.path("users").path(1).path("email").asString()).isEqualTo(bob.email());
        assertThat(layer.path("restrictions").path(0).path("type").asString()).isEqualTo("weekly_restriction");
        assertThat(layer.path("restrictions").path(0).path("start_time_of_day").asString()).isEqualTo("00:00:00");
        assertThat(layer.path("restrictions").path(0).path("start_day_of_week").asInt()).isEqualTo(1);

        assertThat(api.get(tenant.ownerToken(), base + id + "/").json().path("name").asString()).isEqualTo("Web primary");
        assertThat(api.get(tenant.ownerToken(), base).json()).hasSize(1);

        Response oncall = api.get(tenant.ownerToken(), base + id + "/oncall/?since=" + t0 + "&until=" + t0.plus(Duration.ofDays(3)));
        assertThat(oncall.status()).as(oncall.toString()).isEqualTo(200);
        JsonNode entries = oncall.json().path("final_schedule").path("rendered_schedule_entries");
        assertThat(userIds(entries)).containsExactly(ann, Long.toString(bob.id()), ann);
        assertThat(entries.path(1).path("start").asString()).isEqualTo(t0.plus(Duration.ofDays(1)).toString());
        assertThat(oncall.json().path("schedule_layers").path(0).path("name").asString()).isEqualTo("Primary");
        assertThat(oncall.json().path("gaps")).isEmpty();

        // an override from the API shows in the final schedule; deleting it takes it away again
        Response override = api.post(tenant.ownerToken(), base + id + "/overrides/", """
                {"start": "%s", "end": "%s", "user": {"id": "%s"}}""".formatted(t0.plus(Duration.ofHours(2)), t0.plus(Duration.ofHours(3)), bob.id()));
        assertThat(override.status()).as(override.toString()).isEqualTo(201);
        assertThat(api.get(tenant.ownerToken(), base + id + "/overrides/").json().path(0).path("user").path("email").asString()).isEqualTo(bob.email());
        JsonNode withOverride = api.get(tenant.ownerToken(), base + id + "/oncall/?since=" + t0 + "&until=" + t0.plus(Duration.ofHours(5)))
                .json().path("final_schedule").path("rendered_schedule_entries");
        assertThat(userIds(withOverride)).containsExactly(ann, Long.toString(bob.id()), ann);
        assertThat(api.delete(tenant.ownerToken(), base + id + "/overrides/" + override.json().path("id").asString() + "/").status()).isEqualTo(204);
        assertThat(api.get(tenant.ownerToken(), base + id + "/overrides/").json()).isEmpty();

        Response updated = api.put(tenant.ownerToken(), base + id + "/", body("Web primary", "America/New_York", 604_800, ann));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("time_zone").asString()).isEqualTo("America/New_York");
        assertThat(api.delete(tenant.ownerToken(), base + id + "/").status()).isEqualTo(204);
        assertThat(api.get(tenant.ownerToken(), base + id + "/").status()).isEqualTo(404);
    }

    @Test
    void badInputIsA400ThatSaysWhatIsWrong() {
        String ann = Long.toString(tenant.user().id());
        assertThat(create(body("X", "Europe/Atlantis", 86_400, ann)).detail()).contains("time_zone").contains("Europe/Atlantis");
        assertThat(create(body("X", "UTC", 0, ann)).detail()).startsWith("schedule_layers[0].rotation_turn_length_seconds");
        assertThat(create(body("X", "UTC", -86_400, ann)).status()).isEqualTo(400);
        Response unknown = create(body("X", "UTC", 86_400, "424242"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.detail()).isEqualTo("schedule_layers[0].users: user 424242 is not a member of this organization");
        assertThat(create(body("X", "UTC", 86_400, "bob")).detail()).isEqualTo("schedule_layers[0].users[0]: 'bob' is not a user id");
        StringBuilder layers = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            layers.append(i == 0 ? "" : ",").append("{\"start\": \"").append(t0).append("\", \"rotation_turn_length_seconds\": 3600}");
        }
        Response tooMany = create("{\"name\": \"X\", \"time_zone\": \"UTC\", \"schedule_layers\": [" + layers + "]}");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.detail()).contains("at most 20 layers");
        assertThat(create("{\"name\": 5, \"time_zone\": \"UTC\"}").status()).isEqualTo(400);
        assertThat(create("{\"time_zone\": \"UTC\"}").detail()).contains("name");
        assertThat(api.get(tenant.ownerToken(), base + "1/oncall/?since=tomorrow").status()).isIn(400, 404);
        String id = create(body("Y", "UTC", 86_400, ann)).json().path("id").asString();
        Response badSince = api.get(tenant.ownerToken(), base + id + "/oncall/?since=tomorrow");
        assertThat(badSince.status()).isEqualTo(400);
        assertThat(badSince.detail()).startsWith("since: 'tomorrow' is not a date and time");
        assertThat(api.get(tenant.ownerToken(), base + id + "/oncall/?since=" + t0 + "&until=" + t0.plus(Duration.ofDays(400))).detail())
                .contains("366 days");
        assertThat(api.post(tenant.ownerToken(), base + id + "/overrides/", "{\"start\": \"" + t0 + "\", \"end\": \"" + t0.plus(Duration.ofHours(1))
                + "\"}").detail()).contains("user");
        assertThat(create(body("Y", "UTC", 86_400, ann)).status()).isEqualTo(409);
    }

    @Test
    void onlyMembersWithAlertsWriteEditAndNothingOfAnotherOrganizationIsReachable() {
        String ann = Long.toString(tenant.user().id());
        String id = create(body("Ours", "UTC", 86_400, ann)).json().path("id").asString();
        String override = api.post(tenant.ownerToken(), base + id + "/overrides/", """
                {"start": "%s", "end": "%s", "user": {"id": %s}}""".formatted(t0, t0.plus(Duration.ofHours(1)), ann)).json().path("id").asString();

        User viewer = newUser("password-" + UUID.randomUUID());
        join(tenant.owner(), tenant.org().slug(), viewer, Role.VIEWER);
        String viewerToken = token(Actor.session(viewer.id(), viewer.email()), List.copyOf(Scopes.ALL));
        assertThat(api.get(viewerToken, base + id + "/oncall/").status()).isEqualTo(200);
        assertThat(api.delete(viewerToken, base + id + "/").status()).isEqualTo(403);
        String readOnly = token(tenant.owner(), List.of(Scopes.ORG_READ));
        assertThat(api.post(readOnly, base, body("Z", "UTC", 3600, ann)).status()).isEqualTo(403);

        Tenant mallory = newTenant();
        String theirBase = "/api/0/organizations/" + mallory.org().slug() + "/schedules/";
        String theirs = api.post(mallory.ownerToken(), theirBase, body("Theirs", "UTC", 3600, mallory.user().id())).json().path("id").asString();
        for (String path : List.of(theirBase + id + "/", theirBase + id + "/oncall/", theirBase + id + "/overrides/", base + id + "/", base)) {
            assertThat(api.get(mallory.ownerToken(), path).status()).as(path).isEqualTo(404);
        }
        assertThat(api.put(mallory.ownerToken(), theirBase + id + "/", body("Mine", "UTC", 3600)).status()).isEqualTo(404);
        assertThat(api.delete(mallory.ownerToken(), theirBase + id + "/").status()).isEqualTo(404);
        assertThat(api.delete(mallory.ownerToken(), theirBase + theirs + "/overrides/" + override + "/").status()).isEqualTo(404);
        assertThat(api.post(mallory.ownerToken(), theirBase, body("Poach", "UTC", 3600, ann)).status()).isEqualTo(400);
        assertThat(api.get(tenant.ownerToken(), base + id + "/overrides/?since=" + t0).json()).hasSize(1);
        assertThat(api.get(tenant.ownerToken(), base + id + "/").json().path("name").asString()).isEqualTo("Ours");
    }

    @Test
    void calendarFeedsAreMadeListedAndRevokedThroughTheApi() throws Exception {
        String id = create(body("Fed", "UTC", 86_400, Long.toString(tenant.user().id()))).json().path("id").asString();
        String feeds = "/api/0/organizations/" + tenant.org().slug() + "/calendar-feeds/";
        Response mine = api.post(tenant.ownerToken(), feeds, "{}");
        assertThat(mine.status()).as(mine.toString()).isEqualTo(201);
        assertThat(mine.json().path("kind").asString()).isEqualTo("user");
        Response ofSchedule = api.post(tenant.ownerToken(), feeds, "{\"schedule\": {\"id\": \"" + id + "\"}}");
        assertThat(ofSchedule.json().path("kind").asString()).isEqualTo("schedule");
        String url = ofSchedule.json().path("url").asString();
        assertThat(url).matches(".*/calendar/[0-9a-f]{64}\\.ics");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI local = java.net.URI.create(baseUrl() + java.net.URI.create(url).getPath());
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(local).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body())
                .startsWith("BEGIN:VCALENDAR");
        JsonNode listed = api.get(tenant.ownerToken(), feeds).json();
        assertThat(listed).hasSize(2);
        assertThat(listed.path(0).path("url").isNull()).as("the secret is shown once").isTrue();
        // another organization's member cannot revoke it, nor reach it through their organization
        Tenant mallory = newTenant();
        String theirFeeds = "/api/0/organizations/" + mallory.org().slug() + "/calendar-feeds/";
        assertThat(api.delete(mallory.ownerToken(), theirFeeds + ofSchedule.json().path("id").asString() + "/").status()).isEqualTo(404);
        assertThat(api.post(mallory.ownerToken(), theirFeeds, "{\"schedule\": {\"id\": \"" + id + "\"}}").status()).isEqualTo(404);
        assertThat(api.delete(tenant.ownerToken(), feeds + ofSchedule.json().path("id").asString() + "/").status()).isEqualTo(204);
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(local).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(404);
    }

    @Test
    void theOpenApiDocumentDescribesTheSchedulesEndpoints() {
        JsonNode paths = api.get(null, "/api/0/openapi.json").json().path("paths");
        for (String path : List.of("/api/0/organizations/{org}/schedules/", "/api/0/organizations/{org}/schedules/{id}/",
                "/api/0/organizations/{org}/schedules/{id}/oncall/", "/api/0/organizations/{org}/schedules/{id}/overrides/",
                "/api/0/organizations/{org}/schedules/{id}/overrides/{overrideId}/")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
    }
}
