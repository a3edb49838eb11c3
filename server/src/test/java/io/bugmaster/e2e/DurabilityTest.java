package io.bugmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.Poll;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An acknowledged event is durable: the server runs as a separate process on a SQLite data dir,
 * takes events from many threads, is killed with SIGKILL while requests are in flight, and every
 * event it had answered 200 for is in the database afterwards (read directly from the file, then
 * again after a restart on the same data dir).
 */
class DurabilityTest {
    static final String ADMIN_TOKEN = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    static final int EVENTS = 600;
    static final int THREADS = 8;
    static final int KILL_AFTER_ACKS = 250;

    @TempDir
    Path dataDir;
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    record Server(Process process, int port, Path log) {
        String url(String path) {
            return "http://localhost:" + port + path;
        }
    }

    /** The server from the test classpath in a JVM of its own; returns once it answers health checks. */
    Server start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Paths.get("target", "e2e-durability-" + port + ".log").toAbsolutePath();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "io.bugmaster.BugmasterApplication")
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("BUGMASTER_DATA_DIR", dataDir.toString());
        env.put("BUGMASTER_PORT", String.valueOf(port));
        env.put("BUGMASTER_BASE_URL", "http://localhost:" + port);
        env.put("BUGMASTER_ADMIN_EMAIL", "admin@example.com");
        env.put("BUGMASTER_ADMIN_PASSWORD", "correct horse battery staple");
        env.put("BUGMASTER_ADMIN_TOKEN", ADMIN_TOKEN);
        env.remove("BUGMASTER_DATABASE_URL");
        Process process = builder.start();
        started.add(process);
        Server server = new Server(process, port, log);
        Poll.until(Duration.ofSeconds(90), "the server on port " + port + " to be up (log: " + log + ")", () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + tail(log));
            }
            return RawSentry.send("GET", server.url("/actuator/health"), Map.of(), null, false).status();
        }, status -> status == 200);
        return server;
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static JsonNode api(Server server, String method, String path, String json) {
        RawSentry.Reply reply = RawSentry.send(method, server.url(path), RawSentry.headers("Authorization", "Bearer " + ADMIN_TOKEN,
                "Content-Type", "application/json"), json == null ? null : json.getBytes(StandardCharsets.UTF_8), false);
        assertThat(reply.status()).as(method + " " + path + ": " + reply).isBetween(200, 299);
        return reply.json();
    }

    Set<String> storedEventIds() throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("bugmaster.db"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT event_id FROM events")) {
            while (rs.next()) {
                ids.add(StoredEvents.normalizeId(rs.getString(1)));
            }
        }
        return ids;
    }

    @Test
    void everyAcknowledgedEventSurvivesAKill9() throws Exception {
        Server server = start();
        api(server, "POST", "/api/0/teams/default/default/projects/", "{\"name\":\"Durability\",\"slug\":\"durability\",\"platform\":\"java\"}");
        JsonNode key = api(server, "GET", "/api/0/projects/default/durability/keys/", null).get(0);
        URI dsn = URI.create(key.path("dsn").path("public").asString());
        assertThat(dsn.getPort()).as("the DSN names the server's port").isEqualTo(server.port());
        String publicKey = dsn.getUserInfo();
        String envelopeUrl = server.url("/api" + dsn.getPath() + "/envelope/");

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger otherStatuses = new AtomicInteger();
        List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch enoughAcks = new CountDownLatch(KILL_AFTER_ACKS);
        ExecutorService senders = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            senders.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < EVENTS) {
                    String id = RawSentry.newEventId();
                    byte[] body = RawSentry.gzip(RawSentry.envelope(id, RawSentry.event(id, "durable event " + (n % 7), "d" + (n % 5)),
                            null, true, true));
                    try {
                        RawSentry.Reply reply = RawSentry.post(envelopeUrl, RawSentry.headers("X-Sentry-Auth", RawSentry.auth(publicKey),
                                "Content-Type", "application/x-sentry-envelope", "Content-Encoding", "gzip"), body);
                        if (reply.status() == 200) {
                            assertThat(reply.json().path("id").asString()).isEqualTo(id);
                            acknowledged.add(id);
                            enoughAcks.countDown();
                        } else {
                            if (otherStatuses.incrementAndGet() <= 3) {
                                refusals.add(reply.toString());
                            }
                        }
                    } catch (UncheckedIOException e) {
                        // the server is gone: this event was never acknowledged
                        if (!server.process().isAlive()) {
                            return null;
                        }
                    }
                }
                return null;
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!enoughAcks.await(100, TimeUnit.MILLISECONDS) && next.get() < EVENTS + THREADS && System.nanoTime() < deadline) {
            // senders still at work
        }
        assertThat(enoughAcks.getCount()).as("%d events acknowledged before the kill; %d other replies, such as %s", KILL_AFTER_ACKS,
                otherStatuses.get(), refusals).isZero();
        server.process().destroyForcibly();
        assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        senders.shutdown();
        assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        Set<String> acked = Set.copyOf(acknowledged);
        assertThat(acked.size()).isGreaterThanOrEqualTo(KILL_AFTER_ACKS);

        // straight after the kill, from the file
        Set<String> stored = storedEventIds();
        assertThat(acked).as("acknowledged events missing from the database after kill -9 (of %d acknowledged, %d stored)",
                acked.size(), stored.size()).allMatch(stored::contains);

        // and after a restart on the same data dir, which also still takes events
        Server restarted = start();
        assertThat(storedEventIds()).containsAll(acked);
        String id = RawSentry.newEventId();
        RawSentry.Reply reply = RawSentry.post(restarted.url("/api" + dsn.getPath() + "/envelope/"),
                RawSentry.headers("X-Sentry-Auth", RawSentry.auth(publicKey)), RawSentry.envelope(id, RawSentry.event(id, "after restart", "r"),
                        null, true, true));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(storedEventIds()).contains(id);
        restarted.process().destroy();
        assertThat(restarted.process().waitFor(30, TimeUnit.SECONDS)).as("graceful stop").isTrue();
    }
}
