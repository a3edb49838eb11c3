package io.bugmaster.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectService;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.RawHttp;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * Every paginated endpoint reads its page the same way: Sentry's {@code per_page}, or {@code limit}
 * (Sentry's issue lists), at most 100, and a bad value is a 400 that says which parameter is wrong.
 * The endpoints are taken from the OpenAPI document, so a new list cannot be left out.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class PaginationSqliteTest extends IntegrationTest {
    @Autowired ProjectService projects;
    @Autowired AlertIntake intake;
    @Autowired io.bugmaster.monitors.MonitorService monitors;
    @Autowired io.bugmaster.monitors.MonitorStore monitorStore;

    final HttpClient http = HttpClient.newHttpClient();
    ApiClient api;
    Tenant tenant;
    Map<String, String> fixture;

    @BeforeEach
    void fixture() throws Exception {
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        String org = tenant.org().slug();
        String token = tenant.ownerToken();
        var project = projects.create(tenant.owner(), org, org, "App", "app", "java");
        sendEvent(project.project().id(), projects.listKeys(tenant.owner(), org, "app").get(0).publicKey());
        JsonNode issues = api.get(token, "/api/0/projects/" + org + "/app/issues/?query=").json();
        assertThat(issues.size()).as("the event became an issue").isEqualTo(1);
        var release = api.post(token, "/api/0/organizations/" + org + "/releases/", "{\"version\":\"shop@1.0\",\"projects\":[\"app\"]}");
        assertThat(release.status()).as(release.toString()).isEqualTo(201);
        var channel = api.post(token, "/api/0/organizations/" + org + "/notification-channels/",
                "{\"name\":\"hook\",\"kind\":\"webhook\",\"config\":{\"url\":\"http://127.0.0.1:9/hook\"}}");
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        var service = api.post(token, "/api/0/organizations/" + org + "/services/", "{\"name\":\"shop\"}");
        assertThat(service.status()).as(service.toString()).isEqualTo(201);
        String integrationKey = api.post(token, "/api/0/organizations/" + org + "/services/" + service.json().path("id").asString()
                + "/integrations/", "{\"type\":\"events_api_v2\"}").json().path("integration_key").asString();
        intake.apply(intake.integrationByKey(integrationKey).orElseThrow(), new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, null,
                "Disk full", "db-1", "critical", null, null, null, null, Map.of(), List.of(), null, null));
        // a monitor with two runs and two results, so that its lists have a next page
        var monitor = monitors.create(tenant.org().id(), project.project().id(), "paged", new io.bugmaster.monitors.MonitorStore.Settings(
                "Paged", io.bugmaster.monitors.MonitorKind.VOLUME, new io.bugmaster.monitors.MonitorConfig(
                        io.bugmaster.monitors.Schedule.every(1, "hour"), "UTC", 1, 30, 1, 1, null, null,
                        new io.bugmaster.monitors.VolumeCheck(null, null, "login", null, "drop", 1, 50, 10)), "error", null, false));
        for (int i = 0; i < 2; i++) {
            monitorStore.insertCheckIn(project.project().id(), monitor, UUID.randomUUID().toString().replace("-", ""), "ok",
                    clock.instant(), clock.instant(), 1.0, 0, null, "ping", "production", null, null);
            monitorStore.insertResult(monitor.id(), clock.instant(), "ok", 1.0, null, 5L, null);
        }
        fixture = Map.of("slug", "paged", "org", org, "project", "app", "team", org, "version", "shop@1.0", "key", "tier",
                "issue", issues.get(0).path("id").asString(), "channel", channel.json().path("id").asString(), "number", "1");
    }

    private void sendEvent(long projectId, String key) throws Exception {
        String event = ApiClient.JSON.writeValueAsString(Map.of("event_id", UUID.randomUUID().toString().replace("-", ""),
                "level", "error", "tags", Map.of("tier", "gold"),
                "exception", Map.of("values", List.of(Map.of("type", "Boom", "value", "it broke")))));
        HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId
                + "/store/?sentry_key=" + key)).POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    }

    /** Every GET of the API that the document says is paginated, with its path variables filled in. */
    private List<String> paginatedLists() {
        JsonNode paths = api.get(null, "/api/0/openapi.json").json().path("paths");
        List<String> lists = new ArrayList<>();
        paths.properties().forEach(entry -> {
            JsonNode parameters = entry.getValue().path("get").path("parameters");
            boolean paged = false;
            for (JsonNode parameter : parameters) {
                paged |= parameter.path("name").asString().equals("limit");
            }
            if (paged) {
                String path = entry.getKey().replace("notification-channels/{id}", "notification-channels/" + fixture.get("channel"))
                        .replace("{id}", fixture.get("issue"));
                for (var value : fixture.entrySet()) {
                    path = path.replace("{" + value.getKey() + "}", URLEncoder.encode(value.getValue(), StandardCharsets.UTF_8));
                }
                lists.add(path);
            }
        });
        assertThat(lists).as("the paginated endpoints in the OpenAPI document").hasSizeGreaterThanOrEqualTo(25)
                .contains("/api/0/organizations/" + fixture.get("org") + "/teams/", "/api/0/issues/" + fixture.get("issue") + "/events/");
        return lists;
    }

    @Test
    void limitSetsThePageSizeOfEveryList() {
        for (String list : paginatedLists()) {
            var page = api.get(tenant.ownerToken(), list + "?limit=1");
            assertThat(page.status()).as(list + " " + page).isEqualTo(200);
            assertThat(page.json().size()).as(list).isLessThanOrEqualTo(1);
            assertThat(page.header("Link")).as(list).contains("?limit=1&cursor=0:1:0>; rel=\"next\"");

            var perPage = api.get(tenant.ownerToken(), list + "?per_page=1");
            assertThat(perPage.header("Link")).as(list).contains("cursor=\"0:1:0\"");
        }
    }

    @Test
    void aBadPageSizeIsA400ThatNamesTheParameterOnEveryList() {
        for (String list : paginatedLists()) {
            for (String query : List.of("limit=0", "limit=101", "limit=ten", "limit=", "per_page=-1", "per_page=1.5")) {
                var response = api.get(tenant.ownerToken(), list + "?" + query);
                assertThat(response.status()).as(list + "?" + query).isEqualTo(400);
                assertThat(response.detail()).as(list + "?" + query).startsWith(query.substring(0, query.indexOf('=')) + ": must be");
            }
            var both = api.get(tenant.ownerToken(), list + "?per_page=5&limit=10");
            assertThat(both.status()).as(list).isEqualTo(400);
            assertThat(both.detail()).isEqualTo("per_page: and limit both set the page size and disagree (5 and 10): give one of them");
            var twice = api.get(tenant.ownerToken(), list + "?limit=5&limit=50");
            assertThat(twice.status()).as(list).isEqualTo(400);
            assertThat(twice.detail()).isEqualTo("limit: is given 2 times; give it once");
        }
    }

    @Test
    void thePagesOfALimitFollowOneAnother() {
        String org = fixture.get("org");
        for (int i = 0; i < 3; i++) {
            assertThat(api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/teams/", "{\"slug\":\"t" + i + "\"}").status())
                    .isEqualTo(201);
        }
        String teams = "/api/0/organizations/" + org + "/teams/";
        var first = api.get(tenant.ownerToken(), teams + "?limit=3");
        assertThat(first.json().size()).isEqualTo(3);
        assertThat(first.header("Link")).contains("results=\"true\"; cursor=\"0:3:0\"");
        var second = api.get(tenant.ownerToken(), teams + "?limit=3&cursor=0:3:0");
        assertThat(second.json().size()).as("four teams: the organization's first and three more").isEqualTo(1);
        assertThat(second.header("Link")).contains("rel=\"next\"; results=\"false\"");
    }

    @Test
    void aLongSearchComesBackInTheLinkHeaderInsteadOfA500() {
        String query = "message:" + "é".repeat(1300);
        String encoded = URLEncoder.encode(query, StandardCharsets.UTF_8);
        var page = api.get(tenant.ownerToken(), "/api/0/organizations/" + fixture.get("org") + "/issues/?query=" + encoded);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("Link")).contains("?query=" + encoded + "&cursor=0:0:1>", "?query=" + encoded + "&cursor=0:100:0>");
    }

    @Test
    void theLongestRequestTheServerAcceptsStillFitsItsLinkHeader() {
        String head = "GET /api/0/organizations/" + fixture.get("org") + "/issues/?query=message:";
        String headers = " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + tenant.ownerToken() + "\r\nConnection: close\r\n\r\n";
        int room = 8192 - head.length() - headers.length() - 16;
        String target = head + "%C3%A9".repeat(room / 6);
        RawHttp.Response page = RawHttp.send(port, (target + headers).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(page.status()).as("the request itself is within the server's limit").isEqualTo(200);
        assertThat(page.header("Link")).hasSizeGreaterThan(2 * room).contains("rel=\"next\"");
        assertThat(RawHttp.send(port, (target + "%C3%A9".repeat(4) + headers).getBytes(StandardCharsets.ISO_8859_1)).status())
                .as("a longer one is refused by the request limit, so no Link can outgrow the answer's").isEqualTo(400);
    }
}
