package io.bugmaster.monitors.metric;

import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.OutboundHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Asks a Prometheus-compatible HTTP API (Prometheus, Thanos, Mimir, VictoriaMetrics) an instant
 * query: {@code POST <base>/api/v1/query} with the query form-encoded (the API's documented POST
 * form, which also carries queries too long for a URL), evaluated at the server's current time as
 * its own alerting rules are. Through {@link OutboundHttp}: the outbound policy, pinned addresses,
 * the notify timeout and a capped answer. Credentials: a bearer token (the data source's secret),
 * or basic auth when it has a user name.
 */
@Component
class PrometheusClient {
    static final String SERVICE = "Prometheus";
    private final OutboundHttp http;

    PrometheusClient(OutboundHttp http) {
        this.http = http;
    }

    /** Runs the query; never throws for the data source's failures (they are the answer's error). */
    PrometheusAnswer.Read query(DataSource source, String secret, String promql) {
        String base = source.url() == null ? "" : source.url().strip();
        String bad = badUrl(base);
        if (bad != null) {
            return new PrometheusAnswer.Read(List.of(), bad);
        }
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/query";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (secret != null && !secret.isEmpty()) {
            headers.put("Authorization", source.username() == null || source.username().isBlank() ? "Bearer " + secret
                    : "Basic " + Base64.getEncoder().encodeToString((source.username() + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            OutboundHttp.Answer answer = http.exchange(SERVICE, url, "application/x-www-form-urlencoded",
                    "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), headers);
            boolean truncated = answer.body().getBytes(StandardCharsets.UTF_8).length >= OutboundHttp.MAX_RESPONSE - 3;
            if (answer.status() == 401 || answer.status() == 403) {
                return new PrometheusAnswer.Read(List.of(), "Prometheus refused the credentials (HTTP " + answer.status()
                        + "): check the data source's token or user name and password");
            }
            return PrometheusAnswer.read(answer.status(), answer.body(), truncated);
        } catch (DeliveryException e) {
            return new PrometheusAnswer.Read(List.of(), e.getMessage());
        }
    }

    /** Null when {@code base} can be a Prometheus base URL, else why not. */
    static String badUrl(String base) {
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            return "the data source's URL is not a URL: " + PrometheusAnswer.clip(base, 100);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return "a Prometheus data source's URL is http(s)://host[:port][/path], like http://prometheus:9090";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "a Prometheus data source's URL is its base URL, without ?query or #fragment";
        }
        return null;
    }
}
