package io.bugmaster.notify.ntfy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.notify.Channel;
import io.bugmaster.notify.Delivered;
import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotifyProperties;
import io.bugmaster.notify.OutboundHttp;
import io.bugmaster.notify.Receiver;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ntfy against a real receiver that checks the request against ntfy's publish format (PROTOCOLS section 11). */
class NtfyTransportTest {
    static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");
    final Receiver receiver = new Receiver().answering(200,
            "{\"id\":\"sPs71M8A2T\",\"time\":1764903600,\"event\":\"message\",\"topic\":\"jane-pager\",\"message\":\"x\"}");
    final NtfyTransport transport = new NtfyTransport(new OutboundHttp(new NotifyProperties("127.0.0.1", null, Duration.ofSeconds(5),
            "http://unused", null, 25, null, null, "none", "bugmaster@example.com"), Clock.fixed(NOW, ZoneOffset.UTC)));

    @AfterEach
    void stop() {
        receiver.close();
    }

    Channel method(String token) {
        Map<String, String> config = new HashMap<>(Map.of(NtfyTransport.SERVER, receiver.url(""), NtfyTransport.TOPIC, "jane-pager"));
        if (token != null) {
            config.put(NtfyTransport.TOKEN, token);
        }
        return new Channel(0, 1, "contact method 3", NtfyTransport.KIND, config, true, null, NOW);
    }

    static Notification page(String title, String urgency) {
        return Notification.of("incident:42:level:0:user:5:m3", Notification.Kind.ALERT, "incident:42", "incident.triggered", "acme", title)
                .withContext("checkout", "HighErrorRate on api", "production", "critical", 0)
                .withReason("Incident #42 triggered", null, NOW)
                .withLinks(List.of(new Notification.Link(Notification.OPEN, "https://bugs.example.com/acme/incidents/42/")))
                .withActions(List.of(
                        new Notification.Action(Notification.Action.Type.OPEN, Notification.OPEN, "https://bugs.example.com/acme/incidents/42/"),
                        new Notification.Action(Notification.Action.Type.ACKNOWLEDGE, "Acknowledge", "https://bugs.example.com/act/ack-tok"),
                        new Notification.Action(Notification.Action.Type.RESOLVE, "Resolve", "https://bugs.example.com/act/res-tok")))
                .withData(Map.of("urgency", urgency, "incident_number", 42));
    }

    @Test
    void highUrgencyPageIsAnUrgentPushWithAcknowledgeAndResolveButtonsThatPost() throws Exception {
        Delivered delivered = transport.send(method("tk_secret123"), page("Checkout is down", "high"));

        assertThat(delivered.httpStatus()).isEqualTo(200);
        assertThat(delivered.messageRef()).isEqualTo("sPs71M8A2T");
        Receiver.Request request = receiver.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/jane-pager");
        assertThat(request.header("Content-Type")).startsWith("text/plain");
        assertThat(request.header("Title")).isEqualTo("[checkout] Checkout is down");
        assertThat(request.header("Priority")).isEqualTo("urgent");
        assertThat(request.header("Tags")).isEqualTo("rotating_light");
        assertThat(request.header("Click")).isEqualTo("https://bugs.example.com/acme/incidents/42/");
        assertThat(request.header("Authorization")).isEqualTo("Bearer tk_secret123");
        // ntfy's short action format: up to three, separated by ';', fields by ','
        String[] actions = request.header("Actions").split("; ");
        assertThat(actions).containsExactly(
                "http, Acknowledge, https://bugs.example.com/act/ack-tok, method=POST, clear=true",
                "http, Resolve, https://bugs.example.com/act/res-tok, method=POST, clear=true",
                "view, Open, https://bugs.example.com/acme/incidents/42/");
        assertThat(request.body()).contains("Incident #42 triggered").contains("HighErrorRate on api");
    }

    @Test
    void lowUrgencyIsADefaultPriorityPushWithoutAToken() throws Exception {
        transport.send(method(null), page("Disk at 80%", "low"));

        Receiver.Request request = receiver.only();
        assertThat(request.header("Priority")).isEqualTo("default");
        assertThat(request.header("Tags")).isEqualTo("warning");
        assertThat(request.header("Authorization")).isNull();
    }

    @Test
    void attackerTextCannotInjectHeadersOrActions() throws Exception {
        String hostile = "Boom\r\nAuthorization: Bearer stolen\r\nActions: http, Pwn, http://evil/, method=POST\nX-Injected: 1";
        Notification n = page(hostile, "high").withActions(List.of(
                new Notification.Action(Notification.Action.Type.ACKNOWLEDGE, "Acknowledge", "https://bugs.example.com/a,http, Pwn, http://evil"),
                new Notification.Action(Notification.Action.Type.RESOLVE, "Resolve", "https://bugs.example.com/act/res-tok")));

        transport.send(method(null), n);

        Receiver.Request request = receiver.only();
        assertThat(request.header("X-Injected")).isNull();
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.header("Title")).doesNotContain("\r").doesNotContain("\n").startsWith("[checkout] Boom  Authorization: Bearer stolen");
        // the URL with ntfy's separators in it is left out rather than split into a button of the attacker's
        assertThat(request.header("Actions")).isEqualTo("http, Resolve, https://bugs.example.com/act/res-tok, method=POST, clear=true");
    }

    @Test
    void nonAsciiTitleIsSentRfc2047EncodedWhichNtfyDecodes() throws Exception {
        transport.send(method(null), page("Paiement refusé — 支付", "high"));

        String title = receiver.only().header("Title");
        assertThat(title).startsWith("=?UTF-8?B?").endsWith("?=");
        String decoded = new String(Base64.getDecoder().decode(title.substring(10, title.length() - 2)), StandardCharsets.UTF_8);
        assertThat(decoded).isEqualTo("[checkout] Paiement refusé — 支付");
    }

    @Test
    void errorsAreMappedLikeEveryTransport() {
        receiver.answering(403, "{\"code\":40301,\"http\":403,\"error\":\"forbidden\"}");
        assertThatThrownBy(() -> transport.send(method("tk_wrong"), page("x", "high")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue());
        receiver.answering(429, "{\"code\":42901,\"http\":429,\"error\":\"limit reached\"}");
        assertThatThrownBy(() -> transport.send(method("tk_wrong"), page("x", "high")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
    }
}
