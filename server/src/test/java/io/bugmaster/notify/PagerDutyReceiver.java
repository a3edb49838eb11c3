package io.bugmaster.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PagerDuty's Events API v2 as a real HTTP server on 127.0.0.1: {@code POST /v2/enqueue} checks each
 * event against the format PagerDuty documents (answering 400 {@code invalid event} with the errors,
 * as PagerDuty does) and keeps incidents per routing key and {@code dedup_key} the way PagerDuty
 * does: a trigger opens an incident or adds to the open one with its key, a resolve closes the open
 * one, a resolve for a key with nothing open is dropped, and a trigger after a resolve opens a new
 * incident. Outages are played with {@link #thenAnswer}.
 */
public final class PagerDutyReceiver implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TOP_LEVEL = Set.of("routing_key", "event_action", "dedup_key", "payload", "images", "links",
            "client", "client_url");
    private static final Set<String> PAYLOAD = Set.of("summary", "source", "severity", "timestamp", "component", "group", "class",
            "custom_details");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    /** One incident: the events that went into it, in order; open until a resolve closed it. */
    public static final class Incident {
        private final String routingKey;
        private final String dedupKey;
        private final List<JsonNode> triggers = new ArrayList<>();
        private volatile boolean resolved;

        Incident(String routingKey, String dedupKey) {
            this.routingKey = routingKey;
            this.dedupKey = dedupKey;
        }

        public String routingKey() {
            return routingKey;
        }

        public String dedupKey() {
            return dedupKey;
        }

        public synchronized List<JsonNode> triggers() {
            return List.copyOf(triggers);
        }

        public boolean resolved() {
            return resolved;
        }

        /** The first trigger's payload: what PagerDuty shows for the incident. */
        public synchronized JsonNode payload() {
            return triggers.get(0).path("payload");
        }

        @Override
        public synchronized String toString() {
            return (resolved ? "resolved" : "open") + " " + dedupKey + " on " + routingKey + " (" + triggers.size() + " triggers)";
        }
    }

    /** An accepted event, with the routing key it was sent to. */
    public record Event(String routingKey, String action, String dedupKey, JsonNode json) {}

    private final HttpServer server;
    private final List<Incident> incidents = new ArrayList<>();
    private final List<Event> accepted = new ArrayList<>();
    private final List<String> rejected = new ArrayList<>();
    private final List<Event> dropped = new ArrayList<>();
    private final Deque<Integer> outage = new ArrayDeque<>();

    public PagerDutyReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v2/enqueue", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/enqueue";
    }

    /** The next request is answered with this status (a 5xx outage, a 429) and not processed. */
    public synchronized PagerDutyReceiver thenAnswer(int status) {
        outage.add(status);
        return this;
    }

    /** Incidents of a routing key, oldest first. */
    public synchronized List<Incident> incidents(String routingKey) {
        return incidents.stream().filter(i -> i.routingKey.equals(routingKey)).toList();
    }

    /** Events accepted for a routing key, in the order they arrived. */
    public synchronized List<Event> accepted(String routingKey) {
        return accepted.stream().filter(e -> e.routingKey().equals(routingKey)).toList();
    }

    /** Why events were refused (400), for every routing key. */
    public synchronized List<String> rejected() {
        return List.copyOf(rejected);
    }

    /** Valid acknowledges and resolves that named no open incident (PagerDuty drops them). */
    public synchronized List<Event> dropped(String routingKey) {
        return dropped.stream().filter(e -> e.routingKey().equals(routingKey)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (this) {
            Integer down = outage.poll();
            if (down != null) {
                answer(exchange, down, "{\"status\":\"unavailable\"}");
                return;
            }
            List<String> errors = new ArrayList<>();
            JsonNode json = null;
            if (!"POST".equals(exchange.getRequestMethod())) {
                errors.add("method must be POST");
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("application/json")) {
                errors.add("Content-Type must be application/json, got " + type);
            }
            try {
                json = JSON.readTree(body);
            } catch (RuntimeException e) {
                errors.add("body is not JSON: " + e.getMessage());
            }
            if (json != null) {
                validate(json, errors);
            }
            if (!errors.isEmpty()) {
                rejected.add(String.join("; ", errors) + " in " + body);
                answer(exchange, 400, JSON.createObjectNode().put("status", "invalid event").put("message", "Event object is invalid")
                        .set("errors", JSON.valueToTree(errors)).toString());
                return;
            }
            String routingKey = json.path("routing_key").asString();
            String action = json.path("event_action").asString();
            String dedupKey = json.hasNonNull("dedup_key") ? json.path("dedup_key").asString() : java.util.UUID.randomUUID().toString();
            Event event = new Event(routingKey, action, dedupKey, json);
            accepted.add(event);
            Incident open = incidents.stream().filter(i -> i.routingKey.equals(routingKey) && i.dedupKey.equals(dedupKey) && !i.resolved)
                    .findFirst().orElse(null);
            switch (action) {
                case "trigger" -> {
                    if (open == null) {
                        open = new Incident(routingKey, dedupKey);
                        incidents.add(open);
                    }
                    synchronized (open) {
                        open.triggers.add(json);
                    }
                }
                case "resolve" -> {
                    if (open == null) {
                        dropped.add(event);
                    } else {
                        open.resolved = true;
                    }
                }
                default -> {
                    if (open == null) {
                        dropped.add(event);
                    }
                }
            }
            answer(exchange, 202, JSON.createObjectNode().put("status", "success").put("message", "Event processed")
                    .put("dedup_key", dedupKey).toString());
        }
    }

    /** The Events API v2 rules for one event. */
    static void validate(JsonNode json, List<String> errors) {
        if (!json.isObject()) {
            errors.add("the event must be a JSON object");
            return;
        }
        json.properties().forEach(e -> {
            if (!TOP_LEVEL.contains(e.getKey())) {
                errors.add("unknown field " + e.getKey());
            }
        });
        JsonNode routingKey = json.path("routing_key");
        if (!routingKey.isString() || routingKey.asString().length() != 32) {
            errors.add("routing_key must be a string of 32 characters");
        }
        String action = json.path("event_action").isString() ? json.path("event_action").asString() : "";
        if (!Set.of("trigger", "acknowledge", "resolve").contains(action)) {
            errors.add("event_action must be trigger, acknowledge or resolve");
        }
        JsonNode dedup = json.path("dedup_key");
        if (!dedup.isMissingNode() && !dedup.isNull() && (!dedup.isString() || dedup.asString().isEmpty() || dedup.asString().length() > 255)) {
            errors.add("dedup_key must be a string of 1 to 255 characters");
        }
        if (!action.equals("trigger")) {
            if (!dedup.isString()) {
                errors.add(action + " needs the dedup_key of the incident");
            }
            return;
        }
        JsonNode payload = json.path("payload");
        if (!payload.isObject()) {
            errors.add("a trigger needs a payload object");
            return;
        }
        payload.properties().forEach(e -> {
            if (!PAYLOAD.contains(e.getKey())) {
                errors.add("unknown payload field " + e.getKey());
            }
        });
        String summary = payload.path("summary").isString() ? payload.path("summary").asString() : "";
        if (summary.isBlank() || summary.length() > 1024) {
            errors.add("payload.summary must be 1 to 1024 characters");
        }
        if (!payload.path("source").isString() || payload.path("source").asString().isBlank()) {
            errors.add("payload.source is required");
        }
        if (!payload.path("severity").isString() || !SEVERITIES.contains(payload.path("severity").asString())) {
            errors.add("payload.severity must be critical, error, warning or info, got " + payload.path("severity"));
        }
        if (payload.hasNonNull("timestamp")) {
            try {
                OffsetDateTime.parse(payload.path("timestamp").asString());
            } catch (DateTimeParseException e) {
                errors.add("payload.timestamp must be ISO 8601");
            }
        }
        if (payload.has("custom_details") && !payload.path("custom_details").isObject()) {
            errors.add("payload.custom_details must be an object");
        }
        if (json.has("links")) {
            for (JsonNode link : json.path("links")) {
                if (!link.path("href").isString()) {
                    errors.add("links[].href is required");
                }
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
