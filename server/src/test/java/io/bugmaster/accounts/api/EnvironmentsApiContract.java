package io.bugmaster.accounts.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectService;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A project's environments as Sentry's API has them: list by visibility, hide and show; on every database. */
abstract class EnvironmentsApiContract extends IntegrationTest {
    static final String ODD = "qa #1 ü?&x=1+2";

    @Autowired ProjectService projects;

    final HttpClient raw = HttpClient.newHttpClient();
    ApiClient http;
    Tenant tenant;
    String path;

    @BeforeEach
    void tenant() throws Exception {
        http = new ApiClient(baseUrl());
        tenant = newTenant();
        String org = tenant.org().slug();
        long projectId = projects.create(tenant.owner(), org, org, "Shop", "shop", "java").project().id();
        path = "/api/0/projects/" + org + "/shop/environments/";
        String key = projects.listKeys(tenant.owner(), org, "shop").get(0).publicKey();
        for (String environment : List.of("production", ODD, "staging")) {
            clock.advance(Duration.ofMinutes(1));
            String event = ApiClient.JSON.createObjectNode().put("message", "hello").put("environment", environment)
                    .put("timestamp", clock.instant().toString()).toString();
            HttpResponse<String> sent = raw.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId
                    + "/store/?sentry_key=" + key)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        }
    }

    static List<String> names(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().valueStream().map(n -> n.path("name").asString()).toList();
    }

    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void environmentsListByNameAndHideAndShowWithTheirNameEncodedInThePath() {
        String token = tenant.ownerToken();
        ApiClient.Response visible = http.get(token, path);
        assertThat(names(visible)).containsExactly("production", ODD, "staging");
        JsonNode first = visible.json().get(0);
        assertThat(first.path("id").asString()).isEqualTo("production");
        assertThat(first.path("isHidden").asBoolean()).isFalse();

        ApiClient.Response hidden = http.put(token, path + segment(ODD) + "/", "{\"isHidden\":true}");
        assertThat(hidden.status()).as(hidden.toString()).isEqualTo(200);
        assertThat(hidden.json().path("name").asString()).isEqualTo(ODD);
        assertThat(hidden.json().path("isHidden").asBoolean()).isTrue();
        assertThat(http.put(token, path + "staging", "{\"isHidden\":true}").status()).isEqualTo(200);

        assertThat(names(http.get(token, path))).containsExactly("production");
        assertThat(names(http.get(token, path + "?visibility=visible"))).containsExactly("production");
        assertThat(names(http.get(token, path + "?visibility=hidden"))).containsExactly(ODD, "staging");
        assertThat(names(http.get(token, path + "?visibility=all"))).containsExactly("production", ODD, "staging");
        assertThat(http.get(token, path + segment(ODD) + "/").json().path("isHidden").asBoolean()).isTrue();

        assertThat(http.put(token, path + segment(ODD) + "/", "{\"isHidden\":false}").json().path("isHidden").asBoolean())
                .isFalse();
        assertThat(names(http.get(token, path + "?visibility=hidden"))).containsExactly("staging");
    }

    @Test
    void theIssueStreamsPickerOffersTheVisibleEnvironmentsOfOneOrEveryProjectOnce() throws Exception {
        String org = tenant.org().slug();
        long webId = projects.create(tenant.owner(), org, org, "Web", "web", "javascript").project().id();
        String key = projects.listKeys(tenant.owner(), org, "web").get(0).publicKey();
        for (String environment : List.of("production", "dev")) {
            String event = ApiClient.JSON.createObjectNode().put("message", "hello").put("environment", environment)
                    .put("timestamp", clock.instant().toString()).toString();
            HttpResponse<String> sent = raw.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + webId
                    + "/store/?sentry_key=" + key)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        }
        projects.setEnvironmentHidden(tenant.owner(), org, "shop", "staging", true);
        projects.setEnvironmentHidden(tenant.owner(), org, "web", "dev", true);
        Tenant other = newTenant();
        projects.create(other.owner(), other.org().slug(), other.org().slug(), "Elsewhere", "elsewhere", "java");

        assertThat(projects.pickerEnvironments(tenant.owner(), org, null)).containsExactly("production", ODD);
        assertThat(projects.pickerEnvironments(tenant.owner(), org, "shop")).containsExactly("production", ODD);
        assertThat(projects.pickerEnvironments(tenant.owner(), org, "web")).containsExactly("production");
        assertThat(projects.pickerEnvironments(other.owner(), other.org().slug(), null)).isEmpty();
    }

    @Test
    void badRequestsNameTheProblem() {
        String token = tenant.ownerToken();
        ApiClient.Response badVisibility = http.get(token, path + "?visibility=some");
        assertThat(badVisibility.status()).isEqualTo(400);
        assertThat(badVisibility.json().path("detail").asString()).contains("visibility");
        ApiClient.Response noFlag = http.put(token, path + "production/", "{}");
        assertThat(noFlag.status()).isEqualTo(400);
        assertThat(noFlag.json().path("detail").asString()).contains("isHidden");
        assertThat(http.put(token, path + "nowhere/", "{\"isHidden\":true}").status()).isEqualTo(404);
        assertThat(http.get(token, path + "nowhere/").status()).isEqualTo(404);
    }

    @Test
    void readersCannotHideAndOtherOrganizationsSeeNothing() {
        String reader = token(tenant.owner(), List.of("project:read"));
        assertThat(names(http.get(reader, path))).hasSize(3);
        assertThat(http.put(reader, path + "production/", "{\"isHidden\":true}").status()).isEqualTo(403);
        Tenant other = newTenant();
        assertThat(http.get(other.ownerToken(), path).status()).isIn(403, 404);
        assertThat(http.put(other.ownerToken(), path + "production/", "{\"isHidden\":true}").status()).isIn(403, 404);
        assertThat(names(http.get(tenant.ownerToken(), path))).hasSize(3);
    }
}
