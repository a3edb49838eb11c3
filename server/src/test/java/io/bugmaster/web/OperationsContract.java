package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Health probes and Prometheus metrics, as a load balancer and a scraper see them. */
abstract class OperationsContract extends IntegrationTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void livenessAndReadinessAreUpWithoutLoggingIn() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void prometheusShowsTheEngineModulesAndTheDataSource() throws Exception {
        engine.runOnce();
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("bugmaster_engine_module_seconds_count{module=\"link-expiry\",outcome=\"success\"")
                .contains("hikaricp_connections_active")
                .contains("http_server_requests_seconds");
    }

    @Test
    void otherActuatorEndpointsAreNotExposed() throws Exception {
        for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/heapdump"}) {
            assertThat(get(path).statusCode()).as(path).isIn(302, 401, 404);
        }
    }
}
