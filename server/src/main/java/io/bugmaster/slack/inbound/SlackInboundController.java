package io.bugmaster.slack.inbound;

import io.bugmaster.inbound.InboundBody;
import io.bugmaster.slack.install.SlackInstallation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's three request URLs. Every request is verified before anything else is read from it: the
 * body (capped at {@value #MAX_BYTES} bytes, within a deadline) must carry a signature that one
 * connected workspace's signing secret makes, with a timestamp within five minutes, and a signature
 * is accepted once (a replay is refused). Then the feature behind the URL answers.
 */
@RestController
class SlackInboundController {
    static final int MAX_BYTES = 256 * 1024;
    private static final Duration BODY_DEADLINE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(SlackInboundController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SlackVerifier verifier;
    private final Clock clock;
    private final ObjectProvider<SlackHandlers.Commands> commands;
    private final ObjectProvider<SlackHandlers.Interactions> interactions;
    private final ObjectProvider<SlackHandlers.Events> events;

    SlackInboundController(SlackVerifier verifier, Clock clock,
            ObjectProvider<SlackHandlers.Commands> commands, ObjectProvider<SlackHandlers.Interactions> interactions,
            ObjectProvider<SlackHandlers.Events> events) {
        this.verifier = verifier;
        this.clock = clock;
        this.commands = commands;
        this.interactions = interactions;
        this.events = events;
    }

    @PostMapping("/slack/commands")
    ResponseEntity<String> commands(HttpServletRequest http) {
        return verified(http, request -> {
            SlackHandlers.Commands handler = commands.getIfAvailable();
            if (handler == null) {
                return SlackReply.json(ephemeral("Slash commands are not available on this Bugmaster yet."));
            }
            return handler.command(request, request.form());
        });
    }

    @PostMapping("/slack/interactions")
    ResponseEntity<String> interactions(HttpServletRequest http) {
        return verified(http, request -> {
            String payload = request.form().get("payload");
            JsonNode json = parse(payload);
            if (json == null) {
                return new SlackReply(400, detail("the form field payload must hold a JSON object"));
            }
            SlackHandlers.Interactions handler = interactions.getIfAvailable();
            return handler == null ? SlackReply.EMPTY : handler.interaction(request, json);
        });
    }

    @PostMapping("/slack/events")
    ResponseEntity<String> events(HttpServletRequest http) {
        return verified(http, request -> {
            JsonNode json = parse(request.body());
            if (json == null) {
                return new SlackReply(400, detail("the body must be a JSON object"));
            }
            String type = json.path("type").asString("");
            if (type.equals("url_verification")) {
                ObjectNode answer = JSON.createObjectNode();
                answer.put("challenge", json.path("challenge").asString(""));
                return SlackReply.json(answer.toString());
            }
            if (!type.equals("event_callback")) {
                return SlackReply.EMPTY;
            }
            String eventId = json.path("event_id").asString("");
            if (!eventId.isEmpty() && !verifier.firstDelivery(request.installation().orgId(), eventId, clock.instant())) {
                return SlackReply.EMPTY; // Slack's retry of an event already handled
            }
            SlackHandlers.Events handler = events.getIfAvailable();
            return handler == null ? SlackReply.EMPTY : handler.event(request, json);
        });
    }

    private ResponseEntity<String> verified(HttpServletRequest http, Function<SlackRequest, SlackReply> handler) {
        byte[] body;
        Instant deadline = clock.instant().plus(BODY_DEADLINE);
        try {
            body = InboundBody.read(http.getInputStream(), http.getContentLengthLong(), MAX_BYTES, () -> clock.instant().isAfter(deadline));
        } catch (InboundBody.TooLarge e) {
            return answer(new SlackReply(413, detail(e.getMessage())));
        } catch (InboundBody.TooSlow e) {
            return answer(new SlackReply(408, detail("the request body did not arrive within " + BODY_DEADLINE.toSeconds() + " s")));
        } catch (IOException e) {
            return answer(new SlackReply(400, detail("the request body could not be read")));
        }
        SlackVerifier.Outcome outcome = verifier.verify(http.getHeader("X-Slack-Request-Timestamp"), http.getHeader("X-Slack-Signature"),
                body, clock.instant());
        if (outcome.installation() == null) {
            return answer(new SlackReply(401, detail(outcome.refusal())));
        }
        SlackInstallation signer = outcome.installation();
        String retry = http.getHeader("X-Slack-Retry-Num");
        int retryNum = retry != null && retry.strip().matches("[0-9]{1,3}") ? Integer.parseInt(retry.strip()) : 0;
        SlackRequest request = new SlackRequest(signer, new String(body, StandardCharsets.UTF_8), retryNum);
        try {
            return answer(handler.apply(request));
        } catch (RuntimeException e) {
            log.warn("Slack request for organization {} failed", signer.orgId(), e);
            return answer(SlackReply.json(ephemeral("Bugmaster could not do that: an error on our side, logged for the admins."
                    + " Try again, or use the web page.")));
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String ephemeral(String text) {
        ObjectNode o = JSON.createObjectNode();
        o.put("response_type", "ephemeral");
        o.put("text", text);
        return o.toString();
    }

    private static String detail(String message) {
        return JSON.createObjectNode().put("detail", message).toString();
    }

    private static ResponseEntity<String> answer(SlackReply reply) {
        if (reply.json() == null) {
            return ResponseEntity.status(reply.status()).build();
        }
        return ResponseEntity.status(reply.status()).contentType(MediaType.APPLICATION_JSON).body(reply.json());
    }
}
