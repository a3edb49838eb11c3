package io.bugmaster.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.RealAlertmanager;
import io.bugmaster.testing.SqliteTestDatabase;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void anAlertFromAlertmanagerOpensThenResolvesThroughBothReceivers() throws Exception {
        assumeTrue(RealAlertmanager.installed(), "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager);"
                + " .ci/run installs it");
        Tenant tenant = newTenant();
        InboundServices services = new InboundServices(baseUrl(), tenant.ownerToken(), tenant.org().slug());
        String viaPagerDuty = services.service("Orders via PagerDuty " + unique("s"));
        String viaWebhook = services.service("Orders via webhook " + unique("s"));
        InboundServices.Integration events = services.integration(viaPagerDuty, "events_api_v2");
        InboundServices.Integration webhook = services.integration(viaWebhook, "alertmanager");
        String bugmaster = "http://127.0.0.1:" + port;
        try (RealAlertmanager am = RealAlertmanager.start("""
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
                """.formatted(events.key(), bugmaster, bugmaster, webhook.url().substring(webhook.url().indexOf("/inbound/"))))) {
            String alert = "{\"labels\":{\"alertname\":\"OrdersStuck\",\"service\":\"orders\",\"severity\":\"critical\"},"
                    + "\"annotations\":{\"summary\":\"97 orders stuck in received\"},\"generatorURL\":\"http://127.0.0.1:9/graph\"";
            am.post("[" + alert + "}]");
            am.await("both alerts open", () -> services.alerts(viaPagerDuty).size() == 1 && services.alerts(viaWebhook).size() == 1);
            assertThat(services.alerts(viaPagerDuty)).singleElement().asString().matches("[0-9a-f]{64} open");
            assertThat(services.alerts(viaWebhook)).singleElement().asString().matches("[0-9a-f]{16} open");
            assertThat(services.incidents(viaWebhook).get(0).get("title").asString()).contains("97 orders stuck in received");
            assertThat(services.incidents(viaPagerDuty).get(0).get("title").asString()).contains("[FIRING:1] OrdersStuck");

            // Alertmanager's own clock decides what has ended: an end a minute ago by the machine's time
            am.post("[" + alert + ",\"endsAt\":\"" + Instant.now().minus(Duration.ofMinutes(1)) + "\"}]");
            am.await("both alerts resolved", () -> services.alerts(viaPagerDuty).get(0).endsWith(" resolved")
                    && services.alerts(viaWebhook).get(0).endsWith(" resolved"));
            assertThat(services.alerts(viaPagerDuty)).hasSize(1);
            assertThat(services.alerts(viaWebhook)).hasSize(1);
        }
    }
}
