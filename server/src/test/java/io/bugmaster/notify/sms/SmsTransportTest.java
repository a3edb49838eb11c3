package io.bugmaster.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.notify.Channel;
import io.bugmaster.notify.Delivered;
import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotifyProperties;
import io.bugmaster.notify.OutboundHttp;
import io.bugmaster.notify.Receiver;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SMS against a real receiver that checks the request as Twilio's Messages API documents it (PROTOCOLS section 11). */
class SmsTransportTest {
    static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");
    static final String SID = "AC0123456789abcdef0123456789abcdef";
    final Receiver receiver = new Receiver().answering(201,
            "{\"sid\":\"SM1f0e8ae6ade43cb3c0ce4525424e404f\",\"status\":\"queued\",\"to\":\"+33612345678\"}");
    final OutboundHttp http = new OutboundHttp(new NotifyProperties("127.0.0.1", null, Duration.ofSeconds(5), "http://unused", null, 25,
            null, null, "none", "bugmaster@example.com"), Clock.fixed(NOW, ZoneOffset.UTC));
    final SmsTransport transport = new SmsTransport(http,
            orgId -> orgId == 1 ? Optional.of(new SmsProvider(1, receiver.url(""), SID, "auth-token-xyz", "+14155550100")) : Optional.empty());

    @AfterEach
    void stop() {
        receiver.close();
    }

    static Channel phone(long orgId) {
        return new Channel(0, orgId, "contact method 4", SmsTransport.KIND, Map.of(SmsTransport.TO, "+33612345678"), true, null, NOW);
    }

    static Notification page(String title) {
        return Notification.of("incident:42:m4", Notification.Kind.ALERT, "incident:42", "incident.triggered", "acme", title)
                .withContext("checkout", null, null, null, 0).withData(Map.of("incident_number", 42, "urgency", "high"));
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void aPageIsOneFormPostToTheMessagesResourceWithBasicAuth() throws Exception {
        Delivered delivered = transport.send(phone(1), page("Checkout is down"));

        assertThat(delivered.httpStatus()).isEqualTo(201);
        assertThat(delivered.messageRef()).isEqualTo("SM1f0e8ae6ade43cb3c0ce4525424e404f");
        Receiver.Request request = receiver.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((SID + ":auth-token-xyz").getBytes(StandardCharsets.UTF_8)));
        Map<String, String> form = form(request.body());
        assertThat(form).containsOnlyKeys("To", "From", "Body");
        assertThat(form.get("To")).isEqualTo("+33612345678");
        assertThat(form.get("From")).isEqualTo("+14155550100");
        assertThat(form.get("Body")).isEqualTo("Bugmaster: #42 [checkout] Checkout is down. Reply ack 42 or resolve 42");
    }

    @Test
    void aLongTitleIsCutSoTheTextFitsOneSmsAndKeepsTheReplyHint() throws Exception {
        transport.send(phone(1), page("x".repeat(500) + "&To=+19999999999"));

        Map<String, String> form = form(receiver.only().body());
        assertThat(form.get("Body")).hasSizeLessThanOrEqualTo(160).endsWith("Reply ack 42 or resolve 42");
        assertThat(form.get("To")).isEqualTo("+33612345678");
    }

    @Test
    void withoutAProviderItFailsForGoodSayingWhereToSetOne() {
        assertThatThrownBy(() -> transport.send(phone(2), page("x")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue())
                .hasMessageContaining("SMS provider");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void providerErrorsAreMapped() {
        receiver.answering(400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}");
        assertThatThrownBy(() -> transport.send(phone(1), page("x")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isTrue()).hasMessageContaining("21211");
        receiver.answering(503, "busy");
        assertThatThrownBy(() -> transport.send(phone(1), page("x")))
                .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
    }

    @Test
    void onlyPagesAndTestsGoBySms() {
        Notification resolve = Notification.of("r", Notification.Kind.RESOLVE, "incident:42", "incident.resolved", "acme", "x");
        assertThat(transport.refusal(resolve)).isPresent();
        assertThat(transport.refusal(page("x"))).isEmpty();
    }
}
