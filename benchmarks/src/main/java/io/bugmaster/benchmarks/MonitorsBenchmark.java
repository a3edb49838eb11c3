package io.bugmaster.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Monitors under load, against a running server through its public API only:
 *
 * <ul>
 * <li>{@code pings-setup}: makes N cron monitors (a day's interval: none goes late during the run) and
 *     writes their ping paths and slugs to a directory, for {@code wrk} (benchmarks/monitors-wrk.lua);</li>
 * <li>{@code deadlines}: page latency (an Events v2 trigger to the push at a local ntfy-compatible
 *     receiver) with no monitors; then N cron monitors with an interval of 1 minute and a 1-minute margin
 *     each check in once, so their deadlines pass together (late after a minute, missed after two): page
 *     latency while they pass, the engine's modules (from {@code /actuator/prometheus}) over the window,
 *     and how long after its deadline each monitor was seen missed (its {@code state_since} minus its
 *     check-in plus two minutes);</li>
 * <li>{@code checks}: one healthy SQL monitor (every minute, on a data source of its own) alone, then with
 *     H monitors whose query hangs on another data source: the gaps between the healthy monitor's results (a minute when on time)
 *     and page latency meanwhile.</li>
 * </ul>
 */
public final class MonitorsBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern TITLE = Pattern.compile("\\[#\\d+] (monbench-[0-9a-f]{8}-\\d+)");
    private static final Pattern METRIC = Pattern.compile(
            "^(bugmaster_engine_module(?:_lateness)?_seconds_(?:count|sum|max))\\{([^}]*)} ([0-9.eE+-]+)$");
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"; results=\"true\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Long> pushes = new ConcurrentHashMap<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger pageNumber = new AtomicInteger();
    private String url;
    private String token;
    private String org = "default";
    private String project;
    private int receiverPort;
    private int monitors = 1000;
    private int hanging = 20;
    private int window = 240;
    private String out;
    private String replicaUrl;
    private String api;
    private String pageKey;

    public static void main(String[] args) throws Exception {
        MonitorsBenchmark b = new MonitorsBenchmark();
        String command = args[0];
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> b.url = args[++i].replaceAll("/+$", "");
                case "--token" -> b.token = args[++i];
                case "--org" -> b.org = args[++i];
                case "--project" -> b.project = args[++i];
                case "--receiver-port" -> b.receiverPort = Integer.parseInt(args[++i]);
                case "--monitors" -> b.monitors = Integer.parseInt(args[++i]);
                case "--hanging" -> b.hanging = Integer.parseInt(args[++i]);
                case "--window" -> b.window = Integer.parseInt(args[++i]);
                case "--out" -> b.out = args[++i];
                case "--replica-url" -> b.replicaUrl = args[++i];
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        b.api = b.url + "/api/0/organizations/" + b.org;
        switch (command) {
            case "pings-setup" -> b.pingsSetup();
            case "deadlines" -> b.deadlines();
            case "checks" -> b.checks();
            default -> throw new IllegalArgumentException("unknown command: " + command);
        }
        System.exit(0);
    }

    // ---- pings

    private void pingsSetup() throws Exception {
        List<String> paths = new ArrayList<>();
        List<String> slugs = new ArrayList<>();
        List<JsonNode> made = createCron(monitors, "day");
        for (JsonNode m : made) {
            paths.add(URI.create(m.path("ping_urls").path("uuid").asString()).getPath());
            slugs.add(m.path("slug").asString());
        }
        Files.write(Path.of(out, "paths.txt"), paths);
        Files.write(Path.of(out, "slugs.txt"), slugs);
    }

    // ---- deadlines

    private void deadlines() throws Exception {
        setUpPaging();
        pageLatency("no monitors", 30);
        long t0 = System.nanoTime();
        List<JsonNode> made = createCron(monitors, "minute");
        double createS = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        parallel(made.size(), i -> send("GET", URI.create(made.get(i).path("ping_urls").path("uuid").asString()).getPath(), null, 200));
        Instant lastPing = Instant.now();
        System.out.printf("made %d cron monitors (every minute, 1 min margin) in %.1f s; one ping each in %.1f s; last ping %s\tload %s%n",
                monitors, createS, (System.nanoTime() - t0) / 1e9, lastPing, load());
        Map<String, Double> before = scrape();
        long start = System.nanoTime();
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        int missing = 0;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(window)) {
            long late = page();
            if (late < 0) {
                missing++;
            } else {
                h.recordValue(Math.max(1, late));
            }
            Thread.sleep(1000);
        }
        System.out.printf("page latency, %d monitors' deadlines passing (%d s)\tsamples %d\tmissing %d\tp50 %.1f ms\tp99 %.1f ms\tmax %.1f ms\tload %s%n",
                monitors, window, h.getTotalCount(), missing, h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0, load());
        engineTable(before, scrape(), window);
        // how long after its deadline (check-in + 1 min interval + 1 min margin) each monitor went down
        Histogram seen = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
        int notDown = 0;
        for (JsonNode m : listMonitors()) {
            if (!m.path("state").asString().equals("down")) {
                notDown++;
                continue;
            }
            Instant checkIn = Instant.parse(m.path("lastCheckIn").asString());
            long ms = Duration.between(checkIn.plusSeconds(120), Instant.parse(m.path("state_since").asString())).toMillis();
            seen.recordValue(Math.max(0, ms));
        }
        System.out.printf("missed seen after the deadline, %d monitors\tdown %d\tnot down after %d s: %d\tp50 %.1f s\tp90 %.1f s\tmax %.1f s%n",
                monitors, seen.getTotalCount(), window, notDown, seen.getValueAtPercentile(50) / 1000.0,
                seen.getValueAtPercentile(90) / 1000.0, seen.getMaxValue() / 1000.0);
    }

    // ---- checks

    private void checks() throws Exception {
        setUpPaging();
        String source = dataSource("replica " + run);
        // its own data source (the same server: a query that hangs holds only its own connection)
        String healthy = sqlMonitor("healthy-" + run, dataSource("healthy replica " + run), "SELECT 1");
        Instant aloneFrom = Instant.now();
        pageLatency("healthy SQL monitor alone", 10);
        Thread.sleep(TimeUnit.SECONDS.toMillis(window) - 10_000);
        gaps("alone", healthy, aloneFrom);
        for (int i = 0; i < hanging; i++) {
            sqlMonitor("hang-" + run + "-" + i, source, "SELECT pg_sleep(600)");
        }
        Instant from = Instant.now();
        Map<String, Double> before = scrape();
        long start = System.nanoTime();
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(window)) {
            long late = page();
            if (late >= 0) {
                h.recordValue(Math.max(1, late));
            }
            Thread.sleep(1000);
        }
        System.out.printf("page latency, %d hanging SQL monitors\tsamples %d\tp50 %.1f ms\tp99 %.1f ms\tmax %.1f ms\tload %s%n", hanging,
                h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, load());
        engineTable(before, scrape(), window);
        gaps("with " + hanging + " hanging", healthy, from);
    }

    private String dataSource(String name) throws Exception {
        return JSON.readTree(call("POST", api + "/data-sources/", json(Map.of("name", name, "kind", "postgresql",
                "url", replicaUrl, "username", "bugmaster", "password", "bench")), 201)).path("id").asString();
    }

    private String sqlMonitor(String slug, String source, String query) throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("schedule_type", "interval");
        config.put("schedule", List.of(1, "minute"));
        config.put("sql", Map.of("data_source_id", source, "query", query, "count_rows", false,
                "condition", Map.of("operator", "gt", "threshold", 5)));
        call("POST", api + "/monitors/", json(Map.of("name", slug, "slug", slug, "project", project, "type", "sql", "config", config)), 201);
        return slug;
    }

    /** The gaps between a check's results since {@code from}: a minute each when the check runs on time. */
    private void gaps(String label, String slug, Instant from) throws Exception {
        List<Instant> at = new ArrayList<>();
        for (JsonNode r : JSON.readTree(call("GET", api + "/monitors/" + slug + "/results/?per_page=100", null, 200))) {
            Instant t = Instant.parse(r.path("dateCreated").asString());
            if (!t.isBefore(from)) {
                at.add(t);
            }
        }
        at.sort(null);
        List<String> seconds = new ArrayList<>();
        double max = 0;
        for (int i = 1; i < at.size(); i++) {
            double s = Duration.between(at.get(i - 1), at.get(i)).toMillis() / 1000.0;
            max = Math.max(max, s);
            seconds.add(String.format("%.0f", s));
        }
        System.out.printf("healthy SQL monitor (every minute), %s\tresults %d\tgaps (s) %s\tmax gap %.0f s\tload %s%n", label, at.size(),
                seconds, max, load());
    }

    // ---- paging

    private void setUpPaging() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), receiverPort), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(2));
        receiver.createContext("/", exchange -> {
            long at = System.nanoTime();
            exchange.getRequestBody().readAllBytes();
            String title = exchange.getRequestHeaders().getFirst("Title");
            Matcher t = title == null ? null : TITLE.matcher(title);
            if (t != null && t.find()) {
                pushes.putIfAbsent(t.group(1), at);
            }
            byte[] answer = "{\"id\":\"x\",\"event\":\"message\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        String userId = null;
        for (JsonNode m : JSON.readTree(call("GET", api + "/members/", null, 200))) {
            if (m.path("role").asString("").equals("owner") || m.path("orgRole").asString("").equals("owner")) {
                userId = m.path("user").path("id").asString();
            }
        }
        String method = JSON.readTree(call("POST", url + "/api/0/users/me/contact-methods/", json(Map.of("type", "ntfy", "label", "bench push",
                "address", "http://127.0.0.1:" + receiverPort + "/monbench-" + run)), 201)).path("id").asString();
        call("POST", url + "/api/0/users/me/notification-rules/", json(Map.of("urgency", "high", "start_delay_in_minutes", 0,
                "contact_method", Map.of("id", method))), 201);
        String policy = JSON.readTree(call("POST", api + "/escalation-policies/", json(Map.of("name", "bench " + run, "num_loops", 0,
                "escalation_rules", List.of(Map.of("escalation_delay_in_minutes", 1440,
                        "targets", List.of(Map.of("type", "user_reference", "id", userId)))))), 201)).path("id").asString();
        String service = JSON.readTree(call("POST", api + "/services/", json(Map.of("name", "bench " + run, "escalation_policy",
                Map.of("id", policy), "urgency", "high")), 201)).path("id").asString();
        pageKey = JSON.readTree(call("POST", api + "/services/" + service + "/integrations/", json(Map.of("type", "events_api_v2")), 201))
                .path("integration_key").asString();
    }

    private void pageLatency(String label, int samples) throws Exception {
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        for (int i = 0; i < samples; i++) {
            long late = page();
            if (late >= 0) {
                h.recordValue(Math.max(1, late));
            }
            Thread.sleep(1000);
        }
        System.out.printf("page latency, %s\tsamples %d\tp50 %.1f ms\tp99 %.1f ms\tmax %.1f ms\tload %s%n", label, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, load());
    }

    /** One page: trigger to push, in microseconds; -1 when no push came within a minute. */
    private long page() throws Exception {
        String marker = "monbench-" + run + "-" + pageNumber.incrementAndGet();
        long sent = System.nanoTime();
        String event = json(Map.of("routing_key", pageKey, "event_action", "trigger", "dedup_key", marker,
                "payload", Map.of("summary", marker + " disk full", "source", "db-1.bench", "severity", "critical")));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/v2/enqueue")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("/v2/enqueue answered " + r.statusCode() + ": " + r.body());
        }
        while (System.nanoTime() - sent < TimeUnit.MINUTES.toNanos(1)) {
            Long at = pushes.get(marker);
            if (at != null) {
                return TimeUnit.NANOSECONDS.toMicros(at - sent);
            }
            Thread.sleep(1);
        }
        return -1;
    }

    // ---- monitors

    private List<JsonNode> createCron(int n, String unit) throws Exception {
        JsonNode[] made = new JsonNode[n];
        parallel(n, i -> {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("schedule_type", "interval");
            config.put("schedule", List.of(1, unit));
            config.put("checkin_margin", 1);
            String slug = "job-" + run + "-" + i;
            made[i] = JSON.readTree(call("POST", api + "/monitors/", json(Map.of("name", slug, "slug", slug, "project", project,
                    "type", "cron_job", "config", config)), 201));
        });
        return List.of(made);
    }

    private List<JsonNode> listMonitors() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String next = api + "/monitors/?per_page=100";
        while (next != null) {
            HttpResponse<String> r = http.send(authorized(next).GET().build(), HttpResponse.BodyHandlers.ofString());
            JSON.readTree(r.body()).forEach(all::add);
            Matcher m = NEXT.matcher(r.headers().firstValue("Link").orElse(""));
            next = m.find() ? m.group(1) : null;
        }
        return all;
    }

    // ---- engine meters

    private void engineTable(Map<String, Double> before, Map<String, Double> after, int seconds) {
        StringBuilder table = new StringBuilder();
        double busy = 0;
        double cycles = 0;
        for (String k : after.keySet()) {
            if (!k.startsWith("bugmaster_engine_module_seconds_count|") || !k.endsWith("|success")) {
                continue;
            }
            String m = k.split("\\|")[1];
            double runs = delta(before, after, k);
            double sum = delta(before, after, "bugmaster_engine_module_seconds_sum|" + m + "|success");
            double max = after.getOrDefault("bugmaster_engine_module_seconds_max|" + m + "|success", 0.0);
            double failures = delta(before, after, "bugmaster_engine_module_seconds_count|" + m + "|failure");
            busy += sum;
            cycles = Math.max(cycles, runs);
            if (sum / Math.max(1, runs) > 0.005 || failures > 0 || m.startsWith("monitor")) {
                table.append(String.format("  %-24s runs %4.0f  mean %8.1f ms  max(recent) %8.1f ms%s%n", m, runs, runs == 0 ? 0 : 1000 * sum / runs,
                        1000 * max, failures > 0 ? "  FAILURES " + (long) failures : ""));
            }
        }
        System.out.printf("engine over %d s\tcycles %.0f\tmean cycle %.1f ms\tengine busy %.1f%% of the window (modules over 5 ms a run:)%n%s",
                seconds, cycles, cycles == 0 ? 0 : 1000 * busy / cycles, 100 * busy / seconds, table);
    }

    private Map<String, Double> scrape() throws Exception {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : call("GET", url + "/actuator/prometheus", null, 200).split("\n")) {
            Matcher m = METRIC.matcher(line);
            if (m.matches()) {
                String module = label(m.group(2), "module");
                String outcome = label(m.group(2), "outcome");
                values.put(m.group(1) + "|" + module + (outcome == null ? "" : "|" + outcome), Double.parseDouble(m.group(3)));
            }
        }
        return values;
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile("(?:^|,)" + name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : null;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
    }

    // ---- HTTP

    interface Task {
        void run(int i) throws Exception;
    }

    private static void parallel(int n, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            work.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < n; ) {
                    task.run(i);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
    }

    private void send(String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private HttpRequest.Builder authorized(String target) {
        return HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token);
    }

    private String call(String method, String target, String body, int expected) throws Exception {
        HttpRequest.Builder b = authorized(target)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + target + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private MonitorsBenchmark() {}
}
