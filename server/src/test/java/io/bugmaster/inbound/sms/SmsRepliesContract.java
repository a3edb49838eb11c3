package io.bugmaster.inbound.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.notify.sms.SmsProviders;
import io.bugmaster.oncall.people.ContactMethods;
import io.bugmaster.testing.IntegrationTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** SMS replies posted to the server as Twilio posts them, signed or not. */
abstract class SmsRepliesContract extends IntegrationTest {
    /** What Twilio signs: BUGMASTER_BASE_URL (the tests' server says http://localhost:8080) and the path. */
    static final String SIGNED_URL = "http://localhost:8080/inbound/sms/twilio";

    @Autowired SmsProviders providers;
    @Autowired ContactMethods people;

    final HttpClient http = HttpClient.newHttpClient();
    String token;
    String providerNumber;
    String phone;

    @BeforeEach
    void seed() {
        Tenant tenant = newTenant();
        token = "tok-" + UUID.randomUUID();
        providerNumber = "+1415" + (1_000_000 + (int) (Math.random() * 8_999_999));
        phone = "+336" + (10_000_000 + (int) (Math.random() * 89_999_999));
        providers.set(tenant.owner(), tenant.org().slug(), new SmsProviders.Change("https://api.twilio.com", "AC123", token, providerNumber));
        people.create(tenant.owner(), new ContactMethods.Input("sms", null, phone, null, null));
    }

    /** Twilio's signature, computed here from PROTOCOLS section 11 independently of the server's code. */
    static String twilioSignature(String authToken, String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    Map<String, String> form(String from, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        form.put("AccountSid", "AC123");
        form.put("From", from);
        form.put("To", providerNumber);
        form.put("Body", body);
        form.put("NumMedia", "0");
        return form;
    }

    HttpResponse<String> post(Map<String, String> form, String signature) throws Exception {
        String encoded = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return post(encoded, signature);
    }

    HttpResponse<String> post(String encoded, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/inbound/sms/twilio"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedReplyFromAMembersNumberIsParsedAndAnsweredInTwiml() throws Exception {
        Map<String, String> form = form(phone, "  ACK   #42 ");
        HttpResponse<String> answer = post(form, twilioSignature(token, SIGNED_URL, form));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
        // incidents are not stored yet (IncidentCommands answers NOT_FOUND): the person and the command were recognised
        assertThat(answer.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>No incident #42 in this"
                + " organization. Reply ack 42 or resolve 42 with the incident&apos;s number.</Message></Response>");
    }

    @Test
    void aReplyThatIsNoCommandSaysHowToReply() throws Exception {
        Map<String, String> form = form(phone, "<who is this?>");
        HttpResponse<String> answer = post(form, twilioSignature(token, SIGNED_URL, form));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<Message>Not understood. Reply ack 42").doesNotContain("<who");
    }

    @Test
    void aBadOrMissingSignatureIsRefused() throws Exception {
        Map<String, String> form = form(phone, "ack 42");
        assertThat(post(form, twilioSignature("not-the-token", SIGNED_URL, form)).statusCode()).isEqualTo(403);
        assertThat(post(form, null).statusCode()).isEqualTo(403);
        // signed for another URL (the Host header is not trusted: the base URL is)
        assertThat(post(form, twilioSignature(token, "http://localhost:" + port + "/inbound/sms/twilio", form)).statusCode()).isEqualTo(403);
    }

    @Test
    void aSignedReplyReplayedFromAnotherNumberIsRefused() throws Exception {
        Map<String, String> form = form(phone, "resolve 42");
        String signature = twilioSignature(token, SIGNED_URL, form);
        form.put("From", "+33700000000");
        assertThat(post(form, signature).statusCode()).isEqualTo(403);
    }

    @Test
    void aSignedReplyFromAnUnknownNumberActsOnNothing() throws Exception {
        Map<String, String> form = form("+33700000001", "resolve 42");
        HttpResponse<String> answer = post(form, twilioSignature(token, SIGNED_URL, form));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("not an SMS contact method of anyone");
    }

    @Test
    void anOversizeFormIsRefusedUnread() throws Exception {
        Map<String, String> form = form(phone, "ack 42 " + "x".repeat(20_000));
        assertThat(post(form, twilioSignature(token, SIGNED_URL, form)).statusCode()).isEqualTo(413);
    }
}
