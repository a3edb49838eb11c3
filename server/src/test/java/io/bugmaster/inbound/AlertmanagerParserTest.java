package io.bugmaster.inbound;

import static io.bugmaster.inbound.InboundFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.incidents.AlertIntake.Action;
import io.bugmaster.incidents.AlertIntake.InboundAlert;
import io.bugmaster.incidents.AlertIntake.Link;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertmanagerParserTest {

    @Test
    void aFiringAlertAsCapturedTriggersByFingerprint() {
        AlertmanagerParser.Parsed parsed = AlertmanagerParser.parse(InboundFixtures.alertmanager("webhook-firing"));
        assertThat(parsed.errors()).isEmpty();
        InboundAlert alert = parsed.alerts().get(0);
        assertThat(parsed.alerts()).hasSize(1);
        assertThat(alert.action()).isEqualTo(Action.TRIGGER);
        assertThat(alert.dedupKey()).isEqualTo("28da9d3e64373fb1");
        assertThat(alert.summary()).isEqualTo("97 orders stuck in received");
        assertThat(alert.severity()).isEqualTo("critical");
        assertThat(alert.source()).isEqualTo("Alertmanager");
        assertThat(alert.className()).isEqualTo("OrdersStuck");
        assertThat(alert.timestamp()).isEqualTo(Instant.parse("2026-12-04T17:50:31Z"));
        assertThat(alert.details()).containsEntry("labels", Map.of("alertname", "OrdersStuck", "service", "orders", "severity", "critical"))
                .containsEntry("generatorURL", "http://prometheus.example.com/graph?g0.expr=orders_stuck")
                .containsEntry("startsAt", "2026-12-04T17:50:31Z").doesNotContainKey("endsAt");
        assertThat(alert.details().get("annotations")).isEqualTo(Map.of("runbook_url", "https://wiki.example.com/orders-stuck",
                "summary", "97 orders stuck in received"));
        assertThat(alert.links()).containsExactly(new Link("http://prometheus.example.com/graph?g0.expr=orders_stuck", "Source"),
                new Link("https://wiki.example.com/orders-stuck", "Runbook"),
                new Link("http://alertmanager.example.com:9093", "Alertmanager"));
        assertThat(alert.client()).isEqualTo("Alertmanager");
        assertThat(alert.clientUrl()).isEqualTo("http://alertmanager.example.com:9093");
    }

    @Test
    void aResolvedAlertAsCapturedResolvesTheSameFingerprint() {
        // Alertmanager sends an empty generatorURL on this resolve: no link, no error
        InboundAlert alert = AlertmanagerParser.parse(InboundFixtures.alertmanager("webhook-resolved")).alerts().get(0);
        assertThat(alert.action()).isEqualTo(Action.RESOLVE);
        assertThat(alert.dedupKey()).isEqualTo("28da9d3e64373fb1");
        assertThat(alert.timestamp()).isEqualTo(Instant.parse("2026-12-04T17:50:35Z"));
        assertThat(alert.links()).containsExactly(new Link("http://alertmanager.example.com:9093", "Alertmanager"));
    }

    @Test
    void eachAlertOfAGroupIsItsOwn() {
        AlertmanagerParser.Parsed parsed = AlertmanagerParser.parse(utf8("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":["
                + "{\"status\":\"firing\",\"fingerprint\":\"a1\",\"labels\":{\"alertname\":\"HighLatency\",\"job\":\"api\",\"instance\":\"10.0.0.1:9100\"}},"
                + "{\"status\":\"resolved\",\"fingerprint\":\"b2\",\"labels\":{\"alertname\":\"HighLatency\",\"job\":\"api\"}}]}"));
        assertThat(parsed.alerts()).extracting(InboundAlert::dedupKey, InboundAlert::action, InboundAlert::summary, InboundAlert::source,
                        InboundAlert::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a1", Action.TRIGGER, "HighLatency (10.0.0.1:9100 api)",
                                "10.0.0.1:9100", "error"),
                        org.assertj.core.groups.Tuple.tuple("b2", Action.RESOLVE, "HighLatency (api)", "api", "error"));
    }

    @ParameterizedTest
    @CsvSource({"critical,critical", "CRITICAL,critical", "page,critical", "error,error", "high,error", "warning,warning",
            "warn,warning", "info,info", "none,info", "whatever,error"})
    void theSeverityLabelInPagerDutysWords(String label, String severity) {
        assertThat(AlertmanagerParser.severity(label)).isEqualTo(severity);
        assertThat(AlertmanagerParser.severity(null)).isEqualTo("error");
    }

    @Test
    void theDescriptionIsTheSummaryWhenThereIsNone() {
        assertThat(AlertmanagerParser.summary(Map.of("alertname", "X"), Map.of("description", " Long text "))).isEqualTo("Long text");
        assertThat(AlertmanagerParser.summary(Map.of(), Map.of())).isEqualTo("alert");
    }

    @Test
    void listsWhatIsWrongWithEachAlert() {
        assertThat(AlertmanagerParser.parse(utf8("{\"alerts\":[{\"status\":\"pending\",\"labels\":{\"n\":1}},7,"
                + "{\"status\":\"firing\",\"fingerprint\":\"f\",\"startsAt\":\"soon\"}]}")).errors())
                .containsExactly("alerts[0].fingerprint is required", "alerts[0].status must be firing or resolved, got \"pending\"",
                        "alerts[0].labels.n must be a string, got a number", "alerts[1] must be a JSON object, got a number",
                        "alerts[2].startsAt must be an ISO 8601 date-time such as 2026-12-04T17:50:31Z, got \"soon\"");
        assertThat(AlertmanagerParser.parse(utf8("{\"routing_key\":\"x\"}")).errors())
                .containsExactly("alerts is required (this is not an Alertmanager webhook body)");
        assertThat(AlertmanagerParser.parse(utf8("not json")).errors()).singleElement().asString()
                .startsWith("the request body is not valid JSON");
    }
}
