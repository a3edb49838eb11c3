package io.bugmaster.accounts.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenant isolation and authorization for every accounts endpoint: another organization's owner
 * gets 404 (never 403, never data); a viewer reads but cannot write (403); a token without the
 * needed scope gets 403; no token gets 401. Nothing of tenant A changes in any of these.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiIsolationContract extends IntegrationTest {

    /** One endpoint on tenant A's objects: whether it writes, and the token scope it needs. */
    record Endpoint(String method, String path, String body, boolean write, String scope) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            //            method    path                                                          body                          write  scope
            new Endpoint("GET",    "/api/0/organizations/{org}/",                                  null,                         false, Scopes.ORG_READ),
            new Endpoint("PUT",    "/api/0/organizations/{org}/",                                  "{\"name\":\"Hijacked\"}",    true,  Scopes.ORG_WRITE),
            new Endpoint("GET",    "/api/0/organizations/{org}/teams/",                            null,                         false, Scopes.TEAM_READ),
            new Endpoint("POST",   "/api/0/organizations/{org}/teams/",                            "{\"slug\":\"intruders\"}",   true,  Scopes.TEAM_WRITE),
            new Endpoint("GET",    "/api/0/teams/{org}/{team}/",                                   null,                         false, Scopes.TEAM_READ),
            new Endpoint("PUT",    "/api/0/teams/{org}/{team}/",                                   "{\"name\":\"Hijacked\"}",    true,  Scopes.TEAM_WRITE),
            new Endpoint("DELETE", "/api/0/teams/{org}/{team}/",                                   null,                         true,  Scopes.TEAM_ADMIN),
            new Endpoint("GET",    "/api/0/teams/{org}/{team}/projects/",                          null,                         false, Scopes.PROJECT_READ),
            new Endpoint("POST",   "/api/0/teams/{org}/{team}/projects/",                          "{\"slug\":\"intruder\"}",    true,  Scopes.PROJECT_WRITE),
            new Endpoint("GET",    "/api/0/organizations/{org}/projects/",                         null,                         false, Scopes.PROJECT_READ),
            new Endpoint("GET",    "/api/0/projects/{org}/{project}/",                             null,                         false, Scopes.PROJECT_READ),
            new Endpoint("PUT",    "/api/0/projects/{org}/{project}/",                             "{\"name\":\"Hijacked\"}",    true,  Scopes.PROJECT_WRITE),
            new Endpoint("DELETE", "/api/0/projects/{org}/{project}/",                             null,                         true,  Scopes.PROJECT_ADMIN),
            new Endpoint("GET",    "/api/0/projects/{org}/{project}/keys/",                        null,                         false, Scopes.PROJECT_READ),
            new Endpoint("POST",   "/api/0/projects/{org}/{project}/keys/",                        "{\"name\":\"Stolen\"}",      true,  Scopes.PROJECT_WRITE),
            new Endpoint("GET",    "/api/0/projects/{org}/{project}/keys/{key}/",                  null,                         false, Scopes.PROJECT_READ),
            new Endpoint("PUT",    "/api/0/projects/{org}/{project}/keys/{key}/",                  "{\"isActive\":false}",       true,  Scopes.PROJECT_WRITE),
            new Endpoint("DELETE", "/api/0/projects/{org}/{project}/keys/{key}/",                  null,                         true,  Scopes.PROJECT_WRITE),
            new Endpoint("POST",   "/api/0/projects/{org}/{project}/keys/{key}/rotate/",           null,                         true,  Scopes.PROJECT_WRITE),
            new Endpoint("GET",    "/api/0/organizations/{org}/members/",                          null,                         false, Scopes.MEMBER_READ),
            new Endpoint("POST",   "/api/0/organizations/{org}/members/",                          "{\"email\":\"intruder@example.com\"}", true, Scopes.MEMBER_WRITE),
            new Endpoint("GET",    "/api/0/organizations/{org}/members/{member}/",                 null,                         false, Scopes.MEMBER_READ),
            new Endpoint("PUT",    "/api/0/organizations/{org}/members/{member}/",                 "{\"role\":\"admin\"}",       true,  Scopes.MEMBER_ADMIN),
            new Endpoint("DELETE", "/api/0/organizations/{org}/members/{member}/",                 null,                         true,  Scopes.MEMBER_ADMIN),
            new Endpoint("POST",   "/api/0/organizations/{org}/members/{member}/teams/{team}/",    null,                         true,  Scopes.TEAM_WRITE),
            new Endpoint("DELETE", "/api/0/organizations/{org}/members/{member}/teams/{team}/",    null,                         true,  Scopes.TEAM_WRITE));

    ApiClient api;
    Tenant a;
    Tenant b;
    String team;
    String project;
    String key;
    String memberId;
    String viewerToken;
    String bProject;

    @BeforeEach
    void setUp() {
        api = new ApiClient(baseUrl());
        if (a != null) {
            return;
        }
        a = newTenant();
        b = newTenant();
        String org = a.org().slug();
        team = "squad";
        assertThat(api.post(a.ownerToken(), "/api/0/organizations/" + org + "/teams/", "{\"slug\":\"squad\"}").status())
                .isEqualTo(201);
        project = api.post(a.ownerToken(), "/api/0/teams/" + org + "/squad/projects/", "{\"slug\":\"app\"}")
                .json().path("slug").asString();
        key = api.get(a.ownerToken(), "/api/0/projects/" + org + "/app/keys/").json().get(0).path("id").asString();
        User member = newUser("password-member-1");
        memberId = api.post(a.ownerToken(), "/api/0/organizations/" + org + "/members/",
                "{\"email\":\"" + member.email() + "\",\"teams\":[\"squad\"]}").json().path("id").asString();
        viewerToken = memberToken(a, Role.VIEWER);
        String bOrg = b.org().slug();
        bProject = api.post(b.ownerToken(), "/api/0/teams/" + bOrg + "/" + bOrg + "/projects/", "{\"slug\":\"b-app\"}")
                .json().path("slug").asString();
    }

    static Stream<Arguments> endpoints() {
        return ENDPOINTS.stream().map(Arguments::of);
    }

    static Stream<Arguments> writes() {
        return ENDPOINTS.stream().filter(Endpoint::write).map(Arguments::of);
    }

    static Stream<Arguments> reads() {
        return ENDPOINTS.stream().filter(endpoint -> !endpoint.write()).map(Arguments::of);
    }

    String path(Endpoint endpoint) {
        return endpoint.path().replace("{org}", a.org().slug()).replace("{team}", team).replace("{project}", project)
                .replace("{key}", key).replace("{member}", memberId);
    }

    ApiClient.Response call(String token, Endpoint endpoint, String path) {
        return api.send(endpoint.method(), token, path, endpoint.body() == null && endpoint.method().equals("PUT")
                ? "{}" : endpoint.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anotherOrganizationsOwnerGetsNotFound(Endpoint endpoint) {
        String before = snapshot();
        var response = call(b.ownerToken(), endpoint, path(endpoint));
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertOnlyDetail(response);
        assertThat(snapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void objectsOfAnotherOrganizationAreNotFoundThroughOnesOwn(Endpoint endpoint) {
        // tenant B's own organization and project in the path, tenant A's team, key and member ids
        String path = endpoint.path().replace("{org}", b.org().slug()).replace("{project}", bProject)
                .replace("{team}", team).replace("{key}", key).replace("{member}", memberId);
        if (!endpoint.path().matches(".*\\{(team|key|member)}.*")) {
            return; // the endpoint names no object of A below the organization and project: B may use it on its own
        }
        String before = snapshot();
        var response = call(b.ownerToken(), endpoint, path);
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertOnlyDetail(response);
        assertThat(response.detail()).as("A's object is what is not found").containsAnyOf("'" + team + "'", "'" + key + "'",
                "'" + memberId + "'");
        assertThat(snapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void aViewerReads(Endpoint endpoint) {
        var response = call(viewerToken, endpoint, path(endpoint));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aViewerCannotWrite(Endpoint endpoint) {
        String before = snapshot();
        var response = call(viewerToken, endpoint, path(endpoint));
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertOnlyDetail(response);
        assertThat(snapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aTokenWithoutTheNeededScopeIsForbidden(Endpoint endpoint) {
        List<String> allButOne = new ArrayList<>(Scopes.ALL);
        allButOne.remove(endpoint.scope());
        String narrow = token(a.owner(), allButOne);
        String before = snapshot();
        var response = call(narrow, endpoint, path(endpoint));
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.detail()).contains(endpoint.scope());
        assertThat(snapshot()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void noTokenOrAnUnknownTokenIsUnauthorized(Endpoint endpoint) {
        String before = snapshot();
        for (String token : new String[] {null, "0".repeat(64)}) {
            var response = call(token, endpoint, path(endpoint));
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertOnlyDetail(response);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void organizationListsShowOnlyOnesOwnOrganizations() {
        List<String> slugs = AccountsApiContract.slugs(api.get(b.ownerToken(), "/api/0/organizations/").json());
        assertThat(slugs).containsExactly(b.org().slug());
    }

    @Test
    void anotherUsersTokenCannotBeRevoked() {
        String aTokenId = api.get(a.ownerToken(), "/api/0/api-tokens/").json().get(0).path("id").asString();
        var response = api.delete(b.ownerToken(), "/api/0/api-tokens/" + aTokenId + "/");
        assertThat(response.status()).isEqualTo(404);
        assertThat(api.get(a.ownerToken(), "/api/0/api-tokens/").status()).isEqualTo(200);
        assertThat(api.get(b.ownerToken(), "/api/0/api-tokens/").json().toString()).doesNotContain("\"id\":\"" + aTokenId + "\"");
    }

    @Test
    void aTokenWithoutOrgReadCannotListOrganizations() {
        String narrow = token(a.owner(), List.of(Scopes.PROJECT_READ));
        assertThat(api.get(narrow, "/api/0/organizations/").status()).isEqualTo(403);
        assertThat(api.post(narrow, "/api/0/organizations/", "{\"name\":\"Nope\"}").status()).isEqualTo(403);
    }

    static void assertOnlyDetail(ApiClient.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().propertyNames().forEach(fields::add);
        assertThat(fields).containsExactly("detail");
    }

    /** Tenant A's state as its owner sees it. */
    String snapshot() {
        String org = a.org().slug();
        return Stream.of("/api/0/organizations/" + org + "/", "/api/0/organizations/" + org + "/teams/",
                "/api/0/organizations/" + org + "/projects/", "/api/0/projects/" + org + "/" + project + "/keys/",
                "/api/0/organizations/" + org + "/members/")
                .map(path -> {
                    var response = api.get(a.ownerToken(), path);
                    assertThat(response.status()).as(path).isEqualTo(200);
                    return response.body();
                }).reduce("", (x, y) -> x + "\n" + y);
    }
}
