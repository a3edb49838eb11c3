package io.bugmaster.inbound;

import static io.bugmaster.inbound.InboundFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.incidents.AlertIntake.Action;
import io.bugmaster.incidents.AlertIntake.InboundAlert;
import io.bugmaster.incidents.AlertIntake.Link;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventsV2ParserTest {
    static final String KEY = "0123456789abcdef0123456789abcdef";

    static InboundAlert alert(String json) {
        EventsV2Parser.Parsed parsed = EventsV2Parser.event(utf8(json));
        assertThat(parsed).as("%s", parsed).isInstanceOf(EventsV2Parser.AlertEvent.class);
        assertThat(parsed.routingKey()).isEqualTo(KEY);
        return ((EventsV2Parser.AlertEvent) parsed).alert();
    }

    static List<String> errors(String json) {
        EventsV2Parser.Parsed parsed = EventsV2Parser.event(utf8(json));
        assertThat(parsed).as("%s", parsed).isInstanceOf(EventsV2Parser.Invalid.class);
        return ((EventsV2Parser.Invalid) parsed).errors();
    }

    static String trigger(String payload) {
        return "{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\",\"payload\":" + payload + "}";
    }

    @Test
    void readsAlertmanagersTriggerAsCaptured() {
        EventsV2Parser.Parsed parsed = EventsV2Parser.event(InboundFixtures.alertmanager("pagerduty-trigger"));
        InboundAlert alert = ((EventsV2Parser.AlertEvent) parsed).alert();
        assertThat(alert.action()).isEqualTo(Action.TRIGGER);
        assertThat(alert.dedupKey()).isEqualTo("6ffee1e057a4abecbdc9ea01c218182426f9bfd5e904cced0888b33b8e677673");
        assertThat(alert.summary()).isEqualTo("[FIRING:1] OrdersStuck (orders critical)");
        assertThat(alert.source()).isEqualTo("Alertmanager");
        assertThat(alert.severity()).isEqualTo("critical");
        assertThat(alert.details()).containsEntry("num_firing", "1").containsKey("firing");
        assertThat(alert.client()).isEqualTo("Alertmanager");
        assertThat(alert.clientUrl()).isEqualTo("http://alertmanager.example.com:9093/#/alerts?receiver=both");
    }

    @Test
    void readsAlertmanagersResolveAsCaptured() {
        InboundAlert alert = ((EventsV2Parser.AlertEvent) EventsV2Parser.event(InboundFixtures.alertmanager("pagerduty-resolve")))
                .alert();
        assertThat(alert.action()).isEqualTo(Action.RESOLVE);
        assertThat(alert.dedupKey()).isEqualTo("6ffee1e057a4abecbdc9ea01c218182426f9bfd5e904cced0888b33b8e677673");
    }

    @Test
    void readsEveryFieldOfATrigger() {
        InboundAlert alert = alert("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\",\"dedup_key\":\"disk-1\","
                + "\"payload\":{\"summary\":\"Disk full\",\"source\":\"db-1\",\"severity\":\"warning\","
                + "\"timestamp\":\"2026-12-04T18:50:31.123+01:00\",\"component\":\"postgres\",\"group\":\"prod\",\"class\":\"disk\","
                + "\"custom_details\":{\"free\":0,\"mounts\":[\"/\",\"/var\"],\"nested\":{\"a\":true}}},"
                + "\"images\":[{\"src\":\"https://img.example.com/graph.png\",\"href\":\"https://grafana.example.com/d/1\",\"alt\":\"Graph\"}],"
                + "\"links\":[{\"href\":\"https://runbooks.example.com/disk\",\"text\":\"Runbook\"}],"
                + "\"client\":\"Grafana\",\"client_url\":\"https://grafana.example.com\"}");
        assertThat(alert).isEqualTo(new InboundAlert(Action.TRIGGER, "disk-1", "Disk full", "db-1", "warning",
                Instant.parse("2026-12-04T17:50:31.123Z"), "postgres", "prod", "disk",
                Map.of("free", 0, "mounts", List.of("/", "/var"), "nested", Map.of("a", true)),
                List.of(new Link("https://grafana.example.com/d/1", "Graph"), new Link("https://runbooks.example.com/disk", "Runbook")),
                "Grafana", "https://grafana.example.com"));
    }

    @Test
    void acceptsExplicitNullsWhereverAFieldIsOptional() {
        // the shape pagerduty-client 3.1.2 sends
        InboundAlert alert = alert("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\",\"dedup_key\":null,"
                + "\"payload\":{\"summary\":\"s\",\"source\":\"src\",\"severity\":\"info\",\"timestamp\":null,\"component\":null,"
                + "\"group\":null,\"class\":null,\"custom_details\":null},\"images\":null,\"links\":null,\"client\":null,\"client_url\":null}");
        assertThat(alert.dedupKey()).isNull();
        assertThat(alert.details()).isEmpty();
        assertThat(alert.links()).isEmpty();
        InboundAlert ack = alert("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"acknowledge\",\"dedup_key\":\"k\","
                + "\"payload\":{\"summary\":null,\"source\":null,\"severity\":null,\"timestamp\":null},\"images\":null,\"links\":null}");
        assertThat(ack.action()).isEqualTo(Action.ACKNOWLEDGE);
        assertThat(ack.dedupKey()).isEqualTo("k");
    }

    @Test
    void aResolveNeedsNoPayload() {
        assertThat(alert("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"resolve\",\"dedup_key\":\"k\"}").action())
                .isEqualTo(Action.RESOLVE);
    }

    @Test
    void listsEveryMistakeOfATrigger() {
        assertThat(errors("{\"routing_key\":\"short\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"\",\"severity\":\"bad\","
                + "\"timestamp\":\"yesterday\",\"component\":7}}"))
                .containsExactly("routing_key must be 32 characters, got 5", "payload.summary must not be blank",
                        "payload.source is required", "payload.severity must be one of critical, error, warning, info, got \"bad\"",
                        "payload.timestamp must be an ISO 8601 date-time such as 2026-12-04T17:50:31Z, got \"yesterday\"",
                        "payload.component must be a string, got a number");
    }

    @Test
    void aTriggerNeedsAPayload() {
        assertThat(errors("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\"}"))
                .containsExactly("payload is required to trigger an alert");
        assertThat(errors("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\",\"payload\":\"x\"}"))
                .containsExactly("payload must be a JSON object, got a string");
    }

    @Test
    void theRoutingKeyAndActionAreRequired() {
        assertThat(errors("{\"payload\":{\"summary\":\"s\",\"source\":\"s\",\"severity\":\"info\"}}"))
                .containsExactly("routing_key is required", "event_action is required");
        assertThat(errors("{\"routing_key\":12,\"event_action\":\"page\"}"))
                .containsExactly("routing_key must be a string, got a number",
                        "event_action must be one of trigger, acknowledge, resolve, got \"page\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acknowledge", "resolve"})
    void acknowledgeAndResolveNeedADedupKey(String action) {
        assertThat(errors("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"" + action + "\"}"))
                .containsExactly("dedup_key is required to " + action + " an alert");
    }

    @Test
    void limitsAreCountedInCharacters() {
        String dedup255 = "é".repeat(255);
        assertThat(alert("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"resolve\",\"dedup_key\":\"" + dedup255 + "\"}")
                .dedupKey()).isEqualTo(dedup255);
        assertThat(errors("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"resolve\",\"dedup_key\":\"" + "k".repeat(256) + "\"}"))
                .containsExactly("dedup_key must be at most 255 characters, got 256");
        String summary1024 = "😀".repeat(1024);
        assertThat(alert(trigger("{\"summary\":\"" + summary1024 + "\",\"source\":\"s\",\"severity\":\"info\"}")).summary())
                .isEqualTo(summary1024);
        assertThat(errors(trigger("{\"summary\":\"" + "s".repeat(1025) + "\",\"source\":\"s\",\"severity\":\"info\"}")))
                .containsExactly("payload.summary must be at most 1024 characters, got 1025");
        assertThat(errors("{\"routing_key\":\"" + KEY + "x\",\"event_action\":\"resolve\",\"dedup_key\":\"k\"}"))
                .containsExactly("routing_key must be 32 characters, got 33");
    }

    @Test
    void customDetailsMayBeAnyJson() {
        assertThat(alert(trigger("{\"summary\":\"s\",\"source\":\"s\",\"severity\":\"info\",\"custom_details\":\"free text\"}"))
                .details()).isEqualTo(Map.of("custom_details", "free text"));
        assertThat(alert(trigger("{\"summary\":\"s\",\"source\":\"s\",\"severity\":\"info\",\"custom_details\":[1,2]}"))
                .details()).isEqualTo(Map.of("custom_details", List.of(1, 2)));
    }

    @Test
    void aTimestampWithoutOffsetIsUtc() {
        assertThat(alert(trigger("{\"summary\":\"s\",\"source\":\"s\",\"severity\":\"info\",\"timestamp\":\"2026-12-04T17:50:31\"}"))
                .timestamp()).isEqualTo(Instant.parse("2026-12-04T17:50:31Z"));
    }

    @Test
    void linksMustBeWebAddresses() {
        assertThat(errors("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\","
                + "\"payload\":{\"summary\":\"s\",\"source\":\"s\",\"severity\":\"info\"},"
                + "\"links\":[{\"href\":\"javascript:alert(1)\"},{\"text\":\"no href\"},7],"
                + "\"images\":[{\"src\":\"data:image/png;base64,AAAA\"}],\"client_url\":\"javascript:x\"}"))
                .containsExactly("images[0].src must be an http or https URL, got \"data:image/png;base64,AAAA\"",
                        "links[0].href must be an http or https URL, got \"javascript:alert(1)\"",
                        "links[1].href is required", "links[2] must be a JSON object, got a number",
                        "client_url must be an http or https URL, got \"javascript:x\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1]", "\"text\"", "{\"a\":1} {}", "{\"a\":1}x", "{'a':1}", "null"})
    void aBodyThatIsNoJsonObjectIsAnsweredWithTheReason(String body) {
        EventsV2Parser.Parsed parsed = EventsV2Parser.event(utf8(body));
        assertThat(((EventsV2Parser.Invalid) parsed).errors()).singleElement().asString().startsWith("the request body ");
        assertThat(parsed.routingKey()).isNull();
    }

    @Test
    void deepNestingIsRefusedWithoutARecursion() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        List<String> errors = errors(trigger("{\"summary\":\"s\",\"source\":\"s\",\"severity\":\"info\",\"custom_details\":" + deep + "}"));
        assertThat(errors).singleElement().asString().startsWith("the request body is not valid JSON: ").contains("nesting depth");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = utf8(trigger("{\"summary\":\"XX\",\"source\":\"s\",\"severity\":\"info\"}"));
        int at = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("XX");
        body[at] = (byte) 0xC3;
        body[at + 1] = (byte) 0x28;
        assertThat(((EventsV2Parser.Invalid) EventsV2Parser.event(body)).errors()).singleElement().asString()
                .startsWith("the request body is not valid JSON");
    }

    @Test
    void readsAChangeEvent() {
        EventsV2Parser.Parsed parsed = EventsV2Parser.change(utf8("{\"routing_key\":\"" + KEY + "\",\"payload\":{\"summary\":"
                + "\"Deployed api 1.4\",\"source\":\"ci\",\"timestamp\":\"2026-12-04T17:00:00Z\",\"custom_details\":{\"sha\":\"abc\"}},"
                + "\"links\":[{\"href\":\"https://ci.example.com/1\",\"text\":\"Build\"}]}"));
        assertThat(((EventsV2Parser.ChangeEvent) parsed).change()).isEqualTo(new io.bugmaster.incidents.AlertIntake.InboundChange(
                "Deployed api 1.4", "ci", Instant.parse("2026-12-04T17:00:00Z"), Map.of("sha", "abc"),
                List.of(new Link("https://ci.example.com/1", "Build"))));
        assertThat(((EventsV2Parser.Invalid) EventsV2Parser.change(utf8("{\"routing_key\":\"" + KEY + "\",\"payload\":{}}"))).errors())
                .containsExactly("payload.summary is required");
    }
}
