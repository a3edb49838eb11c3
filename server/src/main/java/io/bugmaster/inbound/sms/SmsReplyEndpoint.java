package io.bugmaster.inbound.sms;

import io.bugmaster.BugmasterProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /inbound/sms/twilio}: where the SMS provider posts replies to pages (set it as the
 * number's "A message comes in" webhook). Signed by the provider ({@code X-Twilio-Signature} over
 * {@code BUGMASTER_BASE_URL} + this path and the form), so it needs no session and no CSRF token;
 * answers TwiML with the text to send back.
 */
@RestController
class SmsReplyEndpoint {
    static final String PATH = "/inbound/sms/twilio";
    /** A reply form is a few hundred bytes; Twilio's largest is a few KB. */
    static final int MAX_BODY = 16 * 1024;

    private final SmsReplies replies;
    private final String baseUrl;

    SmsReplyEndpoint(SmsReplies replies, BugmasterProperties props) {
        this.replies = replies;
        this.baseUrl = props.baseUrlTrimmed();
    }

    @PostMapping(PATH)
    ResponseEntity<String> reply(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            return ResponseEntity.status(413).contentType(MediaType.TEXT_PLAIN).body("the form is larger than " + MAX_BODY + " bytes");
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return ResponseEntity.status(413).contentType(MediaType.TEXT_PLAIN).body("the form is larger than " + MAX_BODY + " bytes");
        }
        Map<String, String> params;
        try {
            params = form(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body("the form is not URL-encoded");
        }
        String url = baseUrl + PATH + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        SmsReplies.Reply reply = replies.handle(url, params, request.getHeader("X-Twilio-Signature"));
        if (reply.status() != 200) {
            return ResponseEntity.status(reply.status()).contentType(MediaType.TEXT_PLAIN).body("the request is not signed by the SMS provider"
                    + " of an organization");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>" + xml(reply.message())
                        + "</Message></Response>");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    /** The provider signs the request: no session, no CSRF token, nothing kept. */
    @Configuration
    static class Security {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE + 10)
        SecurityFilterChain smsReplyChain(HttpSecurity http) throws Exception {
            http.securityMatcher(PATH)
                    .csrf(csrf -> csrf.disable())
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
            return http.build();
        }
    }
}
