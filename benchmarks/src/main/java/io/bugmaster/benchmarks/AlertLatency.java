package io.bugmaster.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alert latency: the time from a raw envelope POST of an event that creates a new issue (the moment
 * an SDK's transport sends) to the arrival of its Slack-style webhook message at a local receiver,
 * over N new issues sent one after another, optionally under a fixed rate of background ingestion
 * (events of a few existing issues, so they raise no signals). It creates a Slack channel pointing
 * at its own receiver (JDK HttpServer on 127.0.0.1) and an organization-wide, production-only rule
 * for new issues; the server must allow 127.0.0.1 outbound (BUGMASTER_OUTBOUND_ALLOW) and should
 * have a storm limit above the sample rate (BUGMASTER_NOTIFY_STORM_LIMIT), or samples are folded
 * into digests.
 *
 * <pre>
 * java -cp ... io.bugmaster.benchmarks.AlertLatency --url http://127.0.0.1:8080 --token ADMIN_TOKEN --org default \
 *     --project-id 2 --key PUBLIC_KEY [--samples 200] [--background-rate 0] [--pause-ms 100] [--label NAME]
 * </pre>
 * Prints one line per run: label, samples, p50/p90/p99/max in ms, background events sent/200/429 and achieved rate.
 */
public final class AlertLatency {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern MARKER = Pattern.compile("alertbench-([0-9a-f]{8})-(\\d+)");

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:8080";
        String token = null;
        String org = "default";
        String projectId = null;
        String key = null;
        int samples = 200;
        int backgroundRate = 0;
        int pauseMs = 100;
        int warmup = 10;
        String label = "alone";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i].replaceAll("/+$", "");
                case "--token" -> token = args[++i];
                case "--org" -> org = args[++i];
                case "--project-id" -> projectId = args[++i];
                case "--key" -> key = args[++i];
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--background-rate" -> backgroundRate = Integer.parseInt(args[++i]);
                case "--pause-ms" -> pauseMs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--label" -> label = args[++i];
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (token == null || projectId == null || key == null) {
            throw new IllegalArgumentException("needs --token, --project-id and --key");
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<Integer, Long> arrivals = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "receiver");
            t.setDaemon(true);
            return t;
        }));
        receiver.createContext("/", exchange -> {
            long at = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = MARKER.matcher(body);
            if (m.find() && m.group(1).equals(run)) {
                arrivals.putIfAbsent(Integer.parseInt(m.group(2)), at);
            }
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        receiver.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String api = url + "/api/0/organizations/" + org;
        String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/services/TBENCH/BBENCH/" + run;
        String channel = JSON.readTree(call(http, token, "POST", api + "/notification-channels/",
                "{\"name\": \"alert bench " + run + "\", \"kind\": \"slack\", \"config\": {\"url\": \"" + receiverUrl + "\"}}", 201))
                .path("id").asString();
        String rule = JSON.readTree(call(http, token, "POST", api + "/alert-rules/",
                "{\"name\": \"alert bench " + run + "\", \"scope\": {\"type\": \"organization\"}, \"environment\": \"production\","
                        + " \"conditions\": [{\"id\": \"first_seen_event\"}],"
                        + " \"actions\": [{\"id\": \"notify_channel\", \"channel\": \"" + channel + "\"}], \"frequency\": 5}", 201))
                .path("id").asString();
        String envelopeUrl = url + "/api/" + projectId + "/envelope/";
        String auth = "Sentry sentry_version=7, sentry_client=bugmaster-alert-bench/1.0, sentry_key=" + key;

        Background background = backgroundRate > 0 ? Background.start(http, envelopeUrl, auth, backgroundRate) : null;

        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        int missing = 0;
        AtomicLong sample429 = new AtomicLong();
        for (int i = -warmup; i < samples; i++) {
            int id = i + warmup; // warm-up samples are numbered first and not recorded
            String marker = "alertbench-" + run + "-" + id;
            String event = event(marker, "Alert bench new issue " + marker, marker);
            long sent = System.nanoTime();
            int status = post(http, envelopeUrl, auth, event);
            while (status == 429 && System.nanoTime() - sent < TimeUnit.SECONDS.toNanos(30)) {
                // back-pressure: an SDK would retry later; the clock keeps running from the first send
                sample429.incrementAndGet();
                Thread.sleep(50);
                status = post(http, envelopeUrl, auth, event);
            }
            if (status != 200) {
                throw new IllegalStateException("sample " + id + ": envelope answered " + status);
            }
            long deadline = sent + TimeUnit.SECONDS.toNanos(30);
            Long at;
            while ((at = arrivals.get(id)) == null && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (at == null) {
                missing++;
            } else if (i >= 0) {
                latency.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(at - sent)));
            }
            Thread.sleep(pauseMs);
        }
        String backgroundText = background == null ? "none" : background.stop();
        call(http, token, "DELETE", api + "/alert-rules/" + rule + "/", null, 204);
        receiver.stop(0);
        System.out.printf("%s\tsamples %d\tmissing %d\tsample 429s %d\tp50 %.1f ms\tp90 %.1f ms\tp99 %.1f ms\tmax %.1f ms\tbackground %s"
                        + "\tload %s\t%s%n",
                label, latency.getTotalCount(), missing, sample429.get(), ms(latency, 50), ms(latency, 90), ms(latency, 99), latency.getMaxValue() / 1000.0,
                backgroundText, new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim(), Instant.now());
        System.exit(0); // the HTTP client's and loaders' threads
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** An error event of about 2 KB: an exception with 12 frames, tags, a user; fingerprinted by {@code group}. */
    static String event(String group, String message, String tag) {
        StringBuilder frames = new StringBuilder();
        for (int f = 0; f < 12; f++) {
            frames.append(f == 0 ? "" : ",").append("{\"module\":\"com.acme.shop.Service").append(f)
                    .append("\",\"function\":\"handle").append(f).append("\",\"filename\":\"Service").append(f)
                    .append(".java\",\"lineno\":").append(10 + f).append(",\"in_app\":").append(f > 6).append('}');
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        return "{\"event_id\":\"" + id + "\",\"timestamp\":" + (System.currentTimeMillis() / 1000.0)
                + ",\"platform\":\"java\",\"level\":\"error\",\"environment\":\"production\",\"release\":\"shop@1.0.0\","
                + "\"fingerprint\":[\"" + group + "\"],\"tags\":{\"bench\":\"" + tag + "\",\"region\":\"eu-west\"},"
                + "\"user\":{\"id\":\"u-" + (id.charAt(0)) + "\"},"
                + "\"exception\":{\"values\":[{\"type\":\"IllegalStateException\",\"value\":\"" + message + "\","
                + "\"module\":\"java.lang\",\"stacktrace\":{\"frames\":[" + frames + "]}}]}}";
    }

    static int post(HttpClient http, String url, String auth, String event) throws Exception {
        String id = event.substring(13, 45);
        byte[] body = ("{\"event_id\":\"" + id + "\",\"sent_at\":\"" + Instant.now() + "\"}\n{\"type\":\"event\"}\n" + event + "\n")
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-sentry-envelope").header("X-Sentry-Auth", auth)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String call(HttpClient http, String token, String method, String url, String json, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /**
     * Background ingestion at a fixed rate (open model): events of 20 existing issues, so they raise
     * no signals but go through the same digester. Its threads are daemons, so an exception in the
     * caller never leaves them running.
     */
    static final class Background {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong tooMany = new AtomicLong();
        private final AtomicLong other = new AtomicLong();
        private final long started = System.nanoTime();
        private final ExecutorService loaders;

        private Background(int threads) {
            loaders = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "loader");
                t.setDaemon(true);
                return t;
            });
        }

        /** Starts sending {@code rate} events a second and returns once the rate has settled (3 s). */
        static Background start(HttpClient http, String envelopeUrl, String auth, int rate) throws InterruptedException {
            int threads = Math.max(4, Math.min(64, rate / 25));
            Background b = new Background(threads);
            double perThreadNanos = 1e9 * threads / rate;
            for (int t = 0; t < threads; t++) {
                int thread = t;
                b.loaders.submit(() -> {
                    long next = System.nanoTime() + (long) (perThreadNanos * thread / threads);
                    int n = 0;
                    while (!b.stop.get()) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        next += (long) perThreadNanos;
                        b.sent.incrementAndGet();
                        try {
                            int status = post(http, envelopeUrl, auth, event("background-" + (n++ % 20), "background event", "background"));
                            (status == 200 ? b.ok : status == 429 ? b.tooMany : b.other).incrementAndGet();
                        } catch (Exception e) {
                            b.other.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(3000); // let the background rate settle (and its few issues exist) before sampling
            return b;
        }

        /** Stops the loaders and says what they sent: {@code sent N, 200 N, 429 N, other N, R/s} (200s a second). */
        String stop() throws InterruptedException {
            stop.set(true);
            double seconds = (System.nanoTime() - started) / 1e9;
            loaders.shutdown();
            loaders.awaitTermination(30, TimeUnit.SECONDS);
            return String.format("sent %d, 200 %d, 429 %d, other %d, %.0f/s", sent.get(), ok.get(), tooMany.get(), other.get(), ok.get() / seconds);
        }
    }

    private AlertLatency() {}
}
