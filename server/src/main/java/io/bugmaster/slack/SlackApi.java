package io.bugmaster.slack;

import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.OutboundHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's Web API ({@code BUGMASTER_SLACK_API_URL}/{@code <method>}), through the outbound policy:
 * the bot token as a bearer token, a JSON body for methods that write and a form body for those
 * that read (Slack takes JSON only for writes), and Slack's answer turned into the reply or a
 * {@link SlackApiException} ({@code "ok": false}, HTTP 429 with {@code Retry-After}, 5xx, network).
 * Also posts to a request's {@code response_url}. No retries here: callers that must not lose a
 * call queue it ({@code slack_calls}).
 */
@Component
public class SlackApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Methods Slack documents as taking form arguments (reads); every other method gets JSON. */
    private static final Set<String> FORM_METHODS = Set.of("auth.test", "users.lookupByEmail", "users.info", "conversations.history",
            "conversations.info", "chat.getPermalink");
    /** Errors that may pass: trying the same call later can succeed. Every other error is the call's or the install's fault. */
    private static final Set<String> TEMPORARY = Set.of("ratelimited", "internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "team_added_to_org", "network");

    private final OutboundHttp http;
    private final SlackProperties props;

    public SlackApi(OutboundHttp http, SlackProperties props) {
        this.http = http;
        this.props = props;
    }

    /** A new JSON object for a call's arguments or blocks. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static JsonMapper json() {
        return JSON;
    }

    /**
     * Calls {@code method} with {@code args}; the reply (with {@code "ok": true}) or the failure.
     * The token never appears in a message.
     */
    public JsonNode call(String token, String method, ObjectNode args) throws SlackApiException {
        String url = props.slackApiUrl() + "/" + method;
        boolean form = FORM_METHODS.contains(method);
        String body = form ? form(args) : args.toString();
        String type = form ? "application/x-www-form-urlencoded" : "application/json; charset=utf-8";
        OutboundHttp.Answer answer;
        try {
            answer = http.exchange("Slack", url, type, body, Map.of("Authorization", "Bearer " + token));
        } catch (DeliveryException e) {
            throw new SlackApiException(method, e.permanent() ? "refused" : "network", e.permanent(), null, e.getMessage());
        }
        return reply(method, answer);
    }

    /** Posts a message to a request's {@code response_url} (valid for 30 minutes, 5 uses, as Slack documents). */
    public void respond(String responseUrl, ObjectNode message) throws SlackApiException {
        OutboundHttp.Answer answer;
        try {
            answer = http.exchange("Slack", responseUrl, "application/json; charset=utf-8", message.toString(), Map.of());
        } catch (DeliveryException e) {
            throw new SlackApiException("response_url", e.permanent() ? "refused" : "network", e.permanent(), null, e.getMessage());
        }
        if (answer.status() == 429 || answer.status() >= 500) {
            throw new SlackApiException("response_url", "http_" + answer.status(), false, retryAfter(answer.retryAfter()), null);
        }
        if (answer.status() >= 300) {
            throw new SlackApiException("response_url", "http_" + answer.status(), true, null, snippet(answer.body()));
        }
    }

    static JsonNode reply(String method, OutboundHttp.Answer answer) throws SlackApiException {
        if (answer.status() == 429) {
            throw new SlackApiException(method, "ratelimited", false, retryAfter(answer.retryAfter()), null);
        }
        if (answer.status() >= 500) {
            throw new SlackApiException(method, "http_" + answer.status(), false, retryAfter(answer.retryAfter()), null);
        }
        if (answer.status() != 200) {
            throw new SlackApiException(method, "http_" + answer.status(), true, null, snippet(answer.body()));
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(answer.body());
        } catch (RuntimeException e) {
            throw new SlackApiException(method, "invalid_reply", false, null, "not JSON: " + snippet(answer.body()));
        }
        if (reply == null || !reply.isObject()) {
            throw new SlackApiException(method, "invalid_reply", false, null, "not a JSON object");
        }
        if (!reply.path("ok").asBoolean(false)) {
            String error = reply.path("error").isString() ? reply.path("error").asString() : "unknown_error";
            throw new SlackApiException(method, error, !TEMPORARY.contains(error), null, null);
        }
        return reply;
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return Duration.ofSeconds(30);
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return Duration.ofSeconds(Math.max(1, Math.min(seconds, 3600)));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(30);
        }
    }

    private static String form(ObjectNode args) {
        return args.properties().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue().isString() ? e.getValue().asString() : e.getValue().toString(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String snippet(String body) {
        String s = body == null ? "" : body.strip();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
