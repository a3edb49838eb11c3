package io.bugmaster.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/**
 * Paths under {@code /api} that no endpoint answers are a JSON 404 for everyone; paths that an
 * endpoint answers need a token first, so a caller without one learns nothing about which
 * organizations exist.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class ApiRoutingSqliteTest extends IntegrationTest {
    private static final List<String> NO_ENDPOINT = List.of("/api/-1/", "/api/-1/store/", "/api/", "/api", "/api/0",
            "/api/abc/store/", "/api/01/envelope/", "/api/0/nope/", "/api/0/organizations/default/nope/");

    @Test
    void aPathWithoutAnEndpointIsAJson404ForEveryone() {
        ApiClient api = new ApiClient(baseUrl());
        for (String token : Arrays.asList(null, "not-a-token", ADMIN_TOKEN)) {
            for (String path : NO_ENDPOINT) {
                for (String method : List.of("GET", "POST", "DELETE")) {
                    ApiClient.Response response = api.raw(method, token, path, HttpRequest.BodyPublishers.ofString("{}"), "application/json");
                    assertThat(response.status()).as(method + " " + path + " with token " + token + ": " + response).isEqualTo(404);
                    assertThat(response.detail()).isEqualTo("there is no API endpoint at " + path);
                }
            }
        }
    }

    @Test
    void anEndpointNeedsATokenWhetherItsOrganizationExistsOrNot() {
        Tenant tenant = newTenant();
        ApiClient api = new ApiClient(baseUrl());
        List<String> paths = List.of("/api/0/organizations/" + tenant.org().slug() + "/projects/",
                "/api/0/organizations/no-such-org-here/projects/", "/api/0/organizations/" + tenant.org().slug() + "/",
                "/api/0/organizations/no-such-org-here/");
        List<ApiClient.Response> answers = paths.stream().map(path -> api.get(null, path)).toList();
        for (ApiClient.Response answer : answers) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body()).isEqualTo(answers.get(0).body());
        }
        assertThat(api.delete(null, "/api/0/organizations/no-such-org-here/").status()).isEqualTo(401);
        assertThat(api.get("not-a-token", "/api/0/organizations/no-such-org-here/").status()).isEqualTo(401);

        String outsider = newTenant().ownerToken();
        ApiClient.Response someoneElses = api.get(outsider, "/api/0/organizations/" + tenant.org().slug() + "/");
        ApiClient.Response nobodys = api.get(outsider, "/api/0/organizations/no-such-org-here/");
        assertThat(someoneElses.status()).as("another organization reads like a missing one").isEqualTo(nobodys.status()).isEqualTo(404);
    }
}
