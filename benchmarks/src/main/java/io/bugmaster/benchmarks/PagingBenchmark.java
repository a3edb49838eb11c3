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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * On-call paging, measured end to end against a running server through its public API only:
 *
 * <ol>
 * <li><b>page latency</b>: from a PagerDuty Events v2 {@code POST /v2/enqueue} (a trigger with a new
 *     dedup key, so a new incident whose policy pages level 1 at once) to the arrival of the push at
 *     a local ntfy-compatible receiver (JDK HttpServer on 127.0.0.1, the person's ntfy contact
 *     method), N samples one after another; alone, then under a fixed rate of Sentry envelope
 *     ingestion into a project (the background loader of {@link AlertLatency});</li>
 * <li><b>escalation lateness</b>: N incidents on a service whose policy has two levels with the
 *     smallest delay the API allows (1 minute), sent spread over a minute so that their deadlines fall
 *     at every phase of the engine's tick; each sample is the arrival of the level 2 push minus the
 *     incident's {@code next_escalation_at} as the API shows it after level 1 was paged;</li>
 * <li><b>engine cycle</b>: the engine's own timers from {@code /actuator/prometheus}
 *     ({@code bugmaster_engine_module_seconds} by module and outcome, and the lateness of its
 *     first module) over a window of W seconds (at least a minute, so the once-a-minute gap warnings
 *     run in it), before and after seeding S schedules and A open alerts through the API.</li>
 * </ol>
 * The server must allow 127.0.0.1 outbound ({@code BUGMASTER_OUTBOUND_ALLOW}), take more than the
 * default 120 inbound requests a minute per key ({@code BUGMASTER_INBOUND_RATE_PER_MINUTE}) and have
 * a storm limit above the sample rate; {@code benchmarks/run-paging.sh} starts it so.
 *
 * <pre>
 * java -cp ... io.bugmaster.benchmarks.PagingBenchmark --url http://127.0.0.1:18700 --token ADMIN_TOKEN --org default \
 *     --project-id 2 --key PUBLIC_KEY --receiver-port 18701 [--samples 200] [--rate 1000] [--escalations 100]
 *     [--schedules 1000] [--alerts 10000] [--window 65]
 * </pre>
 */
public final class PagingBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern TITLE = Pattern.compile("\\[#(\\d+)] (pagebench-[0-9a-f]{8}-[a-z]+-\\d+)");
    private static final Pattern LEVEL = Pattern.compile("Escalation level: (\\d+)");
    private static final Pattern METRIC = Pattern.compile(
            "^(bugmaster_engine_module(?:_lateness)?_seconds_(?:count|sum|max))\\{([^}]*)} ([0-9.eE+-]+)$");

    /** One push as the receiver saw it. */
    record Push(long incidentNumber, int level, long nanos, long epochMillis) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, List<Push>> pushes = new ConcurrentHashMap<>();
    private final AtomicLong pushCount = new AtomicLong();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private String url = "http://127.0.0.1:18700";
    private String token;
    private String org = "default";
    private String projectId;
    private String key;
    private int receiverPort = 18701;
    private int samples = 200;
    private int rate = 1000;
    private int escalations = 100;
    private int schedules = 1000;
    private int alerts = 10_000;
    private int windowSeconds = 65;
    private String api;

    public static void main(String[] args) throws Exception {
        PagingBenchmark b = new PagingBenchmark();
        b.parse(args);
        b.run();
        System.exit(0); // the HTTP client's and the loaders' threads
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i].replaceAll("/+$", "");
                case "--token" -> token = args[++i];
                case "--org" -> org = args[++i];
                case "--project-id" -> projectId = args[++i];
                case "--key" -> key = args[++i];
                case "--receiver-port" -> receiverPort = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--escalations" -> escalations = Integer.parseInt(args[++i]);
                case "--schedules" -> schedules = Integer.parseInt(args[++i]);
                case "--alerts" -> alerts = Integer.parseInt(args[++i]);
                case "--window" -> windowSeconds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (token == null || projectId == null || key == null) {
            throw new IllegalArgumentException("needs --token, --project-id and --key");
        }
        api = url + "/api/0/organizations/" + org;
    }

    private void run() throws Exception {
        startReceiver();
        String userId = myUserId();
        String method = JSON.readTree(call("POST", url + "/api/0/users/me/contact-methods/", json(Map.of("type", "ntfy", "label", "bench push",
                "address", "http://127.0.0.1:" + receiverPort + "/pagebench-" + run)), 201)).path("id").asString();
        call("POST", url + "/api/0/users/me/notification-rules/", json(Map.of("urgency", "high", "start_delay_in_minutes", 0,
                "contact_method", Map.of("id", method))), 201);
        // level 1 only, a day's delay: nothing escalates during the run
        String oneLevel = policy("bench one level " + run, List.of(1440), userId);
        String twoLevels = policy("bench two levels " + run, List.of(1, 1), userId);
        String pageKey = integration(service("bench paging " + run, oneLevel));
        String escalationKey = integration(service("bench escalation " + run, twoLevels));
        String seedKey = integration(service("bench seed " + run, oneLevel));
        System.out.printf("machine: %d CPUs; run %s; receiver 127.0.0.1:%d%n", Runtime.getRuntime().availableProcessors(), run, receiverPort);

        cycle("empty", windowSeconds);
        latency("alone", pageKey, 0);
        latency("bg " + rate + "/s", pageKey, rate);
        lateness("empty", escalationKey);

        seed(userId, method, seedKey);
        cycle(schedules + " schedules, " + alerts + " open alerts", windowSeconds);
        latency("alone, seeded", pageKey, 0);
        lateness("seeded", escalationKey);
    }

    // ---- the receiver

    private void startReceiver() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), receiverPort), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(2, daemon("receiver")));
        receiver.createContext("/", exchange -> {
            long at = System.nanoTime();
            long wall = System.currentTimeMillis();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String title = exchange.getRequestHeaders().getFirst("Title");
            Matcher t = title == null ? null : TITLE.matcher(title);
            if (t != null && t.find()) {
                Matcher l = LEVEL.matcher(body);
                pushes.computeIfAbsent(t.group(2), k -> new CopyOnWriteArrayList<>())
                        .add(new Push(Long.parseLong(t.group(1)), l.find() ? Integer.parseInt(l.group(1)) : 0, at, wall));
            }
            pushCount.incrementAndGet();
            byte[] answer = ("{\"id\":\"" + UUID.randomUUID().toString().substring(0, 12) + "\",\"event\":\"message\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
    }

    private Push waitForPush(String marker, int level, long deadlineNanos) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            List<Push> seen = pushes.get(marker);
            if (seen != null) {
                for (Push p : seen) {
                    if (p.level() == level) {
                        return p;
                    }
                }
            }
            Thread.sleep(1);
        }
        return null;
    }

    // ---- 1. page latency

    private void latency(String label, String routingKey, int backgroundRate) throws Exception {
        AlertLatency.Background bg = backgroundRate > 0
                ? AlertLatency.Background.start(http, url + "/api/" + projectId + "/envelope/",
                        "Sentry sentry_version=7, sentry_client=bugmaster-paging-bench/1.0, sentry_key=" + key, backgroundRate)
                : null;
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        int missing = 0;
        int warmup = 10;
        String phase = label.replaceAll("[^a-z]", "");
        for (int i = -warmup; i < samples; i++) {
            String marker = "pagebench-" + run + "-lat" + phase + "-" + (i + warmup);
            long sent = System.nanoTime();
            enqueue(routingKey, marker, "trigger");
            Push p = waitForPush(marker, 1, sent + TimeUnit.SECONDS.toNanos(30));
            if (p == null) {
                missing++;
            } else if (i >= 0) {
                h.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(p.nanos() - sent)));
            }
            Thread.sleep(100);
        }
        String bgText = bg == null ? "" : "\tbackground " + bg.stop();
        System.out.printf("page latency, %s\tsamples %d\tmissing %d\tp50 %.1f ms\tp90 %.1f ms\tp99 %.1f ms\tmax %.1f ms%s\tload %s%n", label,
                h.getTotalCount(), missing, ms(h, 50), ms(h, 90), ms(h, 99), h.getMaxValue() / 1000.0, bgText, load());
        resolveAll(routingKey, "pagebench-" + run + "-lat" + phase + "-", samples + warmup);
    }

    // ---- 2. escalation lateness

    private void lateness(String label, String routingKey) throws Exception {
        String prefix = "pagebench-" + run + "-esc" + label.replaceAll("[^a-z]", "") + "-";
        long spreadMillis = 60_000L / Math.max(1, escalations);
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        int missing = 0;
        long early = 0;
        List<Long> numbers = new ArrayList<>();
        Map<String, Instant> due = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < escalations; i++) {
            // each incident's deadline is read as soon as level 1 is paged, long before it is due
            String marker = prefix + i;
            long sent = System.nanoTime();
            enqueue(routingKey, marker, "trigger");
            Push p1 = waitForPush(marker, 1, sent + TimeUnit.SECONDS.toNanos(30));
            if (p1 == null) {
                missing++;
            } else {
                JsonNode incident = JSON.readTree(call("GET", api + "/incidents/" + p1.incidentNumber() + "/", null, 200));
                String next = incident.path("next_escalation_at").asString(null);
                numbers.add(p1.incidentNumber());
                if (incident.path("escalation_level").asInt() != 1 || next == null) {
                    missing++;
                } else {
                    due.put(marker, Instant.parse(next));
                }
            }
            long wait = start + TimeUnit.MILLISECONDS.toNanos(spreadMillis * (i + 1)) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        for (Map.Entry<String, Instant> e : due.entrySet()) {
            Push p2 = waitForPush(e.getKey(), 2, deadline);
            if (p2 == null) {
                missing++;
                continue;
            }
            long late = p2.epochMillis() - e.getValue().toEpochMilli();
            if (late < 0) {
                early++;
            } else {
                h.recordValue(Math.max(1, late * 1000));
            }
        }
        System.out.printf("escalation lateness, %s\tsamples %d\tmissing %d\tearly %d\tp50 %.0f ms\tp90 %.0f ms\tp99 %.0f ms\tmax %.0f ms\tload %s%n",
                label, h.getTotalCount(), missing, early, ms(h, 50), ms(h, 90), ms(h, 99), h.getMaxValue() / 1000.0, load());
        for (long n : numbers) {
            call("POST", api + "/incidents/" + n + "/resolve/", null, 200);
        }
    }

    // ---- 3. engine cycle

    private void cycle(String label, int seconds) throws Exception {
        Map<String, Double> before = scrape();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        Map<String, Double> after = scrape();
        List<String> modules = new ArrayList<>();
        for (String k : after.keySet()) {
            if (k.startsWith("bugmaster_engine_module_seconds_count|") && k.endsWith("|success")) {
                modules.add(k.split("\\|")[1]);
            }
        }
        // the modules in the order of a cycle: each starts later after the cycle was due than the one before it
        modules.sort(java.util.Comparator.comparingDouble(m -> meanOf(before, after, "bugmaster_engine_module_lateness_seconds", m)));
        StringBuilder table = new StringBuilder();
        double busy = 0;
        double cycles = 0;
        for (String m : modules) {
            double runs = 0;
            double sum = 0;
            double max = 0;
            for (String outcome : List.of("success", "failure", "skipped")) {
                runs += delta(before, after, "bugmaster_engine_module_seconds_count|" + m + "|" + outcome);
                sum += delta(before, after, "bugmaster_engine_module_seconds_sum|" + m + "|" + outcome);
                max = Math.max(max, after.getOrDefault("bugmaster_engine_module_seconds_max|" + m + "|" + outcome, 0.0));
            }
            double failures = delta(before, after, "bugmaster_engine_module_seconds_count|" + m + "|failure");
            busy += sum;
            cycles = Math.max(cycles, runs);
            table.append(String.format("  %-24s runs %4.0f  mean %8.1f ms  max %8.1f ms  starts %8.1f ms after due (mean)%s%n", m, runs,
                    runs == 0 ? 0 : 1000 * sum / runs, 1000 * max, 1000 * meanOf(before, after, "bugmaster_engine_module_lateness_seconds", m),
                    failures > 0 ? "  FAILURES " + (long) failures : ""));
        }
        String first = modules.isEmpty() ? "" : modules.get(0);
        System.out.printf("engine cycle, %s\twindow %d s\tcycles %.0f\tmean cycle %.1f ms\tengine busy %.1f%% of the window"
                        + "\tfirst module (%s) starts %.1f ms after due (mean), %.1f ms max\tload %s%n%s",
                label, seconds, cycles, cycles == 0 ? 0 : 1000 * busy / cycles, 100 * busy / seconds, first,
                1000 * meanOf(before, after, "bugmaster_engine_module_lateness_seconds", first),
                1000 * after.getOrDefault("bugmaster_engine_module_lateness_seconds_max|" + first, 0.0), load(), table);
    }

    private static double meanOf(Map<String, Double> before, Map<String, Double> after, String metric, String module) {
        double count = delta(before, after, metric + "_count|" + module);
        return count == 0 ? 0 : delta(before, after, metric + "_sum|" + module) / count;
    }

    /** The engine's meters as {@code name|module|outcome} (outcome empty for lateness). */
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

    // ---- seeding

    /**
     * Seeds schedules and open alerts through the API. The person's push is turned off meanwhile: the
     * seeded incidents are paged (level 1, their next escalation a day away) but their pages reach no
     * contact method, so no backlog of 10,000 pushes to one receiver is still being sent when the
     * cycle is measured.
     */
    private void seed(String userId, String methodId, String routingKey) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8, daemon("seeder"));
        List<Future<?>> work = new ArrayList<>();
        String layerStart = LocalDate.now(ZoneOffset.UTC).minusDays(30).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        for (int s = 0; s < schedules; s++) {
            int n = s;
            work.add(pool.submit(() -> {
                Map<String, Object> layer = new LinkedHashMap<>();
                layer.put("name", "primary");
                layer.put("start", layerStart);
                layer.put("rotation_virtual_start", layerStart);
                layer.put("rotation_turn_length_seconds", n % 2 == 0 ? 604_800 : 86_400);
                layer.put("users", List.of(Map.of("id", userId)));
                if (n % 4 == 3) {
                    // office hours only: gaps every night, for the gap warnings to find
                    layer.put("restrictions", List.of(Map.of("type", "daily_restriction", "start_time_of_day", "09:00:00",
                            "duration_seconds", 32_400)));
                }
                String zone = List.of("Europe/Paris", "America/New_York", "Asia/Tokyo", "UTC").get(n % 4);
                call("POST", api + "/schedules/", json(Map.of("name", "bench " + run + " " + n, "time_zone", zone,
                        "schedule_layers", List.of(layer))), 201);
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        long schedulesDone = System.nanoTime();
        call("PUT", url + "/api/0/users/me/contact-methods/" + methodId + "/", json(Map.of("enabled", false)), 200);
        AtomicInteger next = new AtomicInteger();
        work.clear();
        for (int t = 0; t < 8; t++) {
            work.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < alerts; ) {
                    enqueue(routingKey, "pagebench-" + run + "-seed-" + i, "trigger");
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        long alertsDone = System.nanoTime();
        // the escalation module pages new incidents in order: when the newest is at level 1, all are
        long newest = JSON.readTree(call("GET", api + "/incidents/?per_page=1", null, 200)).get(0).path("incident_number").asLong();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (JSON.readTree(call("GET", api + "/incidents/" + newest + "/", null, 200)).path("escalation_level").asInt() < 1
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long paged = System.nanoTime();
        call("PUT", url + "/api/0/users/me/contact-methods/" + methodId + "/", json(Map.of("enabled", true)), 200);
        System.out.printf("seeded %d schedules in %.1f s; %d alerts (each a new incident) in %.1f s (%.0f/s); the newest incident (#%d) was"
                        + " at level 1 %.1f s after the last alert\tload %s%n", schedules, (schedulesDone - start) / 1e9, alerts,
                (alertsDone - schedulesDone) / 1e9, alerts / ((alertsDone - schedulesDone) / 1e9), newest, (paged - alertsDone) / 1e9, load());
    }

    // ---- API

    private String myUserId() throws Exception {
        for (JsonNode m : JSON.readTree(call("GET", api + "/members/", null, 200))) {
            if (m.path("role").asString("").equals("owner") || m.path("orgRole").asString("").equals("owner")) {
                return m.path("user").path("id").asString();
            }
        }
        throw new IllegalStateException("no owner among the members of " + org);
    }

    private String policy(String name, List<Integer> delays, String userId) throws Exception {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (int d : delays) {
            rules.add(Map.of("escalation_delay_in_minutes", d, "targets", List.of(Map.of("type", "user_reference", "id", userId))));
        }
        return JSON.readTree(call("POST", api + "/escalation-policies/", json(Map.of("name", name, "num_loops", 0, "escalation_rules", rules)), 201))
                .path("id").asString();
    }

    private String service(String name, String policyId) throws Exception {
        return JSON.readTree(call("POST", api + "/services/", json(Map.of("name", name, "escalation_policy", Map.of("id", policyId),
                "urgency", "high")), 201)).path("id").asString();
    }

    private String integration(String serviceId) throws Exception {
        return JSON.readTree(call("POST", api + "/services/" + serviceId + "/integrations/", json(Map.of("type", "events_api_v2")), 201))
                .path("integration_key").asString();
    }

    private void enqueue(String routingKey, String dedupKey, String action) throws Exception {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("routing_key", routingKey);
        event.put("event_action", action);
        event.put("dedup_key", dedupKey);
        if (action.equals("trigger")) {
            event.put("payload", Map.of("summary", dedupKey + " disk full on db-1", "source", "db-1.bench", "severity", "critical"));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v2/enqueue")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json(event))).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("/v2/enqueue answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Resolves a phase's incidents through the same integration, so that later phases start with none open. */
    private void resolveAll(String routingKey, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            enqueue(routingKey, prefix + i, "resolve");
        }
    }

    private String call(String method, String target, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
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

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private PagingBenchmark() {}
}
