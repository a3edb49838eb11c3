package io.bugmaster.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.GZIPInputStream;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load harness for the Sentry ingestion endpoint {@code POST /api/{project_id}/envelope/}.
 *
 * <p>Sends Java-SDK-shaped, gzip'd exception envelopes (about 8 KB or 50 KB decompressed, a few
 * dozen distinct bugs, unique event ids) over raw HTTP/1.1 keep-alive connections, one thread per
 * connection, in one of two models:
 * <ul>
 *   <li>{@code closed} (saturation): N connections each send the next request as soon as the last
 *       one is answered, for T seconds. Latency is the service time of each request.</li>
 *   <li>{@code open} (fixed rate): requests are due at a fixed rate whether or not the server keeps
 *       up; N connections take them in order. Latency is measured from when a request was due, so a
 *       server that falls behind shows it (no coordinated omission).</li>
 * </ul>
 * Afterwards it polls the server's {@code bugmaster_digest_events_total} (Prometheus) until it stops
 * growing and reports fully processed events per second: processed / (last commit - first send).
 * It also counts 200 / 429 (and whether each 429 had Retry-After) / other / I/O errors, ack latency
 * percentiles, and, given {@code --server-pid}, the server's peak RSS and CPU time.
 *
 * <pre>
 * java -cp ... io.bugmaster.benchmarks.IngestLoad --url http://127.0.0.1:8080 --project-id 1 --key PUBLIC_KEY \
 *     [--size 8k|50k] [--mode closed|open] [--connections 64] [--rate 1000] [--duration 30] [--bugs 50]
 *     [--server-pid PID] [--close-each] [--label NAME] [--result-file FILE] [--settle 120] [--no-metrics]
 * java -cp ... io.bugmaster.benchmarks.IngestLoad setup --url http://127.0.0.1:8080 --token ADMIN_TOKEN [--project bench]
 * </pre>
 */
public final class IngestLoad {
    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(10);
    /** In the open model, requests still queued this long after the end of the run are dropped (counted as not sent). */
    private static final long LATE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private String url = "http://127.0.0.1:8080";
    private long projectId = -1;
    private String key;
    private boolean large;
    private String mode = "closed";
    private int connections = 64;
    private int rate = 1000;
    private int durationSeconds = 30;
    private int bugs = 50;
    private long serverPid = -1;
    private boolean closeEach;
    private boolean metrics = true;
    private String label;
    private Path resultFile;
    private int settleSeconds = 120;
    private int timeoutMillis = 60_000;

    // results
    private final LongAdder[] statuses = new LongAdder[600];
    private final LongAdder ioErrors = new LongAdder();
    private final LongAdder tooManyWithoutRetryAfter = new LongAdder();
    private final LongAdder notSent = new LongAdder();
    private final AtomicLong firstSend = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastAck = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong maxRssKib = new AtomicLong(-1);
    private volatile String lastIoError;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("setup")) {
            setup(args);
            return;
        }
        IngestLoad load = new IngestLoad();
        load.parse(args);
        load.run();
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--url" -> url = value(args, ++i, arg).replaceAll("/+$", "");
                case "--project-id" -> projectId = Long.parseLong(value(args, ++i, arg));
                case "--key" -> key = value(args, ++i, arg);
                case "--size" -> {
                    String size = value(args, ++i, arg).toLowerCase(Locale.ROOT);
                    if (!size.equals("8k") && !size.equals("50k")) {
                        fail("--size is 8k or 50k");
                    }
                    large = size.equals("50k");
                }
                case "--mode" -> {
                    mode = value(args, ++i, arg);
                    if (!mode.equals("closed") && !mode.equals("open")) {
                        fail("--mode is closed or open");
                    }
                }
                case "--connections" -> connections = Integer.parseInt(value(args, ++i, arg));
                case "--rate" -> rate = Integer.parseInt(value(args, ++i, arg));
                case "--duration" -> durationSeconds = Integer.parseInt(value(args, ++i, arg));
                case "--bugs" -> bugs = Integer.parseInt(value(args, ++i, arg));
                case "--server-pid" -> serverPid = Long.parseLong(value(args, ++i, arg));
                case "--close-each" -> closeEach = true;
                case "--no-metrics" -> metrics = false;
                case "--label" -> label = value(args, ++i, arg);
                case "--result-file" -> resultFile = Path.of(value(args, ++i, arg));
                case "--settle" -> settleSeconds = Integer.parseInt(value(args, ++i, arg));
                case "--timeout-ms" -> timeoutMillis = Integer.parseInt(value(args, ++i, arg));
                case "-h", "--help" -> {
                    System.out.println("see the class comment of io.bugmaster.benchmarks.IngestLoad or docs/benchmarks.md");
                    System.exit(0);
                }
                default -> fail("unknown argument: " + arg);
            }
        }
        if (projectId < 0 || key == null) {
            fail("--project-id and --key are required");
        }
        if (connections < 1 || connections > 10_000 || durationSeconds < 1 || durationSeconds > 3600 || rate < 1
                || bugs < 1 || bugs > 1000) {
            fail("out of range: --connections 1..10000, --duration 1..3600, --rate >= 1, --bugs 1..1000");
        }
        if (label == null) {
            label = mode.equals("open") ? (large ? "50KB" : "8KB") + " open " + rate + "/s"
                    : (large ? "50KB" : "8KB") + " closed c=" + connections;
        }
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = new LongAdder();
        }
    }

    private void run() throws Exception {
        URI base = URI.create(url);
        InetSocketAddress address = new InetSocketAddress(base.getHost(), base.getPort() < 0 ? 80 : base.getPort());
        String dsn = base.getScheme() + "://" + key + "@" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort())
                + "/" + projectId;
        Envelopes envelopes = Envelopes.build(large, bugs, key, dsn);
        selfCheck(envelopes);
        byte[] head = ("POST /api/" + projectId + "/envelope/ HTTP/1.1\r\n"
                + "Host: " + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort()) + "\r\n"
                + "User-Agent: sentry.java/" + Envelopes.SDK_VERSION + "\r\n"
                + "X-Sentry-Auth: Sentry sentry_version=7,sentry_client=sentry.java/" + Envelopes.SDK_VERSION
                + ",sentry_key=" + key + "\r\n"
                + "Content-Encoding: gzip\r\n"
                + "Content-Type: application/x-sentry-envelope\r\n"
                + "Accept: application/json\r\n").getBytes(StandardCharsets.US_ASCII);

        System.out.printf(Locale.ROOT, "== %s: %s envelopes (avg %.0f B decompressed, %.0f B gzip'd), %d bugs, mode %s, %d connections%s, %d s%s%n",
                label, envelopes.kind(), envelopes.averageUncompressed(), envelopes.averageCompressed(), envelopes.bugs(), mode,
                connections, mode.equals("open") ? ", " + rate + "/s" : "", durationSeconds,
                closeEach ? ", Connection: close per request" : ", keep-alive");
        String loadBefore = loadAverage();
        double busyBefore = machineBusyPercent(1000);
        System.out.printf(Locale.ROOT, "load average before: %s; CPU busy (all processes) over the last second: %.0f%%%n",
                loadBefore, busyBefore);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI metricsUri = URI.create(url + "/actuator/prometheus");
        Map<String, Double> before = metrics ? scrape(http, metricsUri) : Map.of();
        double baseCount = before.getOrDefault("bugmaster_digest_events_total", 0.0);
        long serverCpuBefore = serverCpuTicks();
        long clientCpuBefore = clientCpuNanos();

        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> sampleRss(sampling), "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();

        long start = System.nanoTime();
        long sendUntil = start + TimeUnit.SECONDS.toNanos(durationSeconds);
        long hardDeadline = sendUntil + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) + TimeUnit.SECONDS.toNanos(10);
        List<Worker> workers = new ArrayList<>(connections);
        ArrayBlockingQueue<Long> due = null;
        AtomicBoolean pacing = new AtomicBoolean(true);
        Thread pacer = null;
        if (mode.equals("open")) {
            // at most 10 s of backlog; beyond that the client gives up on those requests (counted as not sent)
            due = new ArrayBlockingQueue<>((int) Math.min(Integer.MAX_VALUE - 8, Math.max(1000L, rate * 10L)));
            ArrayBlockingQueue<Long> queue = due;
            pacer = new Thread(() -> pace(queue, start, sendUntil, pacing), "pacer");
            pacer.start();
        }
        for (int i = 0; i < connections; i++) {
            Worker worker = new Worker(new RawHttpConnection(address, timeoutMillis), envelopes, head, sendUntil, hardDeadline,
                    due, pacing);
            workers.add(worker);
            Thread t = new Thread(worker, "conn-" + i);
            t.setDaemon(true);
            worker.thread = t;
            t.start();
        }
        if (pacer != null) {
            pacer.join(TimeUnit.NANOSECONDS.toMillis(hardDeadline - System.nanoTime()) + 1000);
        }
        for (Worker worker : workers) {
            worker.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(hardDeadline - System.nanoTime()) + 1000));
        }
        long sendEnd = System.nanoTime();
        if (due != null && !due.isEmpty()) {
            notSent.add(due.size());
        }
        for (Worker worker : workers) {
            if (worker.thread.isAlive()) {
                System.out.println("warning: a connection thread was still waiting for a response at the deadline");
                worker.connection.close();
            }
        }

        // wait until the server's count of written events stops growing
        double finalCount = baseCount;
        long lastGrowth = Long.MIN_VALUE;
        Map<String, Double> after = Map.of();
        if (metrics) {
            long settleDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settleSeconds);
            long quietSince = System.nanoTime();
            double seen = Double.NaN;
            while (System.nanoTime() < settleDeadline) {
                after = scrape(http, metricsUri);
                double count = after.getOrDefault("bugmaster_digest_events_total", 0.0);
                long now = System.nanoTime();
                if (Double.isNaN(seen) || count != seen) {
                    if (!Double.isNaN(seen)) {
                        lastGrowth = now;
                    }
                    seen = count;
                    quietSince = now;
                } else if (now - quietSince > TimeUnit.SECONDS.toNanos(3)) {
                    break;
                }
                Thread.sleep(100);
            }
            finalCount = seen;
        }
        sampling.set(false);
        sampler.join(2000);
        long serverCpuTicks = serverCpuTicks() - serverCpuBefore;
        long clientCpuNanos = clientCpuNanos() - clientCpuBefore;

        Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
        for (Worker worker : workers) {
            latency.add(worker.histogram);
        }
        long ok = statuses[200].sum();
        long tooMany = statuses[429].sum();
        long other = 0;
        StringBuilder otherDetail = new StringBuilder();
        for (int s = 0; s < statuses.length; s++) {
            long n = statuses[s].sum();
            if (s != 200 && s != 429 && n > 0) {
                other += n;
                otherDetail.append(' ').append(s).append('x').append(n);
            }
        }
        long sent = ok + tooMany + other + ioErrors.sum();
        double sendSeconds = (sendEnd - start) / 1e9;
        long processed = Math.round(finalCount - baseCount);
        long first = firstSend.get();
        long lastCommit = Math.max(lastAck.get(), lastGrowth);
        double processSeconds = first == Long.MAX_VALUE || lastCommit == Long.MIN_VALUE ? Double.NaN : (lastCommit - first) / 1e9;
        double processedPerSecond = metrics && processSeconds > 0 ? processed / processSeconds : Double.NaN;
        double ackPerSecond = lastAck.get() == Long.MIN_VALUE ? 0 : ok / ((lastAck.get() - first) / 1e9);

        System.out.printf(Locale.ROOT, "sent %d requests in %.1f s (%.0f/s): 200 %d, 429 %d (%d without Retry-After), other %d%s, I/O errors %d%s%n",
                sent, sendSeconds, sent / sendSeconds, ok, tooMany, tooManyWithoutRetryAfter.sum(), other, otherDetail,
                ioErrors.sum(), notSent.sum() > 0 ? ", not sent (client backlog) " + notSent.sum() : "");
        if (lastIoError != null) {
            System.out.println("last I/O error: " + lastIoError);
        }
        System.out.printf(Locale.ROOT, "acknowledged (200): %.0f/s%n", ackPerSecond);
        if (metrics) {
            System.out.printf(Locale.ROOT, "processed (bugmaster_digest_events_total): %d in %.2f s from first send to last commit = %.0f events/s%n",
                    processed, processSeconds, processedPerSecond);
            double batches = after.getOrDefault("bugmaster_digest_batch_seconds_count", 0.0)
                    - before.getOrDefault("bugmaster_digest_batch_seconds_count", 0.0);
            double batchSeconds = after.getOrDefault("bugmaster_digest_batch_seconds_sum", 0.0)
                    - before.getOrDefault("bugmaster_digest_batch_seconds_sum", 0.0);
            if (batches > 0) {
                System.out.printf(Locale.ROOT, "digest: %.0f batches, %.1f events per batch, %.2f ms per batch, writer busy %.0f%% of the window%n",
                        batches, processed / batches, 1000 * batchSeconds / batches, 100 * batchSeconds / processSeconds);
            }
        }
        System.out.printf(Locale.ROOT, "ack latency (ms): p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (%d samples)%n",
                ms(latency, 50), ms(latency, 90), ms(latency, 99), latency.getMaxValue() / 1000.0, latency.getTotalCount());
        if (serverPid > 0) {
            System.out.printf(Locale.ROOT, "server: max RSS %.0f MiB, CPU %.1f s (%.2f ms per processed event)%n",
                    maxRssKib.get() / 1024.0, serverCpuTicks / 100.0,
                    processed > 0 ? serverCpuTicks * 10.0 / processed : Double.NaN);
        }
        System.out.printf(Locale.ROOT, "client: CPU %.1f s (%.0f us per request)%n", clientCpuNanos / 1e9,
                sent > 0 ? clientCpuNanos / 1e3 / sent : Double.NaN);
        System.out.printf(Locale.ROOT, "load average after: %s%n", loadAverage());

        if (resultFile != null) {
            String row = String.join("\t", label, envelopes.kind(), mode, Integer.toString(connections),
                    mode.equals("open") ? Integer.toString(rate) : "-", Integer.toString(durationSeconds),
                    Long.toString(sent), Long.toString(ok), Long.toString(tooMany), Long.toString(other + ioErrors.sum()),
                    fmt0(ackPerSecond), Long.toString(processed), fmt0(processedPerSecond),
                    fmt1(ms(latency, 50)), fmt1(ms(latency, 90)), fmt1(ms(latency, 99)), fmt1(latency.getMaxValue() / 1000.0),
                    serverPid > 0 ? fmt0(maxRssKib.get() / 1024.0) : "-",
                    serverPid > 0 && processed > 0 ? String.format(Locale.ROOT, "%.2f", serverCpuTicks * 10.0 / processed) : "-",
                    loadBefore.split(" ")[0], fmt0(busyBefore));
            Files.writeString(resultFile, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private final class Worker implements Runnable {
        final RawHttpConnection connection;
        final Envelopes envelopes;
        final byte[] head;
        final long sendUntil;
        final long hardDeadline;
        final ArrayBlockingQueue<Long> due;
        final AtomicBoolean pacing;
        final Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
        Thread thread;

        Worker(RawHttpConnection connection, Envelopes envelopes, byte[] head, long sendUntil, long hardDeadline,
                ArrayBlockingQueue<Long> due, AtomicBoolean pacing) {
            this.connection = connection;
            this.envelopes = envelopes;
            this.head = head;
            this.sendUntil = sendUntil;
            this.hardDeadline = hardDeadline;
            this.due = due;
            this.pacing = pacing;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    long intended;
                    if (due == null) {
                        intended = System.nanoTime();
                        if (intended >= sendUntil) {
                            break;
                        }
                    } else {
                        Long next = due.poll(50, TimeUnit.MILLISECONDS);
                        if (next == null) {
                            if (!pacing.get() && due.isEmpty() || System.nanoTime() > hardDeadline) {
                                break;
                            }
                            continue;
                        }
                        if (System.nanoTime() > sendUntil + LATE_LIMIT_NANOS) {
                            // the run is over: what is still queued is counted as not sent, not drained for minutes
                            notSent.increment();
                            continue;
                        }
                        intended = next;
                    }
                    byte[] body = envelopes.next();
                    firstSend.accumulateAndGet(System.nanoTime(), Math::min);
                    try {
                        RawHttpConnection.Response response = connection.post(head, body, closeEach);
                        long now = System.nanoTime();
                        histogram.recordValue(Math.min(MAX_LATENCY_MICROS, (now - intended) / 1000));
                        int status = response.status();
                        statuses[status >= 0 && status < statuses.length ? status : 599].increment();
                        if (status == 200) {
                            lastAck.accumulateAndGet(now, Math::max);
                        } else if (status == 429 && !response.hasRetryAfter()) {
                            tooManyWithoutRetryAfter.increment();
                        }
                    } catch (IOException | RuntimeException e) {
                        ioErrors.increment();
                        lastIoError = e.toString();
                        Thread.sleep(5); // do not spin on a refused connection
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                connection.close();
            }
        }
    }

    /** Puts the due time of each request on the queue at the fixed rate until the end of the run. */
    private void pace(ArrayBlockingQueue<Long> due, long start, long sendUntil, AtomicBoolean pacing) {
        try {
            double interval = 1e9 / rate;
            long i = 0;
            while (true) {
                long at = start + (long) (i * interval);
                if (at >= sendUntil) {
                    break;
                }
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                if (!due.offer(at)) {
                    notSent.increment();
                }
                i++;
            }
        } finally {
            pacing.set(false);
        }
    }

    private void sampleRss(AtomicBoolean sampling) {
        while (sampling.get() && serverPid > 0) {
            try {
                long rss = StartupBenchmark.rssKib(serverPid);
                maxRssKib.accumulateAndGet(rss, Math::max);
                Thread.sleep(200);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The server's user + system CPU time in clock ticks (USER_HZ, 100 on Linux), or 0. */
    private long serverCpuTicks() {
        if (serverPid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(serverPid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long clientCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** Sum of each metric without labels or over all its label sets. */
    static Map<String, Double> scrape(HttpClient http, URI uri) {
        Map<String, Double> values = new HashMap<>();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
            }
            for (String line : response.body().split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int brace = line.indexOf('{');
                int space = line.lastIndexOf(' ');
                String name = brace >= 0 ? line.substring(0, brace) : line.substring(0, space);
                try {
                    values.merge(name, Double.parseDouble(line.substring(space + 1)), Double::sum);
                } catch (NumberFormatException ignored) {
                    // NaN and such
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return values;
    }

    /** Decompresses one rendered envelope and checks that it is what it claims (valid gzip, item length). */
    private static void selfCheck(Envelopes envelopes) throws IOException {
        byte[] body = envelopes.next();
        String text;
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = text.split("\n", 3);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode header = json.readTree(lines[0]);
        JsonNode item = json.readTree(lines[1]);
        JsonNode event = json.readTree(lines[2]);
        if (item.path("length").asLong() != lines[2].getBytes(StandardCharsets.UTF_8).length
                || !header.path("event_id").asString().equals(event.path("event_id").asString())
                || event.path("exception").path("values").path(0).path("stacktrace").path("frames").size() != 40) {
            throw new IllegalStateException("generated envelope is inconsistent:\n" + text);
        }
    }

    /** Creates (or finds) a project and prints PROJECT_ID=, PUBLIC_KEY= and DSN= lines for a shell to eval. */
    private static void setup(String[] args) throws Exception {
        String url = "http://127.0.0.1:8080";
        String token = null;
        String project = "bench";
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = value(args, ++i, "--url").replaceAll("/+$", "");
                case "--token" -> token = value(args, ++i, "--token");
                case "--project" -> project = value(args, ++i, "--project");
                default -> fail("unknown argument: " + args[i]);
            }
        }
        if (token == null) {
            fail("setup needs --token");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonMapper json = JsonMapper.builder().build();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/api/0/teams/default/default/projects/"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":" + Envelopes.json(project) + "}"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode projectJson;
        if (created.statusCode() == 201 || created.statusCode() == 200) {
            projectJson = json.readTree(created.body());
        } else {
            HttpResponse<String> existing = http.send(HttpRequest.newBuilder(URI.create(url + "/api/0/projects/default/" + project + "/"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (existing.statusCode() != 200) {
                throw new IllegalStateException("could not create project (" + created.statusCode() + " " + created.body()
                        + ") nor find it (" + existing.statusCode() + ")");
            }
            projectJson = json.readTree(existing.body());
        }
        String slug = projectJson.path("slug").asString(project);
        HttpResponse<String> keys = http.send(HttpRequest.newBuilder(URI.create(url + "/api/0/projects/default/" + slug + "/keys/"))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (keys.statusCode() != 200) {
            throw new IllegalStateException("GET keys answered " + keys.statusCode() + " " + keys.body());
        }
        JsonNode first = json.readTree(keys.body()).path(0);
        System.out.println("PROJECT_ID=" + projectJson.path("id").asString());
        System.out.println("PUBLIC_KEY=" + first.path("public").asString());
        System.out.println("DSN=" + first.path("dsn").path("public").asString());
    }

    /** Share of all CPUs that was not idle over {@code millis} (from /proc/stat), or NaN. */
    private static double machineBusyPercent(long millis) {
        try {
            long[] a = cpuTimes();
            Thread.sleep(millis);
            long[] b = cpuTimes();
            double total = b[0] - a[0];
            return total <= 0 ? Double.NaN : 100.0 * (1 - (b[1] - a[1]) / total);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** Total and idle (idle + iowait) jiffies of all CPUs. */
    private static long[] cpuTimes() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
        }
        return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String fmt0(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String fmt1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            fail(option + " needs a value");
        }
        return args[index];
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
