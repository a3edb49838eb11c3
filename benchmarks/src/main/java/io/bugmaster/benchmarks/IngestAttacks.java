package io.bugmaster.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPOutputStream;

/**
 * The two ingest attacks of issue 8, run against a live server on loopback (see
 * {@code benchmarks/run-attacks.sh} and docs/benchmarks.md):
 *
 * <ul>
 *   <li>{@code bomb}: N requests in parallel, each one envelope of 99 event items of about 1 MB of
 *       {@code {},{},...} inside {@code extra} (about 106 KB gzip'd); or, with {@code --shape attachments},
 *       one event and 95 attachments of 1 MB (the most an accepted envelope may hold). Prints the
 *       server's RSS before, at its highest during, and a few seconds after, and the answers.</li>
 *   <li>{@code slow}: S connections to one project send their headers and then one byte every few
 *       seconds, while another project's SDK sends events at a fixed rate. Prints the other project's
 *       success rate, and what the slow senders got and when.</li>
 * </ul>
 *
 * Usage: {@code IngestAttacks bomb|slow --url URL --server-pid PID --project-id ID --key KEY [options]};
 * {@code slow} also needs {@code --other-project-id} and {@code --other-key}.
 */
public final class IngestAttacks {
    private static final int MB = 1024 * 1024;

    private String url = "http://127.0.0.1:8080";
    private long serverPid = -1;
    private String projectId;
    private String key;
    private String otherProjectId;
    private String otherKey;
    private int parallel = 20;
    private String shape = "events";
    private int slowSenders = 40;
    private int trickleSeconds = 5;
    private int seconds = 40;
    private int rate = 20;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: IngestAttacks bomb|slow --url URL --server-pid PID --project-id ID --key KEY ...");
            System.exit(2);
        }
        IngestAttacks attacks = new IngestAttacks();
        for (int i = 1; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--url" -> attacks.url = v.replaceAll("/+$", "");
                case "--server-pid" -> attacks.serverPid = Long.parseLong(v);
                case "--project-id" -> attacks.projectId = v;
                case "--key" -> attacks.key = v;
                case "--other-project-id" -> attacks.otherProjectId = v;
                case "--other-key" -> attacks.otherKey = v;
                case "--parallel" -> attacks.parallel = Integer.parseInt(v);
                case "--shape" -> attacks.shape = v;
                case "--slow-senders" -> attacks.slowSenders = Integer.parseInt(v);
                case "--trickle-seconds" -> attacks.trickleSeconds = Integer.parseInt(v);
                case "--seconds" -> attacks.seconds = Integer.parseInt(v);
                case "--rate" -> attacks.rate = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
            i++;
        }
        switch (args[0]) {
            case "bomb" -> attacks.bomb();
            case "slow" -> attacks.slow();
            default -> throw new IllegalArgumentException("unknown attack: " + args[0]);
        }
    }

    // --- memory bomb ---

    private void bomb() throws Exception {
        byte[] body = shape.equals("attachments") ? attachmentsEnvelope() : eventsEnvelope();
        System.out.printf(Locale.ROOT, "bomb (%s): %d requests in parallel, each %d KB gzip'd%n", shape, parallel, body.length / 1024);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long before = rssKib();
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(rssKib(), Math::max);
                sleep(100);
            }
        }, "rss-sampler");
        sampler.start();
        Map<String, LongAdder> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        long start = System.nanoTime();
        List<Future<?>> requests = new ArrayList<>();
        List<Long> millis = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < parallel; i++) {
            requests.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                String answer;
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/" + projectId + "/envelope/"))
                            .header("X-Sentry-Auth", "Sentry sentry_version=7,sentry_key=" + key).header("Content-Encoding", "gzip")
                            .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    answer = response.statusCode() + " " + clip(response.body());
                } catch (IOException e) {
                    answer = "I/O error: " + e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    answer = "interrupted";
                }
                millis.add((System.nanoTime() - t0) / 1_000_000);
                answers.computeIfAbsent(answer, a -> new LongAdder()).increment();
                return null;
            }));
        }
        for (Future<?> f : requests) {
            f.get(600, TimeUnit.SECONDS);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        pool.shutdown();
        sleep(5000);
        sampling.set(false);
        sampler.join();
        long after = rssKib();
        System.out.printf(Locale.ROOT, "server RSS: before %.0f MiB, highest during %.0f MiB, 5 s after %.0f MiB%n",
                before / 1024.0, peak.get() / 1024.0, after / 1024.0);
        java.util.Collections.sort(millis);
        System.out.printf(Locale.ROOT, "all answered in %d ms (fastest %d ms, slowest %d ms)%n", elapsed, millis.get(0),
                millis.get(millis.size() - 1));
        new TreeMap<>(answers).forEach((answer, n) -> System.out.printf(Locale.ROOT, "  %3d x %s%n", n.sum(), answer));
        System.out.println("health after: " + health(http));
    }

    /** The envelope of the report: 99 event items, each about 1 MB of {},{},... in extra. */
    private static byte[] eventsEnvelope() throws IOException {
        StringBuilder event = new StringBuilder(MB + 64).append("{\"message\":\"bomb\",\"extra\":{\"x\":[{}");
        while (event.length() < MB - 16) {
            event.append(",{}");
        }
        byte[] item = ("{\"type\":\"event\"}\n" + event.append("]}}") + "\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(("{\"event_id\":\"" + newId() + "\"}\n").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 99; i++) {
                gzip.write(item);
            }
        }
        return bytes.toByteArray();
    }

    /** An accepted shape that holds the most: one event and 95 attachments of 1 MB (95 MB decompressed). */
    private static byte[] attachmentsEnvelope() throws IOException {
        byte[] attachment = new byte[MB];
        java.util.Arrays.fill(attachment, (byte) 'a');
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(("{\"event_id\":\"" + newId() + "\"}\n{\"type\":\"event\"}\n{\"message\":\"attachments\"}\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 95; i++) {
                gzip.write(("{\"type\":\"attachment\",\"length\":" + MB + ",\"filename\":\"a" + i + ".bin\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
                gzip.write(attachment);
                gzip.write('\n');
            }
        }
        return bytes.toByteArray();
    }

    // --- slow senders ---

    private void slow() throws Exception {
        if (otherProjectId == null || otherKey == null) {
            throw new IllegalArgumentException("slow needs --other-project-id and --other-key");
        }
        System.out.printf(Locale.ROOT, "slow senders: %d connections to project %s send headers, then a byte every %d s; project %s"
                + " sends %d events/s for %d s%n", slowSenders, projectId, trickleSeconds, otherProjectId, rate, seconds);
        URI base = URI.create(url);
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort());
        long start = System.nanoTime();
        Map<String, LongAdder> slowAnswers = new ConcurrentHashMap<>();
        List<Thread> senders = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        for (int i = 0; i < slowSenders; i++) {
            Thread t = new Thread(() -> trickle(address, running, start, slowAnswers), "slow-" + i);
            t.setDaemon(true);
            t.start();
            senders.add(t);
        }
        sleep(2000); // the slow connections are open before the other project sends

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        Map<Integer, LongAdder> okPerTenSeconds = new ConcurrentHashMap<>();
        Map<Integer, LongAdder> sentPerTenSeconds = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> sent = new ArrayList<>();
        long otherStart = System.nanoTime();
        for (int i = 0; i < rate * seconds; i++) {
            long due = otherStart + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int window = (int) ((System.nanoTime() - otherStart) / 10_000_000_000L);
            sent.add(pool.submit(() -> {
                int status;
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create(url + "/api/" + otherProjectId + "/envelope/"))
                            .header("X-Sentry-Auth", "Sentry sentry_version=7,sentry_key=" + otherKey)
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"event_id\":\"" + newId() + "\"}\n{\"type\":\"event\"}\n"
                                    + "{\"message\":\"checkout failed\",\"level\":\"error\"}\n")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = -1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    status = -2;
                }
                byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
                sentPerTenSeconds.computeIfAbsent(window, w -> new LongAdder()).increment();
                if (status == 200) {
                    okPerTenSeconds.computeIfAbsent(window, w -> new LongAdder()).increment();
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        running.set(false);
        long total = byStatus.values().stream().mapToLong(LongAdder::sum).sum();
        long ok = byStatus.getOrDefault(200, new LongAdder()).sum();
        System.out.printf(Locale.ROOT, "other project: %d of %d answered 200 (%.1f%%); by status %s%n", ok, total, 100.0 * ok / total,
                new TreeMap<>(byStatus));
        StringBuilder windows = new StringBuilder("  200s per 10 s window:");
        for (int w : new TreeMap<>(sentPerTenSeconds).keySet()) {
            windows.append(String.format(Locale.ROOT, " [%d-%d s] %d/%d", w * 10, w * 10 + 10,
                    okPerTenSeconds.getOrDefault(w, new LongAdder()).sum(), sentPerTenSeconds.get(w).sum()));
        }
        System.out.println(windows);
        for (Thread t : senders) {
            t.join(TimeUnit.SECONDS.toMillis(trickleSeconds + 5));
        }
        System.out.println("slow senders got:");
        new TreeMap<>(slowAnswers).forEach((answer, n) -> System.out.printf(Locale.ROOT, "  %3d x %s%n", n.sum(), answer));
        System.out.printf(Locale.ROOT, "server RSS at the end: %.0f MiB%n", rssKib() / 1024.0);
    }

    /** One slow sender: headers of a 100 KB envelope, then a byte every few seconds until answered or told to stop. */
    private void trickle(InetSocketAddress address, AtomicBoolean running, long start, Map<String, LongAdder> answers) {
        String answer;
        try (Socket socket = new Socket()) {
            socket.connect(address, 10_000);
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /api/" + projectId + "/envelope/ HTTP/1.1\r\nHost: " + address.getHostString() + "\r\n"
                    + "X-Sentry-Auth: Sentry sentry_version=7,sentry_key=" + key + "\r\nContent-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long nextByte = System.nanoTime();
            answer = null;
            while (answer == null && running.get()) {
                if (System.nanoTime() >= nextByte) {
                    out.write('{');
                    out.flush();
                    nextByte += TimeUnit.SECONDS.toNanos(trickleSeconds);
                }
                byte[] buffer = new byte[512];
                try {
                    int n = in.read(buffer);
                    String text = n < 0 ? "closed without an answer" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
                    answer = text.startsWith("HTTP/1.1 ") ? text.substring(0, 12) : text;
                } catch (java.net.SocketTimeoutException e) {
                    // nothing yet
                }
            }
            if (answer == null) {
                answer = "still open at the end";
            } else {
                answer += " after " + (System.nanoTime() - start) / 1_000_000_000L + " s";
            }
        } catch (IOException e) {
            answer = "I/O error: " + e.getMessage() + " after " + (System.nanoTime() - start) / 1_000_000_000L + " s";
        }
        answers.computeIfAbsent(answer.replaceAll("after (\\d+) s", "after ~$1 s"), a -> new LongAdder()).increment();
    }

    // --- helpers ---

    private long rssKib() {
        try {
            return serverPid > 0 ? StartupBenchmark.rssKib(serverPid) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private String health(HttpClient http) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "unreachable (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String clip(String body) {
        String one = body.replaceAll("\\s+", " ");
        return one.length() > 140 ? one.substring(0, 140) + "..." : one;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
