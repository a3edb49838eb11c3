package io.bugmaster.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP receiver on 127.0.0.1 (JDK HttpServer) that records every request and answers with
 * queued responses (200 "ok" when none is queued), standing in for Slack, Teams, PagerDuty, ...
 */
public final class Receiver implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private volatile CountDownLatch arrived = new CountDownLatch(1);
    private volatile Answer fallback = new Answer(200, "ok", Map.of());

    public record Request(String method, String path, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public record Answer(int status, String body, Map<String, String> headers) {}

    public Receiver() {
        this(InetAddress.getLoopbackAddress(), 0);
    }

    /** A receiver on a given loopback address and port (0 for any free port). */
    public Receiver(InetAddress address, int port) {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests listen on loopback only: " + address);
        }
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            arrived.countDown();
            try {
                // a slow receiver: it has the request and answers once the test lets it (at most a minute)
                hold.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Answer answer;
            synchronized (answers) {
                answer = answers.isEmpty() ? fallback : answers.poll();
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.start();
    }

    /**
     * Makes this a slow receiver: it takes each request and answers only once {@code release} is
     * counted down. Returns a latch counted down as each request arrives.
     */
    public CountDownLatch holdingAnswersUntil(CountDownLatch release) {
        hold = release;
        arrived = new CountDownLatch(1);
        return arrived;
    }

    public Receiver answering(int status, String body) {
        fallback = new Answer(status, body, Map.of());
        return this;
    }

    public Receiver thenAnswer(int status, String body, Map<String, String> headers) {
        synchronized (answers) {
            answers.add(new Answer(status, body, headers));
        }
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request only() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size() + ": " + requests);
        }
        return requests.get(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
