package io.bugmaster.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/**
 * Prometheus Alertmanager 0.25 from Debian, unmodified, as the sender: one receiver with both a
 * {@code pagerduty_configs} entry whose {@code url} is Bugmaster's {@code /v2/enqueue} and a
 * {@code webhook_configs} entry with the Alertmanager integration's URL, each for its own service.
 * An alert posted to Alertmanager's API opens an alert on both services; posting it again with an
 * end in the past resolves both. Alertmanager listens on loopback with clustering off, and sends
 * only to Bugmaster on loopback. Needs the prometheus-alertmanager package (CI installs it).
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class AlertmanagerSenderSqliteTest extends IntegrationTest {
    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    Path dir;
    Process alertmanager;

    @AfterEach
    void stopAlertmanager() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly().waitFor();
            }
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void anAlertFromAlertmanagerOpensThenResolvesThroughBothReceivers() throws Exception {
        assumeTrue(Files.isExecutable(BINARY), "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager);"
                + " .ci/run installs it");
        Tenant tenant = newTenant();
        InboundServices services = new InboundServices(baseUrl(), tenant.ownerToken(), tenant.org().slug());
        String viaPagerDuty = services.service("Orders via PagerDuty " + unique("s"));
        String viaWebhook = services.service("Orders via webhook " + unique("s"));
        InboundServices.Integration events = services.integration(viaPagerDuty, "events_api_v2");
        InboundServices.Integration webhook = services.integration(viaWebhook, "alertmanager");
        String bugmaster = "http://127.0.0.1:" + port;
        int amPort = freePort();
        dir = Files.createTempDirectory("bugmaster-alertmanager-");
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: bugmaster
                  group_by: ['alertname']
                  group_wait: 100ms
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: bugmaster
                    pagerduty_configs:
                      - routing_key: '%s'
                        url: '%s/v2/enqueue'
                        send_resolved: true
                    webhook_configs:
                      - url: '%s%s'
                        send_resolved: true
                """.formatted(events.key(), bugmaster, bugmaster, webhook.url().substring(webhook.url().indexOf("/inbound/"))));
        ProcessBuilder start = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + amPort,
                "--web.external-url=http://127.0.0.1:" + amPort, "--cluster.listen-address=", "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile());
        List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NO_PROXY", "no_proxy").forEach(start.environment()::remove);
        alertmanager = start.start();
        ApiClient am = new ApiClient("http://127.0.0.1:" + amPort);
        await("Alertmanager ready", () -> ready(am));

        String alert = "{\"labels\":{\"alertname\":\"OrdersStuck\",\"service\":\"orders\",\"severity\":\"critical\"},"
                + "\"annotations\":{\"summary\":\"97 orders stuck in received\"},\"generatorURL\":\"http://127.0.0.1:9/graph\"";
        post(am, "[" + alert + "}]");
        await("both alerts open", () -> services.alerts(viaPagerDuty).size() == 1 && services.alerts(viaWebhook).size() == 1);
        assertThat(services.alerts(viaPagerDuty)).singleElement().asString().matches("[0-9a-f]{64} open");
        assertThat(services.alerts(viaWebhook)).singleElement().asString().matches("[0-9a-f]{16} open");
        assertThat(services.incidents(viaWebhook).get(0).get("title").asString()).contains("97 orders stuck in received");
        assertThat(services.incidents(viaPagerDuty).get(0).get("title").asString()).contains("[FIRING:1] OrdersStuck");

        // Alertmanager's own clock decides what has ended: an end a minute ago by the machine's time
        post(am, "[" + alert + ",\"endsAt\":\"" + Instant.now().minus(Duration.ofMinutes(1)) + "\"}]");
        await("both alerts resolved", () -> services.alerts(viaPagerDuty).get(0).endsWith(" resolved")
                && services.alerts(viaWebhook).get(0).endsWith(" resolved"));
        assertThat(services.alerts(viaPagerDuty)).hasSize(1);
        assertThat(services.alerts(viaWebhook)).hasSize(1);
    }

    private static boolean ready(ApiClient am) {
        try {
            return am.get(null, "/-/ready").status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    private static void post(ApiClient am, String alerts) {
        ApiClient.Response response = am.raw("POST", null, "/api/v2/alerts", HttpRequest.BodyPublishers.ofString(alerts), "application/json");
        assertThat(response.status()).as("%s", response).isEqualTo(200);
    }

    /** Waits for something Alertmanager does on its own schedule, checking every 100 ms for up to 60 s. */
    private void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.get()) {
            if (!alertmanager.isAlive()) {
                throw new AssertionError("Alertmanager stopped: " + log());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " within 60 s; Alertmanager's log: " + log());
            }
            Thread.sleep(100);
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("alertmanager.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
