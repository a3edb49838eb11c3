package io.bugmaster.inbound;

import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.AlertIntake.InboundAlert;
import io.bugmaster.incidents.AlertIntake.Integration;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The receivers' one path: read the body within the size limit, parse and check it (pure), find
 * the integration by its key, take a request from that integration's rate, hand the alerts to the
 * {@link AlertIntake}, answer in PagerDuty's words. Integration keys are never logged.
 */
@Service
class InboundReceiver {
    static final String EVENTS_API_V2 = "events_api_v2";
    static final String ALERTMANAGER = "alertmanager";
    static final String GENERIC = "generic";

    private static final Logger log = LoggerFactory.getLogger(InboundReceiver.class);

    private final AlertIntake intake;
    private final Clock clock;
    private final KeyRateLimiter rate;

    private final Duration bodyTimeout;

    InboundReceiver(AlertIntake intake, Clock clock,
            @Value("${bugmaster.inbound-rate-per-minute:120}") int perMinute,
            @Value("${bugmaster.body-timeout:30s}") Duration bodyTimeout) {
        this.intake = intake;
        this.clock = clock;
        this.rate = new KeyRateLimiter(perMinute);
        this.bodyTimeout = bodyTimeout;
    }

    /** A refused body: too large or too slow. */
    private static final class BodyRefused extends Exception {
        final transient Reply reply;

        BodyRefused(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }

    private byte[] body(InputStream body, long declaredLength) throws BodyRefused, IOException {
        Instant deadline = clock.instant().plus(bodyTimeout);
        try {
            return InboundBody.read(body, declaredLength, InboundBody.MAX_BYTES, () -> clock.instant().isAfter(deadline));
        } catch (InboundBody.TooLarge e) {
            throw new BodyRefused(Reply.invalid(413, "Event object is too large", List.of(e.getMessage())));
        } catch (InboundBody.TooSlow e) {
            throw new BodyRefused(Reply.invalid(408, "Request timeout", List.of("the request body did not arrive within "
                    + bodyTimeout.toSeconds() + " s")));
        }
    }

    /** An answer: the status, the JSON body, and the seconds for Retry-After (0: none). */
    record Reply(int status, Map<String, Object> body, long retryAfterSeconds) {
        static Reply accepted(Map<String, Object> body) {
            return new Reply(202, body, 0);
        }

        static Reply invalid(int status, String message, List<String> errors) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "invalid event");
            body.put("message", message);
            body.put("errors", List.copyOf(errors));
            return new Reply(status, body, 0);
        }
    }

    /** {@code POST /v2/enqueue}. */
    Reply enqueue(InputStream body, long declaredLength) throws IOException {
        byte[] bytes;
        try {
            bytes = body(body, declaredLength);
        } catch (BodyRefused e) {
            return e.reply;
        }
        EventsV2Parser.Parsed parsed = EventsV2Parser.event(bytes);
        Admission admission = admit(parsed.routingKey(), parsed instanceof EventsV2Parser.Invalid invalid ? invalid.errors() : List.of());
        if (admission.refusal() != null) {
            return admission.refusal();
        }
        InboundAlert alert = ((EventsV2Parser.AlertEvent) parsed).alert();
        return apply(admission.integration(), List.of(alert), outcomes -> eventProcessed(outcomes.get(0).dedupKey()));
    }

    /** {@code POST /v2/change/enqueue}: recorded, never notifies. */
    Reply changeEnqueue(InputStream body, long declaredLength) throws IOException {
        byte[] bytes;
        try {
            bytes = body(body, declaredLength);
        } catch (BodyRefused e) {
            return e.reply;
        }
        EventsV2Parser.Parsed parsed = EventsV2Parser.change(bytes);
        Admission admission = admit(parsed.routingKey(), parsed instanceof EventsV2Parser.Invalid invalid ? invalid.errors() : List.of());
        if (admission.refusal() != null) {
            return admission.refusal();
        }
        try {
            intake.recordChange(admission.integration(), ((EventsV2Parser.ChangeEvent) parsed).change());
        } catch (IllegalArgumentException e) {
            return Reply.invalid(400, "Event object is invalid", List.of(e.getMessage()));
        } catch (RuntimeException e) {
            return failed(admission.integration(), e);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "success");
        reply.put("message", "Change event processed");
        return Reply.accepted(reply);
    }

    /** {@code POST /inbound/alertmanager/{key}}: Alertmanager's webhook. */
    Reply alertmanager(String key, InputStream body, long declaredLength) throws IOException {
        Webhook webhook = webhook(key, ALERTMANAGER, body, declaredLength);
        if (webhook.refusal() != null) {
            return webhook.refusal();
        }
        AlertmanagerParser.Parsed parsed = AlertmanagerParser.parse(webhook.body());
        if (!parsed.errors().isEmpty()) {
            return Reply.invalid(400, "Event object is invalid", parsed.errors());
        }
        return apply(webhook.integration(), parsed.alerts(), outcomes -> {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("status", "success");
            reply.put("message", "Event processed");
            reply.put("dedup_keys", outcomes.stream().map(AlertIntake.Outcome::dedupKey).toList());
            return reply;
        });
    }

    /** {@code POST /inbound/generic/{key}}: the generic webhook for scripts. */
    Reply generic(String key, InputStream body, long declaredLength) throws IOException {
        Webhook webhook = webhook(key, GENERIC, body, declaredLength);
        if (webhook.refusal() != null) {
            return webhook.refusal();
        }
        GenericWebhookParser.Parsed parsed = GenericWebhookParser.parse(webhook.body());
        if (!parsed.errors().isEmpty()) {
            return Reply.invalid(400, "Event object is invalid", parsed.errors());
        }
        return apply(webhook.integration(), List.of(parsed.alert()), outcomes -> eventProcessed(outcomes.get(0).dedupKey()));
    }

    /** A webhook request that passed its checks (its body read), or the refusal to answer instead. */
    private record Webhook(Integration integration, byte[] body, Reply refusal) {
        static Webhook refused(Reply refusal) {
            return new Webhook(null, null, refusal);
        }
    }

    /** The checks of a webhook whose key is in its URL, in order: the key and its kind, the body, the key's rate. */
    private Webhook webhook(String key, String type, InputStream body, long declaredLength) throws IOException {
        Optional<Integration> integration = byKey(key, type);
        if (integration.isEmpty()) {
            return Webhook.refused(unknownKey(type));
        }
        byte[] bytes;
        try {
            bytes = body(body, declaredLength);
        } catch (BodyRefused e) {
            return Webhook.refused(e.reply);
        }
        Reply throttled = throttle(integration.get());
        return throttled != null ? Webhook.refused(throttled) : new Webhook(integration.get(), bytes, null);
    }

    /** The integration a request may act for, or the refusal to answer. */
    private record Admission(Integration integration, Reply refusal) {}

    /**
     * Finds the Events API v2 integration of a routing key, then takes the request from its rate;
     * the errors of the body are answered only after that, so an integration's bad requests count too.
     */
    private Admission admit(String routingKey, List<String> errors) {
        Optional<Integration> integration = routingKey == null ? Optional.empty() : byKey(routingKey, EVENTS_API_V2);
        if (routingKey != null && integration.isEmpty()) {
            List<String> all = new ArrayList<>();
            all.add("routing_key is invalid: no Events API v2 integration has this key");
            all.addAll(errors);
            return new Admission(null, Reply.invalid(400, "Event object is invalid", all));
        }
        if (integration.isPresent()) {
            Reply throttled = throttle(integration.get());
            if (throttled != null) {
                return new Admission(null, throttled);
            }
        }
        if (!errors.isEmpty()) {
            return new Admission(null, Reply.invalid(400, "Event object is invalid", errors));
        }
        return new Admission(integration.orElseThrow(), null);
    }

    private Optional<Integration> byKey(String key, String type) {
        if (key == null || key.isEmpty() || key.length() > 128) {
            return Optional.empty();
        }
        return intake.integrationByKey(key).filter(i -> type.equals(i.type()));
    }

    private Reply throttle(Integration integration) {
        long retryAfter = rate.tryTake(integration.id(), clock.instant());
        if (retryAfter == 0) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "throttle event");
        body.put("message", "Requests for this integration are arriving too quickly. Please retry later.");
        body.put("errors", List.of("more than " + rate.perMinute() + " requests a minute for this integration key; retry in "
                + retryAfter + " s"));
        return new Reply(429, body, retryAfter);
    }

    private interface Answer {
        Map<String, Object> body(List<AlertIntake.Outcome> outcomes);
    }

    private Reply apply(Integration integration, List<InboundAlert> alerts, Answer answer) {
        List<AlertIntake.Outcome> outcomes = new ArrayList<>();
        try {
            for (InboundAlert alert : alerts) {
                outcomes.add(intake.apply(integration, alert));
            }
        } catch (IllegalArgumentException e) {
            return Reply.invalid(400, "Event object is invalid", List.of(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            return failed(integration, e);
        }
        return Reply.accepted(answer.body(outcomes));
    }

    private static Map<String, Object> eventProcessed(String dedupKey) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "success");
        reply.put("message", "Event processed");
        reply.put("dedup_key", dedupKey);
        return reply;
    }

    private static Reply failed(Integration integration, RuntimeException e) {
        log.error("an inbound event for integration {} (service {}) could not be stored", integration.id(),
                integration.serviceId(), e);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", "The event could not be stored; retry later");
        return new Reply(500, body, 0);
    }

    private static Reply unknownKey(String type) {
        return Reply.invalid(404, "Unknown integration key", List.of("no " + type + " integration has the key in this URL"));
    }
}
