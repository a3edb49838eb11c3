package io.bugmaster.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Counting a project's events for event-volume monitors, on a real database, with events sent to the store endpoint. */
abstract class EventVolumeContract extends IntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    ProjectService projects;
    @Autowired
    EventStore store;

    void send(long projectId, ProjectKey key, String message, String tags) throws Exception {
        String event = """
                {"event_id":"%s","platform":"javascript","level":"info","message":"%s","tags":%s}"""
                .formatted(UUID.randomUUID().toString().replace("-", ""), message, tags);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    void sendTransaction(long projectId, ProjectKey key, String name) throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        double end = clock.instant().toEpochMilli() / 1000.0;
        String payload = """
                {"event_id":"%s","type":"transaction","transaction":"%s","start_timestamp":%s,"timestamp":%s,"platform":"javascript",
                "contexts":{"trace":{"trace_id":"%s","span_id":"%s","op":"http.server"}}}"""
                .formatted(id, name, end - 0.2, end, UUID.randomUUID().toString().replace("-", ""), id.substring(0, 16)).replace("\n", "");
        String envelope = "{\"event_id\":\"" + id + "\"}\n{\"type\":\"transaction\"}\n" + payload + "\n";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/envelope/"))
                .header("X-Sentry-Auth", "Sentry sentry_key=" + key.publicKey() + ", sentry_version=7")
                .header("Content-Type", "application/x-sentry-envelope")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aTransactionFilterCountsTransactionsOfThatName(@Autowired EventVolume volume) throws Exception {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        String slug = unique("api");
        long projectId = projects.create(tenant.owner(), org, org, "API", slug, "javascript").project().id();
        ProjectKey key = projects.listKeys(tenant.owner(), org, slug).get(0);
        Instant from = clock.instant();
        sendTransaction(projectId, key, "POST /checkout");
        sendTransaction(projectId, key, "POST /checkout");
        sendTransaction(projectId, key, "GET /login");
        send(projectId, key, "POST /checkout", "{}");
        Instant to = clock.instant().plusMillis(1);
        assertThat(volume.count(projectId, from, to, new EventVolume.Filter(null, null, null, "POST /checkout"))).isEqualTo(2);
        assertThat(volume.count(projectId, from, to, new EventVolume.Filter(null, null, "checkout", null))).isEqualTo(3);
        assertThat(volume.count(projectId, from, to, EventVolume.Filter.ALL)).isEqualTo(4);
    }

    @Test
    void aTagFilterOpensPayloadsUpToItsLimitAndThenSaysWhatToDoInstead() throws Exception {
        Tenant tenant = newTenant();
        String org = tenant.org().slug();
        String slug = unique("web");
        long projectId = projects.create(tenant.owner(), org, org, "Web", slug, "javascript").project().id();
        ProjectKey key = projects.listKeys(tenant.owner(), org, slug).get(0);
        Instant from = clock.instant();
        send(projectId, key, "login succeeded", "{\"provider\":\"facebook\"}");
        send(projectId, key, "login succeeded", "{\"provider\":\"google\"}");
        send(projectId, key, "login succeeded", "[[\"provider\",\"facebook\"]]");
        long to = clock.instant().toEpochMilli() + 1;

        assertThat(store.countReceivedWithTag(projectId, from.toEpochMilli(), to, "login", null, "provider", "facebook", 3)).isEqualTo(2);
        assertThat(store.countReceivedWithTag(projectId, from.toEpochMilli(), to, "logout", null, "provider", "facebook", 0)).isZero();
        assertThatThrownBy(() -> store.countReceivedWithTag(projectId, from.toEpochMilli(), to, null, null, "provider", "facebook", 2))
                .isInstanceOf(EventVolume.TooManyToFilter.class)
                .hasMessage("more than 2 events in an hour to filter on the tag 'provider' (it reads each one): filter on a message, a"
                        + " transaction, or level, environment or release instead");
    }
}
