package io.bugmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/** Error issues made the way SDKs make them: an event sent to a project's store endpoint on the test server. */
public final class TestIssues {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestIssues() {}

    /** Sends an error event with this message (its own fingerprint) and returns its issue's id. */
    public static long issue(String baseUrl, String ownerToken, String org, String projectSlug, long projectId, ProjectKey key,
            String message) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String event = ApiClient.json("event_id", id, "platform", "java", "level", "error", "environment", "production",
                "fingerprint", java.util.List.of(UUID.randomUUID().toString()), "message", message);
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        ApiClient.Response r = new ApiClient(baseUrl).get(ownerToken, "/api/0/projects/" + org + "/" + projectSlug + "/events/" + id + "/");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return Long.parseLong(r.json().path("groupID").asString());
    }
}
