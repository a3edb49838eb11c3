package io.bugmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Debian's Prometheus Alertmanager 0.25, unmodified, as a sender in tests: its own instance on
 * loopback with clustering off, a config given by the test, alerts posted to its API. Needs the
 * prometheus-alertmanager package (CI installs it).
 */
public final class RealAlertmanager implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    private final Path dir;
    private final Process process;
    private final ApiClient api;

    private RealAlertmanager(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.api = new ApiClient("http://127.0.0.1:" + port);
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts it with this {@code alertmanager.yml} and waits until it is ready. */
    public static RealAlertmanager start(String config) throws IOException {
        Path dir = Files.createTempDirectory("bugmaster-alertmanager-");
        Files.writeString(dir.resolve("alertmanager.yml"), config);
        int port = LocalDaemons.freePort();
        ProcessBuilder start = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--web.external-url=http://127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile());
        List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NO_PROXY", "no_proxy").forEach(start.environment()::remove);
        RealAlertmanager alertmanager = new RealAlertmanager(dir, start.start(), port);
        alertmanager.await("Alertmanager ready", alertmanager::ready);
        return alertmanager;
    }

    /** Posts alerts (a JSON array, Alertmanager's API v2 shape) as Prometheus would. */
    public void post(String alerts) {
        ApiClient.Response response = api.raw("POST", null, "/api/v2/alerts", HttpRequest.BodyPublishers.ofString(alerts), "application/json");
        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    /** Waits for something Alertmanager does on its own schedule, up to 60 s; fails at once if Alertmanager stopped. */
    public void await(String what, BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(60), what, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Alertmanager stopped: " + log());
            }
            return condition.getAsBoolean();
        }, done -> done);
    }

    private boolean ready() {
        try {
            return api.get(null, "/-/ready").status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private String log() {
        return LocalDaemons.log(dir.resolve("alertmanager.log"));
    }

    @Override
    public void close() throws Exception {
        LocalDaemons.stop(process, dir);
    }
}
