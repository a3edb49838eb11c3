package io.bugmaster.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.RawHttp;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.ContextConfiguration;

/**
 * What the receivers answer to requests they must refuse, over real HTTP: always JSON in
 * PagerDuty's words with the reason, never a login redirect, an HTML page or a 500, and never
 * more of a body read than the limit.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class InboundRefusalsSqliteTest extends IntegrationTest {
    private static final String UNKNOWN_KEY = "ffffffffffffffffffffffffffffffff";

    private ApiClient api() {
        return new ApiClient(baseUrl());
    }

    private ApiClient.Response post(String path, String body, String contentType) {
        return api().raw("POST", null, path, HttpRequest.BodyPublishers.ofString(body), contentType);
    }

    private static String trigger(String key) {
        return "{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"Disk full\","
                + "\"source\":\"db-1\",\"severity\":\"critical\"}}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/enqueue", "/v2/enqueue/"})
    void anUnknownRoutingKeyIsAnInvalidEvent(String path) {
        ApiClient.Response response = post(path, trigger(UNKNOWN_KEY), "application/json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Set-Cookie")).isNull();
        assertThat(response.body()).isEqualTo("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                + "\"errors\":[\"routing_key is invalid: no Events API v2 integration has this key\"]}");
    }

    @Test
    void curlsDefaultFormContentTypeIsReadAsJson() {
        // curl -d sends application/x-www-form-urlencoded: the body must still be read, not taken as a form
        ApiClient.Response response = post("/v2/enqueue", trigger(UNKNOWN_KEY), "application/x-www-form-urlencoded");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).asString()).startsWith("routing_key is invalid");
    }

    @Test
    void theReasonsOfAnUnknownKeyAndABadBodyAreListedTogether() {
        ApiClient.Response response = post("/v2/enqueue", "{\"routing_key\":\"" + UNKNOWN_KEY + "\",\"event_action\":\"trigger\","
                + "\"payload\":{\"summary\":\"s\",\"source\":\"s\",\"severity\":\"fatal\"}}", "application/json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").toString()).isEqualTo("[\"routing_key is invalid: no Events API v2 integration has this key\","
                + "\"payload.severity must be one of critical, error, warning, info, got \\\"fatal\\\"\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"routing_key\": \"x\"", "{\"a\":1}{}"})
    void aBodyThatIsNoJsonObjectGetsTheReason(String body) {
        for (String path : new String[] {"/v2/enqueue", "/v2/change/enqueue"}) {
            ApiClient.Response response = post(path, body, "application/json");
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.json().get("status").asString()).isEqualTo("invalid event");
            assertThat(response.json().get("errors").get(0).asString()).startsWith("the request body ");
        }
    }

    @Test
    void deepNestingIsA400() {
        String deep = "[".repeat(50_000) + "]".repeat(50_000);
        ApiClient.Response response = post("/v2/enqueue", "{\"routing_key\":\"" + UNKNOWN_KEY + "\",\"event_action\":\"trigger\","
                + "\"payload\":{\"summary\":\"s\",\"source\":\"s\",\"severity\":\"info\",\"custom_details\":" + deep + "}}", "application/json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).asString()).contains("nesting depth");
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedWithoutReadingIt() {
        RawHttp.Response response = RawHttp.send(port, ("POST /v2/enqueue HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (512 * 1024 + 1) + "\r\nConnection: close\r\n\r\n{")
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("errors").get(0).asString())
                .isEqualTo("the request body is larger than the limit of 524288 bytes (512 KB)");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() {
        StringBuilder request = new StringBuilder("POST /v2/enqueue HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        String chunk = "x".repeat(4096);
        for (int i = 0; i < 130; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        RawHttp.Response response = RawHttp.send(port, request.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("status").asString()).isEqualTo("invalid event");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/enqueue", "/v2/change/enqueue", "/inbound/alertmanager/k", "/inbound/generic/k"})
    void onlyPostIsAllowed(String path) {
        ApiClient.Response response = api().get(null, path);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("POST");
        assertThat(response.json().get("errors").get(0).asString()).isEqualTo("send the event with POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alertmanager", "generic"})
    void aWebhookWithAnUnknownKeyIsNotFound(String kind) {
        ApiClient.Response response = post("/inbound/" + kind + "/" + UNKNOWN_KEY, "{\"alerts\":[]}", "application/json");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"status\":\"invalid event\",\"message\":\"Unknown integration key\","
                + "\"errors\":[\"no " + kind + " integration has the key in this URL\"]}");
    }
}
