package io.bugmaster.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP listener on 127.0.0.1 that answers with canned, Sentry-shaped replies and records
 * every request it got, for testing the CLI's HTTP, JSON, pagination and error handling.
 */
final class FakeSentryApi implements AutoCloseable {
    record Reply(int status, String body, Map<String, String> headers) {}

    record Request(String method, String uri, String authorization, String contentType, String body) {}

    private final HttpServer server;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeSentryApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answer {@code METHOD uri} (uri with its query, exactly as sent) with this reply. */
    FakeSentryApi on(String method, String uri, int status, String body, Map<String, String> headers) {
        replies.put(method + " " + uri, new Reply(status, body, headers));
        return this;
    }

    FakeSentryApi on(String method, String uri, int status, String body) {
        return on(method, uri, status, body, Map.of("Content-Type", "application/json"));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String uri = exchange.getRequestURI().toString();
        requests.add(new Request(exchange.getRequestMethod(), uri, exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Reply reply = replies.getOrDefault(exchange.getRequestMethod() + " " + uri,
                new Reply(404, "{\"detail\":\"The requested resource does not exist\"}", Map.of("Content-Type", "application/json")));
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
