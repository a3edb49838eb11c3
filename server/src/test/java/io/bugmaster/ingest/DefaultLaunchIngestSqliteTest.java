package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.Launcher;
import io.bugmaster.testing.SqliteTestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sentry accepts events up to 1 MB decompressed, and so must a server started with the launcher's
 * defaults and no settings: the default ingest memory budget, computed from the heap a real JVM gets
 * from the launcher's options, holds the worst case it reserves for a 1 MB event (its parsed trees
 * counted at 40 bytes per byte) through every endpoint, and a few MB of attachments beside it.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class DefaultLaunchIngestSqliteTest extends IntegrationTest {
    static final int ONE_MB = IngestLimits.defaults().maxEventBytes();

    @DynamicPropertySource
    static void theDefaultBudgetOfTheLaunchersHeap(DynamicPropertyRegistry registry) {
        long budget = IngestMemory.defaultBudget(Launcher.defaultServerMaxMemory());
        registry.add("bugmaster.ingest-memory", () -> budget + "B");
    }

    @Autowired ProjectService projects;
    final HttpClient http = HttpClient.newHttpClient();

    record Project(long id, String key) {}

    Project project() {
        Tenant tenant = newTenant();
        String slug = unique("p");
        long id = projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "App", slug, "java").project().id();
        ProjectKey key = projects.listKeys(tenant.owner(), tenant.org().slug(), slug).get(0);
        return new Project(id, key.publicKey());
    }

    /** An error event of exactly {@code size} bytes of JSON: a few hundred breadcrumbs, padded in {@code extra}. */
    static byte[] event(String id, int size) {
        StringBuilder json = new StringBuilder("{\"event_id\":\"").append(id)
                .append("\",\"level\":\"error\",\"platform\":\"java\",\"message\":\"invoice export failed\",\"breadcrumbs\":{\"values\":[");
        for (int i = 0; i < 500; i++) {
            json.append(i == 0 ? "" : ",").append("{\"category\":\"http\",\"message\":\"GET /api/invoices/").append(i)
                    .append(" 200\",\"level\":\"info\",\"data\":{\"status_code\":200}}");
        }
        json.append("]},\"extra\":{\"export\":\"");
        String end = "\"}}";
        json.append("x".repeat(size - json.length() - end.length())).append(end);
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(size);
        return bytes;
    }

    static byte[] envelope(String id, byte[] event, byte[]... attachments) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\",\"length\":" + event.length + "}\n").getBytes(StandardCharsets.UTF_8));
        out.write(event);
        for (int i = 0; i < attachments.length; i++) {
            out.write(("\n{\"type\":\"attachment\",\"length\":" + attachments[i].length + ",\"filename\":\"dump-" + i
                    + ".bin\"}\n").getBytes(StandardCharsets.UTF_8));
            out.write(attachments[i]);
        }
        out.write('\n');
        return out.toByteArray();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    HttpResponse<String> post(Project project, String endpoint, byte[] body, String encoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + project.id() + "/" + endpoint + "/"))
                .header("X-Sentry-Auth", "Sentry sentry_version=7,sentry_key=" + project.key())
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    void assertStored(HttpResponse<String> response, String id) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains(id);
        assertThat(response.headers().firstValue("X-Sentry-Rate-Limits")).as("nothing of it was refused").isEmpty();
    }

    @Test
    void aOneMegabyteEventIsAcceptedByEveryEndpointPlainOrCompressed() throws Exception {
        Project project = project();
        String id = newId();
        assertStored(post(project, "store", event(id, ONE_MB), null), id);
        id = newId();
        assertStored(post(project, "store", gzip(event(id, ONE_MB)), "gzip"), id);
        id = newId();
        assertStored(post(project, "envelope", envelope(id, event(id, ONE_MB)), null), id);
        id = newId();
        assertStored(post(project, "envelope", gzip(envelope(id, event(id, ONE_MB))), "gzip"), id);
    }

    @Test
    void anEnvelopeOfAOneMegabyteEventAndAFewMegabytesOfAttachmentsIsAccepted() throws Exception {
        Project project = project();
        Random random = new Random(42);
        byte[][] attachments = new byte[4][1024 * 1024]; // incompressible, like a minidump
        for (byte[] attachment : attachments) {
            random.nextBytes(attachment);
        }
        String id = newId();
        assertStored(post(project, "envelope", envelope(id, event(id, ONE_MB), attachments), null), id);
        id = newId();
        assertStored(post(project, "envelope", gzip(envelope(id, event(id, ONE_MB), attachments)), "gzip"), id);
    }
}
