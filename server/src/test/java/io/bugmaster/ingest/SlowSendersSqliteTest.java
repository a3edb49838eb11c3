package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * Issue 8: senders that send their headers and then trickle the body must not take the ingest
 * slots of everyone else, nor hold a server thread without end on the REST API. Real sockets against
 * the running server; the body deadlines run on the test's clock.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SlowSendersSqliteTest extends IntegrationTest {
    private static final int SLOW_SENDERS = 40; // more than the 32 ingest slots

    @Autowired ProjectService projects;
    @Autowired BodyDeadlines deadlines;
    @Autowired IngestService ingest;
    final HttpClient http = HttpClient.newHttpClient();

    record Project(long id, String key) {}

    Project project() {
        Tenant tenant = newTenant();
        String slug = unique("p");
        long id = projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "App", slug, "java").project().id();
        ProjectKey key = projects.listKeys(tenant.owner(), tenant.org().slug(), slug).get(0);
        return new Project(id, key.publicKey());
    }

    HttpResponse<String> send(Project project) throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        String envelope = "{\"event_id\":\"" + id + "\"}\n{\"type\":\"event\"}\n{\"message\":\"checkout failed\",\"level\":\"error\"}\n";
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + project.id() + "/envelope/"))
                .header("X-Sentry-Auth", "Sentry sentry_version=7,sentry_key=" + project.key())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the headers of a 100 KB envelope and its first bytes, and no more. */
    Socket slowSender(Project project) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(15_000);
        String head = "POST /api/" + project.id() + "/envelope/ HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Sentry-Auth: Sentry sentry_version=7,sentry_key=" + project.key() + "\r\n"
                + "Content-Type: application/x-sentry-envelope\r\nContent-Length: 100000\r\n\r\n{\"event_id\":";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** What the server answered on the socket, up to the end of the connection (or the socket's timeout, when it keeps it open). */
    static String answer(Socket socket) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void slowSendersHoldNoIngestSlotAndAreCutOffAtTheirDeadline() throws Exception {
        Project hostile = project();
        Project other = project();
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_SENDERS; i++) {
                slow.add(slowSender(hostile));
            }
            for (int i = 0; i < 3000 && deadlines.pending() < SLOW_SENDERS; i++) {
                Thread.sleep(10);
            }
            assertThat(deadlines.pending()).as("bodies being received").isGreaterThanOrEqualTo(SLOW_SENDERS);

            // while they trickle, every project is served, the slow one's own SDKs included
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> response = send(other);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
            assertThat(send(hostile).statusCode()).isEqualTo(200);

            // one more byte each (the server's read timeout counts from the last byte), then past the deadline
            for (Socket socket : slow) {
                socket.getOutputStream().write('"');
                socket.getOutputStream().flush();
            }
            clock.advance(Duration.ofSeconds(31));
            for (Socket socket : slow) {
                String answer = answer(socket);
                assertThat(answer).startsWith("HTTP/1.1 408").contains("Connection: close")
                        .contains("{\"detail\":\"the request body did not arrive within 30 s");
            }
            for (int i = 0; i < 3000 && ingest.memoryHeld() > 0; i++) {
                Thread.sleep(10);
            }
            assertThat(ingest.memoryHeld()).as("memory held once the slow senders are gone").isZero();
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void anApiBodyStillArrivingPastItsDeadlineIsRefusedAtItsNextByte() throws Exception {
        Tenant tenant = newTenant();
        String slug = unique("p");
        projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "App", slug, "java");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            String head = "PUT /api/0/projects/" + tenant.org().slug() + "/" + slug + "/ HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + tenant.ownerToken() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"name\":";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // a byte now and then, each once the clock has passed the deadline, until the server answers
            socket.setSoTimeout(300);
            InputStream in = socket.getInputStream();
            int first = -1;
            for (int i = 0; i < 50 && first < 0; i++) {
                clock.advance(Duration.ofSeconds(31));
                socket.getOutputStream().write(' ');
                socket.getOutputStream().flush();
                try {
                    first = in.read();
                } catch (java.net.SocketTimeoutException e) {
                    // still reading the body
                }
            }
            socket.setSoTimeout(15_000);
            String answer = (char) first + answer(socket);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("Connection: close")
                    .contains("{\"detail\":\"request body did not arrive within 30 s\"}");
            assertThat(socket.getInputStream().read()).as("the connection is closed, not kept to drain the body").isEqualTo(-1);
        }
    }
}
