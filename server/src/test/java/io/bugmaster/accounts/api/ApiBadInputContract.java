package io.bugmaster.accounts.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.ApiClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client mistakes get a 4xx with a {@code detail} that names the problem (never a 500, never parser
 * internals), and leave nothing behind: the organization's objects are the same before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiBadInputContract extends IntegrationTest {
    static final String JSON = "application/json";
    static final String LONG_NAME = "n".repeat(65);

    ApiClient api;
    Tenant tenant;
    String project;
    String key;

    @BeforeEach
    void setUp() {
        api = new ApiClient(baseUrl());
        if (tenant == null) {
            tenant = newTenant();
            String org = tenant.org().slug();
            project = api.post(tenant.ownerToken(), "/api/0/teams/" + org + "/" + org + "/projects/", "{\"name\":\"app\"}")
                    .json().path("slug").asString();
            key = api.get(tenant.ownerToken(), "/api/0/projects/" + org + "/" + project + "/keys/").json().get(0)
                    .path("id").asString();
        }
    }

    static final String ORGS = "/api/0/organizations/";
    static final String ORG = "/api/0/organizations/{org}/";
    static final String TEAMS = "/api/0/organizations/{org}/teams/";
    static final String TEAM = "/api/0/teams/{org}/{org}/";
    static final String TEAM_PROJECTS = "/api/0/teams/{org}/{org}/projects/";
    static final String PROJECT = "/api/0/projects/{org}/{project}/";
    static final String KEYS = "/api/0/projects/{org}/{project}/keys/";
    static final String KEY = "/api/0/projects/{org}/{project}/keys/{key}/";
    static final String MEMBERS = "/api/0/organizations/{org}/members/";
    static final String ME = "/api/0/organizations/{org}/members/me/";

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // malformed JSON
                bad("POST", TEAMS, JSON, "{\"name\": }", 400, "request body is not valid JSON: "),
                bad("POST", TEAM_PROJECTS, JSON, "{\"name\": \"x\"", 400, "request body is not valid JSON: "),
                bad("POST", ORGS, JSON, "name=x", 400, "request body is not valid JSON: "),
                bad("PUT", KEY, JSON, "{'name': 'single quotes'}", 400, "request body is not valid JSON: "),
                // wrong types
                bad("POST", TEAMS, JSON, "{\"name\": 123}", 400, "field 'name': expected a string"),
                bad("POST", ORGS, JSON, "{\"name\": [\"a\"]}", 400, "field 'name': expected a string"),
                bad("PUT", PROJECT, JSON, "{\"platform\": true}", 400, "field 'platform': expected a string"),
                bad("PUT", KEY, JSON, "{\"isActive\": \"no\"}", 400, "field 'isActive': expected a boolean"),
                bad("POST", KEYS, JSON, "{\"rateLimit\": {\"window\": \"60\", \"count\": 5}}", 400,
                        "field 'rateLimit.window': expected an integer"),
                bad("POST", KEYS, JSON, "{\"rateLimit\": {\"window\": 1.5, \"count\": 5}}", 400,
                        "field 'rateLimit.window': expected an integer"),
                bad("POST", KEYS, JSON, "{\"rateLimit\": {\"window\": 60, \"count\": 99999999999}}", 400,
                        "field 'rateLimit.count': number is out of range"),
                bad("POST", KEYS, JSON, "{\"rateLimit\": 5}", 400, "field 'rateLimit': expected an object"),
                bad("POST", MEMBERS, JSON, "{\"email\": \"a@example.com\", \"teams\": \"ops\"}", 400,
                        "field 'teams': expected a list"),
                bad("POST", TEAMS, JSON, "[]", 400, "request body must be a JSON object"),
                bad("POST", TEAMS, JSON, "\"team\"", 400, "request body must be a JSON object"),
                // unknown fields
                bad("POST", TEAMS, JSON, "{\"name\": \"x\", \"foo\": 1}", 400, "unknown field 'foo'"),
                bad("PUT", KEY, JSON, "{\"rateLimit\": {\"window\": 1, \"count\": 1, \"burst\": 2}}", 400,
                        "unknown field 'rateLimit.burst'"),
                bad("PUT", PROJECT, JSON, "{\"isBookmarked\": true}", 400, "unknown field 'isBookmarked'"),
                bad("POST", ORGS, JSON, "{\"name\": \"x\", \"agreeTerms\": true}", 400, "unknown field 'agreeTerms'"),
                // over-long names
                bad("POST", ORGS, JSON, "{\"name\": \"" + LONG_NAME + "\"}", 400, "name: must be at most 64 characters, got 65"),
                bad("POST", TEAMS, JSON, "{\"name\": \"" + LONG_NAME + "\"}", 400, "name: must be at most 64 characters, got 65"),
                bad("POST", TEAM_PROJECTS, JSON, "{\"name\": \"" + LONG_NAME + "\"}", 400, "name: must be at most 64 characters"),
                bad("PUT", PROJECT, JSON, "{\"name\": \"" + LONG_NAME + "\"}", 400, "name: must be at most 64 characters"),
                bad("PUT", TEAM, JSON, "{\"name\": \"" + LONG_NAME + "\"}", 400, "name: must be at most 64 characters"),
                bad("PUT", ORG, JSON, "{\"name\": \"" + LONG_NAME + "\"}", 400, "name: must be at most 64 characters"),
                bad("POST", KEYS, JSON, "{\"name\": \"" + LONG_NAME + "\"}", 400, "name: must be at most 64 characters"),
                // bad slugs
                bad("POST", TEAMS, JSON, "{\"slug\": \"Bad Slug\"}", 400, "slug: must contain only lower-case letters"),
                bad("POST", TEAM_PROJECTS, JSON, "{\"name\": \"p\", \"slug\": \"-x\"}", 400, "slug: must contain only"),
                bad("POST", ORGS, JSON, "{\"name\": \"o\", \"slug\": \"123\"}", 400, "slug: must contain at least one letter"),
                bad("PUT", ORG, JSON, "{\"slug\": \"Bad Slug\"}", 400, "slug: must contain only"),
                bad("PUT", TEAM, JSON, "{\"slug\": \"-x\"}", 400, "slug: must contain only"),
                bad("PUT", PROJECT, JSON, "{\"slug\": \"123\"}", 400, "slug: must contain at least one letter"),
                // missing fields and bodies
                bad("POST", ORGS, JSON, "{}", 400, "name: is required"),
                bad("POST", TEAMS, JSON, "{}", 400, "name: is required"),
                bad("POST", TEAM_PROJECTS, JSON, "{}", 400, "name: is required"),
                bad("POST", MEMBERS, JSON, "{}", 400, "email: is required"),
                bad("PUT", ME, JSON, "{}", 400, "role: is required"),
                bad("POST", TEAMS, JSON, "", 400, "request body is missing"),
                bad("POST", TEAMS, JSON, "null", 400, "request body is missing"),
                bad("PUT", KEY, JSON, "", 400, "request body is missing"),
                // invalid values
                bad("POST", MEMBERS, JSON, "{\"email\": \"nope\"}", 400, "email: is not a valid email address"),
                bad("POST", MEMBERS, JSON, "{\"email\": \"half@example.com\", \"teams\": [\"nope\"]}", 400,
                        "teams: no team 'nope'"),
                bad("POST", MEMBERS, JSON, "{\"email\": \"boss@example.com\", \"role\": \"boss\"}", 400, "role: unknown role 'boss'"),
                bad("POST", KEYS, JSON, "{\"rateLimit\": {\"window\": 60}}", 400, "rateLimit: give both count and window"),
                bad("PUT", KEY, JSON, "{\"rateLimit\": {\"window\": 0, \"count\": 1}}", 400, "rateLimit.window: must be between"),
                bad("POST", TEAM_PROJECTS, JSON, "{\"name\": \"p\", \"platform\": \"Not A Platform\"}", 400, "platform: must be"),
                // media types, methods, paths
                bad("POST", TEAMS, "text/plain", "{\"name\": \"plain\"}", 415, "unsupported media type 'text/plain"),
                bad("POST", ORGS, "application/x-www-form-urlencoded", "name=form", 415, "unsupported media type"),
                bad("PATCH", ORG, JSON, "{\"name\": \"patched\"}", 405, "method PATCH is not allowed"),
                bad("DELETE", ORGS, null, null, 405, "method DELETE is not allowed"),
                bad("GET", "/api/0/nothing-here/", null, null, 404, "there is no API endpoint at /api/0/nothing-here/"),
                bad("GET", "/api/0/projects/{org}/{project}/keys/nope/", null, null, 404, "key 'nope' not found"));
    }

    static Arguments bad(String method, String path, String contentType, String body, int status, String detail) {
        return Arguments.of(method + " " + path + " " + (body == null ? "" : body.length() > 80 ? body.substring(0, 80) : body),
                method, path, contentType, body, status, detail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void clientMistakesAreNamedAndChangeNothing(String name, String method, String pathTemplate, String contentType,
            String body, int status, String detail) {
        String path = pathTemplate.replace("{org}", tenant.org().slug()).replace("{project}", project).replace("{key}", key);
        String before = snapshot();
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        var response = api.raw(method, tenant.ownerToken(), path, publisher, contentType);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.detail()).as(response.toString()).startsWith(detail);
        assertNoInternals(response.detail());
        assertThat(snapshot()).as("nothing was created or changed").isEqualTo(before);
    }

    @Test
    void theAllowHeaderNamesTheMethodsThatWork() {
        var response = api.send("DELETE", tenant.ownerToken(), "/api/0/organizations/", null);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).contains("GET").contains("POST");
    }

    @Test
    void aBodyOverOneMegabyteIsRefusedFromItsLength() {
        String before = snapshot();
        String huge = "{\"name\": \"" + "a".repeat(1_100_000) + "\"}";
        var response = api.post(tenant.ownerToken(), TEAMS.replace("{org}", tenant.org().slug()), huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.detail()).contains("larger than").contains("1 MB");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyOverOneMegabyteIsCutOffWhileStreaming() {
        String before = snapshot();
        byte[] huge = ("{\"name\": \"x\", \"slug\": \"" + "a".repeat(1_500_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        var response = api.raw("POST", tenant.ownerToken(), TEAMS.replace("{org}", tenant.org().slug()),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)), JSON);
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.detail()).contains("larger than");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aBodyJustUnderTheLimitIsReadAndJudgedOnItsContent() {
        String big = "{\"name\": \"" + "a".repeat(1_000_000) + "\"}";
        var response = api.post(tenant.ownerToken(), TEAMS.replace("{org}", tenant.org().slug()), big);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).startsWith("name: must be at most 64 characters");
    }

    static void assertNoInternals(String detail) {
        assertThat(detail).isNotBlank().doesNotContain("tools.jackson", "Exception", "java.", "[Source", "io.bugmaster",
                "REDACTED", "org.spring");
    }

    /** Everything a bad request could have created or changed in the tenant's organization. */
    String snapshot() {
        String org = tenant.org().slug();
        String token = tenant.ownerToken();
        return List.of("/api/0/organizations/", "/api/0/organizations/" + org + "/",
                "/api/0/organizations/" + org + "/teams/", "/api/0/organizations/" + org + "/projects/",
                "/api/0/projects/" + org + "/" + project + "/keys/", "/api/0/organizations/" + org + "/members/")
                .stream().map(path -> {
                    var response = api.get(token, path);
                    assertThat(response.status()).as(path).isEqualTo(200);
                    return path + " " + response.body();
                }).reduce("", (a, b) -> a + "\n" + b);
    }
}
