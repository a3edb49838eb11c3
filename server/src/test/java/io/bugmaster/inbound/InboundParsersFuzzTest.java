package io.bugmaster.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bugmaster.incidents.AlertIntake.Action;
import io.bugmaster.incidents.AlertIntake.InboundAlert;
import java.util.List;

/**
 * Fuzzes the receivers' parsers (seeds in InboundParsersFuzzTestInputs/) with any bytes: each
 * answers without an exception, either with alert events that keep PagerDuty's rules or with a
 * non-empty list of short, printable reasons.
 */
class InboundParsersFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void eventsV2(byte[] input) {
        EventsV2Parser.Parsed parsed = EventsV2Parser.event(input);
        if (parsed.routingKey() != null) {
            assertThat(parsed.routingKey()).hasSize(EventsV2Parser.ROUTING_KEY_LENGTH);
        }
        if (parsed instanceof EventsV2Parser.Invalid invalid) {
            checkErrors(invalid.errors());
        } else if (parsed instanceof EventsV2Parser.AlertEvent event) {
            checkAlert(event.alert());
            if (event.alert().action() != Action.TRIGGER) {
                assertThat(event.alert().dedupKey()).isNotBlank();
            }
        }
        EventsV2Parser.Parsed change = EventsV2Parser.change(input);
        if (change instanceof EventsV2Parser.Invalid invalid) {
            checkErrors(invalid.errors());
        } else if (change instanceof EventsV2Parser.ChangeEvent event) {
            assertThat(event.change().summary()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "10m")
    void webhooks(byte[] input) {
        AlertmanagerParser.Parsed alertmanager = AlertmanagerParser.parse(input);
        if (alertmanager.errors().isEmpty()) {
            alertmanager.alerts().forEach(InboundParsersFuzzTest::checkAlert);
        } else {
            checkErrors(alertmanager.errors());
            assertThat(alertmanager.alerts()).isEmpty();
        }
        GenericWebhookParser.Parsed generic = GenericWebhookParser.parse(input);
        if (generic.alert() != null) {
            checkAlert(generic.alert());
            assertThat(generic.errors()).isEmpty();
        } else {
            checkErrors(generic.errors());
        }
    }

    private static void checkAlert(InboundAlert alert) {
        assertThat(alert.action()).isNotNull();
        if (alert.dedupKey() != null) {
            assertThat(alert.dedupKey().codePointCount(0, alert.dedupKey().length())).isLessThanOrEqualTo(EventsV2Parser.MAX_DEDUP_KEY);
        }
        if (alert.action() == Action.TRIGGER) {
            assertThat(alert.summary()).isNotBlank();
            assertThat(alert.summary().codePointCount(0, alert.summary().length())).isLessThanOrEqualTo(EventsV2Parser.MAX_SUMMARY);
            assertThat(alert.source()).isNotBlank();
            assertThat(alert.severity()).isIn(InboundJson.SEVERITIES);
        }
        alert.links().forEach(link -> assertThat(link.href()).matches("(?i)https?://.+"));
    }

    private static void checkErrors(List<String> errors) {
        assertThat(errors).isNotEmpty().allSatisfy(error -> assertThat(error).isNotBlank().hasSizeLessThan(600)
                .doesNotContainPattern("[\\x00-\\x1f]"));
    }
}
