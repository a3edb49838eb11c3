package io.bugmaster.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Slack incoming webhook on 127.0.0.1: checks each POST against what Slack documents for
 * incoming webhooks with Block Kit (a JSON object with a {@code text} fallback and valid
 * {@code blocks}: known block types, mrkdwn/plain_text text objects within Slack's length limits,
 * at most 10 fields per section, buttons with plain_text labels), answers {@code 200 ok} for a
 * valid message, {@code 400 invalid_blocks} for an invalid one, and {@code 503} while switched off.
 * Every request is recorded with the answer given.
 */
final class SlackReceiver implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> BLOCK_TYPES = Set.of("section", "context", "actions", "header", "divider", "image");

    record Arrival(String path, String body, int status, List<String> problems) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        boolean accepted() {
            return status == 200;
        }
    }

    private final HttpServer server;
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private volatile boolean on = true;

    SlackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "slack-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            List<String> problems = new ArrayList<>();
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (!"POST".equals(exchange.getRequestMethod())) {
                problems.add("method " + exchange.getRequestMethod());
            }
            if (contentType == null || !contentType.startsWith("application/json")) {
                problems.add("content type " + contentType);
            }
            problems.addAll(validate(body));
            int status;
            String answer;
            if (!on) {
                status = 503;
                answer = "service unavailable";
            } else if (!problems.isEmpty()) {
                status = 400;
                answer = "invalid_blocks";
            } else {
                status = 200;
                answer = "ok";
            }
            arrivals.add(new Arrival(exchange.getRequestURI().getPath(), body, status, List.copyOf(problems)));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    /** What Slack would refuse in this body (empty when it is a valid Block Kit webhook message). */
    static List<String> validate(String body) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (RuntimeException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        if (!root.isObject()) {
            return List.of("not a JSON object");
        }
        if (!root.path("text").isString() || root.path("text").asString().isBlank()) {
            problems.add("no text fallback");
        }
        JsonNode blocks = root.path("blocks");
        if (!blocks.isArray() || blocks.isEmpty() || blocks.size() > 50) {
            problems.add("blocks must be an array of 1 to 50");
            return problems;
        }
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode b = blocks.get(i);
            String type = b.path("type").asString("");
            String where = "blocks[" + i + "]";
            if (!BLOCK_TYPES.contains(type)) {
                problems.add(where + ": unknown type " + type);
                continue;
            }
            switch (type) {
                case "section" -> {
                    if (b.has("text")) {
                        textObject(b.path("text"), 3000, where + ".text", problems);
                    }
                    if (b.has("fields")) {
                        JsonNode fields = b.path("fields");
                        if (!fields.isArray() || fields.size() > 10) {
                            problems.add(where + ".fields: at most 10");
                        } else {
                            for (int f = 0; f < fields.size(); f++) {
                                textObject(fields.get(f), 2000, where + ".fields[" + f + "]", problems);
                            }
                        }
                    }
                    if (!b.has("text") && !b.has("fields")) {
                        problems.add(where + ": a section needs text or fields");
                    }
                }
                case "context" -> {
                    JsonNode elements = b.path("elements");
                    if (!elements.isArray() || elements.isEmpty() || elements.size() > 10) {
                        problems.add(where + ".elements: 1 to 10");
                    }
                }
                case "actions" -> {
                    JsonNode elements = b.path("elements");
                    if (!elements.isArray() || elements.isEmpty() || elements.size() > 25) {
                        problems.add(where + ".elements: 1 to 25");
                    } else {
                        for (JsonNode e : elements) {
                            if ("button".equals(e.path("type").asString(""))) {
                                if (!"plain_text".equals(e.path("text").path("type").asString(""))) {
                                    problems.add(where + ": a button's text must be plain_text");
                                }
                                if (e.path("text").path("text").asString("").length() > 75) {
                                    problems.add(where + ": button text over 75");
                                }
                                if (e.path("url").asString("").length() > 3000) {
                                    problems.add(where + ": button url over 3000");
                                }
                            }
                        }
                    }
                }
                case "header" -> textObject(b.path("text"), 150, where + ".text", problems);
                default -> { }
            }
        }
        return problems;
    }

    private static void textObject(JsonNode t, int max, String where, List<String> problems) {
        String type = t.path("type").asString("");
        if (!type.equals("mrkdwn") && !type.equals("plain_text")) {
            problems.add(where + ": text type " + type);
        }
        String text = t.path("text").asString("");
        if (text.isEmpty() || text.length() > max) {
            problems.add(where + ": text length " + text.length() + " (1 to " + max + ")");
        }
    }

    void switchOff() {
        on = false;
    }

    void switchOn() {
        on = true;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Arrival> arrivals(String path) {
        return arrivals.stream().filter(a -> a.path().equals(path)).toList();
    }

    List<Arrival> accepted(String path) {
        return arrivals(path).stream().filter(Arrival::accepted).toList();
    }

    List<Arrival> all() {
        return List.copyOf(arrivals);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
