package io.bugmaster.testing;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Debian's Prometheus, unmodified, in tests: its own instance on loopback (a temporary data
 * directory, a free port), scraping the test server's {@code /actuator/prometheus} every second.
 * Needs the prometheus package (CI installs it).
 */
public final class RealPrometheus implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Path dir;
    private final Process process;
    private final int port;
    private final ApiClient api;

    private RealPrometheus(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.api = new ApiClient(url());
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts it scraping {@code 127.0.0.1:<bugmasterPort>/actuator/prometheus} and waits until it is ready. */
    public static RealPrometheus scraping(int bugmasterPort) throws IOException {
        Path dir = Files.createTempDirectory("bugmaster-prometheus-");
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: bugmaster
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(bugmasterPort));
        int port = LocalDaemons.freePort();
        ProcessBuilder start = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile());
        List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NO_PROXY", "no_proxy").forEach(start.environment()::remove);
        RealPrometheus prometheus = new RealPrometheus(dir, start.start(), port);
        prometheus.await("Prometheus ready", () -> prometheus.api.get(null, "/-/ready").status() == 200);
        return prometheus;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The value Prometheus has now for an instant query answering one series, or null while it has none. */
    Double value(String query) {
        JsonNode result = api.get(null, "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).json()
                .path("data").path("result");
        return result.size() == 1 ? Double.valueOf(result.get(0).path("value").get(1).asString()) : null;
    }

    /** Waits until Prometheus has scraped {@code value} for the query (it scrapes every second, on its own). */
    public void awaitValue(String query, double value) {
        await(query + " = " + value, () -> Double.valueOf(value).equals(value(query)));
    }

    private void await(String what, java.util.function.BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(60), what, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Prometheus stopped: " + log());
            }
            try {
                return condition.getAsBoolean();
            } catch (RuntimeException notYet) {
                return false;
            }
        }, done -> done);
    }

    private String log() {
        return LocalDaemons.log(dir.resolve("prometheus.log"));
    }

    @Override
    public void close() throws Exception {
        LocalDaemons.stop(process, dir);
    }
}
