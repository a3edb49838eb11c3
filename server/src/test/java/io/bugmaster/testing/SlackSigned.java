package io.bugmaster.testing;

import com.slack.api.app_backend.SlackSignature;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Requests as Slack sends them to Bugmaster's {@code /slack/commands}, {@code /slack/interactions}
 * and {@code /slack/events}, signed by Slack's own SDK ({@code SlackSignature.Generator} of
 * slack-app-backend 1.48.0), an independent implementation of the signing scheme. The timestamp is
 * the server's clock (tests move it), not the wall clock.
 */
public final class SlackSigned {
    private final ApiClient api;
    private final String signingSecret;

    public SlackSigned(String baseUrl, String signingSecret) {
        this.api = new ApiClient(baseUrl);
        this.signingSecret = signingSecret;
    }

    /** The signature Slack would send for this body at this time. */
    public String signature(Instant at, String body) {
        return new SlackSignature.Generator(signingSecret).generate(String.valueOf(at.getEpochSecond()), body);
    }

    /** A slash command: {@code command, text, user_id, team_id, channel_id, response_url, trigger_id}. */
    public ApiClient.Response command(Instant at, Map<String, String> fields) {
        return post(at, "/slack/commands", form(fields), "application/x-www-form-urlencoded");
    }

    /** An interaction: the form field {@code payload} holding this JSON. */
    public ApiClient.Response interaction(Instant at, String payloadJson) {
        return post(at, "/slack/interactions", form(Map.of("payload", payloadJson)), "application/x-www-form-urlencoded");
    }

    /** An Events API request (JSON). */
    public ApiClient.Response event(Instant at, String json) {
        return post(at, "/slack/events", json, "application/json");
    }

    /** Posts a body signed for {@code at}. */
    public ApiClient.Response post(Instant at, String path, String body, String contentType) {
        return post(path, body, contentType, String.valueOf(at.getEpochSecond()), signature(at, body), Map.of());
    }

    /** Posts with the headers given as they are (for tampering: another timestamp, signature or body). */
    public ApiClient.Response post(String path, String body, String contentType, String timestamp, String signature,
            Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (timestamp != null) {
            headers.put("X-Slack-Request-Timestamp", timestamp);
        }
        if (signature != null) {
            headers.put("X-Slack-Signature", signature);
        }
        return api.raw("POST", null, path, HttpRequest.BodyPublishers.ofString(body), contentType, headers);
    }

    /** A form body, fields in the order given. */
    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
