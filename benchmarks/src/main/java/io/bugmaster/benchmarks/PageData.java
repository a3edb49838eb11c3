package io.bugmaster.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills a Bugmaster database to a given size for the page-render benchmark, in two steps.
 *
 * <p>{@code seed}: against a running server, creates the projects (REST API, admin token) and sends
 * one real event per issue through the store endpoint, so every issue, hash, release, tag and the
 * stored payload format are exactly what the server writes.
 *
 * <p>{@code fill}: with the server stopped, reads those issues and their one stored event and writes
 * the bulk directly with batched SQL, one transaction per chunk: the events per issue follow a
 * Zipf-like law (rank r gets about 1/r of the events), spread over 30 days, each a copy of the
 * issue's seed payload with its own event id, timestamps, user, browser, OS, release and
 * environment, compressed as {@code events.EventPayloads} does (gzip, fastest level). Then the
 * per-issue aggregates the digest keeps (counts, first/last seen, users, tags, hourly counts,
 * releases and their new-issue counts) are recomputed from the generated events, and issue states
 * are mixed (unresolved, resolved, ignored, some assigned, some reviewed).
 *
 * <pre>
 * java -cp ... io.bugmaster.benchmarks.PageData seed --url http://127.0.0.1:8080 --token T [--projects 5] [--issues 10000]
 * java -cp ... io.bugmaster.benchmarks.PageData fill --jdbc jdbc:sqlite:/data/bugmaster.db [--events 1000000] [--days 30]
 * </pre>
 */
public final class PageData {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final String[] SLUGS = {"web", "api", "worker", "mobile", "billing", "search", "auth", "reports"};
    private static final String[] TYPES = {"NullPointerException", "IllegalStateException", "IllegalArgumentException",
            "TimeoutException", "SQLException", "IOException", "ConcurrentModificationException", "ClassCastException",
            "TypeError", "ReferenceError", "NumberFormatException", "UnsupportedOperationException"};
    private static final String[] AREAS = {"orders", "payments", "inventory", "shipping", "accounts", "search", "pricing",
            "checkout", "catalog", "reports", "billing", "auth"};
    private static final String[] WHAT = {"Cannot read property 'id' of undefined", "connection reset by peer",
            "deadline exceeded after 30000ms", "unexpected token in JSON at position", "duplicate key value violates unique constraint",
            "index out of range", "no such element", "permission denied for relation", "could not serialize access",
            "invalid state: expected OPEN but was CLOSED"};
    private static final String[][] BROWSERS = {{"Chrome", "120.0", "121.0", "119.0"}, {"Safari", "17.1", "16.6", "17.0"},
            {"Firefox", "121.0", "120.0", "115.0"}, {"Edge", "120.0", "119.0", "121.0"}};
    private static final double[] BROWSER_SHARE = {0.6, 0.8, 0.92, 1.0};
    private static final String[][] OSES = {{"Windows", "10"}, {"Windows", "11"}, {"macOS", "14.1"}, {"Linux", "6.5"},
            {"iOS", "17.1"}, {"Android", "14"}};

    private PageData() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: PageData seed|fill ...");
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (args[0]) {
            case "seed" -> seed(opts.getOrDefault("url", "http://127.0.0.1:8080"), opts.get("token"),
                    Integer.parseInt(opts.getOrDefault("projects", "5")), Integer.parseInt(opts.getOrDefault("issues", "10000")));
            case "fill" -> fill(opts.get("jdbc"), opts.get("user"), opts.get("password"),
                    Long.parseLong(opts.getOrDefault("events", "1000000")), Integer.parseInt(opts.getOrDefault("days", "30")),
                    Long.parseLong(opts.getOrDefault("seed", "42")));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    // ---------------------------------------------------------------- seed

    private static void seed(String url, String token, int projectCount, int issues) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String[]> projects = new ArrayList<>(); // id, public key, slug, platform
        for (int p = 0; p < projectCount; p++) {
            String slug = SLUGS[p % SLUGS.length] + (p >= SLUGS.length ? "-" + p : "");
            String platform = p % 2 == 0 ? "javascript" : "java";
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/api/0/teams/default/default/projects/"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + slug + "\",\"slug\":\"" + slug + "\",\"platform\":\""
                            + platform + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() / 100 != 2) {
                throw new IllegalStateException("create project " + slug + ": " + created.statusCode() + " " + created.body());
            }
            JsonNode project = JSON.readTree(created.body());
            String realSlug = project.path("slug").asString();
            HttpResponse<String> keys = http.send(HttpRequest.newBuilder(URI.create(url + "/api/0/projects/default/" + realSlug + "/keys/"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            String key = JSON.readTree(keys.body()).path(0).path("public").asString();
            projects.add(new String[] {project.path("id").asString(), key, realSlug, platform});
            System.out.println("project " + realSlug + " id " + project.path("id").asString());
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                int k;
                while ((k = next.getAndIncrement()) < issues) {
                    String[] p = projects.get(k % projects.size());
                    String body = seedEvent(k, p[2], p[3]);
                    for (int attempt = 0; ; attempt++) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/" + p[0] + "/store/"))
                                .header("Content-Type", "application/json")
                                .header("X-Sentry-Auth", "Sentry sentry_version=7, sentry_key=" + p[1] + ", sentry_client=bench/1.0")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            break;
                        }
                        if (r.statusCode() != 429 || attempt > 50) {
                            throw new IllegalStateException("store answered " + r.statusCode() + " " + r.body());
                        }
                        Thread.sleep(200);
                    }
                    int d = done.incrementAndGet();
                    if (d % 1000 == 0) {
                        System.out.printf("seeded %,d of %,d issues (%.0f s)%n", d, issues, (System.nanoTime() - start) / 1e9);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("seeded %,d issues in %.0f s%n", issues, (System.nanoTime() - start) / 1e9);
    }

    /** One event of issue k: its own fingerprint, exception and stack trace; the fill step varies the rest. */
    static String seedEvent(int k, String slug, String platform) {
        Random r = new Random(k);
        String type = TYPES[k % TYPES.length];
        String area = AREAS[(k / TYPES.length) % AREAS.length];
        ObjectNode e = JSON.createObjectNode();
        e.put("event_id", hex(r) + hex(r));
        e.put("timestamp", Instant.now().toString());
        e.put("platform", platform);
        e.put("level", k % 10 == 0 ? "warning" : k % 37 == 0 ? "fatal" : "error");
        e.put("logger", "com.example." + area + ".Service");
        e.put("server_name", slug + "-" + (k % 6));
        e.put("release", slug + "@1.0.0");
        e.put("environment", "production");
        e.putArray("fingerprint").add("bench-" + k);
        ObjectNode ex = e.putObject("exception").putArray("values").addObject();
        ex.put("type", type);
        ex.put("value", WHAT[k % WHAT.length] + " (" + area + " #" + k + ")");
        ex.put("module", "com.example." + area);
        ex.putObject("mechanism").put("type", k % 3 == 0 ? "onerror" : "generic").put("handled", k % 4 == 0);
        ArrayNode frames = ex.putObject("stacktrace").putArray("frames");
        int n = 12 + r.nextInt(18);
        for (int i = 0; i < n; i++) {
            boolean inApp = i >= n - 5;
            ObjectNode f = frames.addObject();
            String module = inApp ? "com.example." + area + ".Handler" + (k % 50) : "org.framework.layer" + i + ".Dispatcher";
            f.put("module", module);
            f.put("function", (inApp ? "handle" : "invoke") + i + "_" + (k % 97));
            f.put("filename", module.substring(module.lastIndexOf('.') + 1) + ".java");
            f.put("lineno", 10 + r.nextInt(400));
            f.put("in_app", inApp);
            if (inApp) {
                f.putArray("pre_context").add("    var x = load(id);").add("    if (x == null) {");
                f.put("context_line", "        throw new " + type + "(\"" + area + "\");");
                f.putArray("post_context").add("    }").add("    return x;");
            }
        }
        ObjectNode contexts = e.putObject("contexts");
        contexts.putObject("browser").put("name", "Chrome").put("version", "120.0");
        contexts.putObject("os").put("name", "Windows").put("version", "10");
        if (platform.equals("java")) {
            contexts.putObject("runtime").put("name", "OpenJDK").put("version", "17.0.9");
        }
        e.putObject("user").put("id", "u" + r.nextInt(20000)).put("ip_address", "10.0." + r.nextInt(255) + ".1");
        e.putObject("request").put("url", "https://shop.example.com/" + area + "/" + k).put("method", k % 2 == 0 ? "GET" : "POST");
        e.putObject("tags").put("region", k % 3 == 0 ? "eu-west-1" : "us-east-1").put("customer_tier", k % 5 == 0 ? "enterprise" : "free");
        ArrayNode crumbs = e.putObject("breadcrumbs").putArray("values");
        for (int i = 0; i < 8; i++) {
            crumbs.addObject().put("timestamp", Instant.now().minusSeconds(60 - i * 5L).toString()).put("category", "http")
                    .put("message", "GET /api/" + area + "/" + i + " 200").put("level", "info");
        }
        e.putObject("extra").put("order_id", 100000 + k).put("attempt", 1 + k % 3);
        e.putObject("sdk").put("name", platform.equals("java") ? "sentry.java" : "sentry.javascript.browser").put("version", "8.0.0");
        return e.toString();
    }

    private static String hex(Random r) {
        return String.format("%016x", r.nextLong());
    }

    // ---------------------------------------------------------------- fill

    private record Seed(long issueId, long projectId, String slug, long orgId, String level, String title, String type,
            byte[] payload, Map<String, String> fixedTags) {}

    private record Row(long projectId, long issueId, String eventId, String type, long occurred, long received, String level,
            String release, String environment, String userKey, String title, byte[] payload) {}

    private static final class IssueAgg {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long count;
        String firstRelease;
        String lastRelease;
        final java.util.Set<String> users = new java.util.HashSet<>();
        final Map<List<String>, long[]> tags = new HashMap<>();
        final TreeMap<Long, Long> hours = new TreeMap<>();

        void add(Row row, Map<String, String> tagValues) {
            count++;
            if (row.occurred < first) {
                first = row.occurred;
                firstRelease = row.release;
            }
            if (row.occurred > last) {
                last = row.occurred;
                lastRelease = row.release;
            }
            users.add(row.userKey);
            hours.merge(row.occurred / HOUR * HOUR, 1L, Long::sum);
            tagValues.forEach((k, v) -> {
                long[] a = tags.computeIfAbsent(List.of(k, v), x -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
                a[0]++;
                a[1] = Math.min(a[1], row.occurred);
                a[2] = Math.max(a[2], row.occurred);
            });
        }
    }

    private static final Row POISON = new Row(0, 0, null, null, 0, 0, null, null, null, null, null, null);

    private static void fill(String url, String user, String password, long totalEvents, int days, long randomSeed) throws Exception {
        boolean sqlite = url.startsWith("jdbc:sqlite:");
        long now = System.currentTimeMillis();
        long t0 = now - days * DAY;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            if (sqlite) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=OFF");
                    s.execute("PRAGMA cache_size=-200000");
                }
            }
            c.setAutoCommit(false);
            List<Seed> seeds = readSeeds(c);
            if (seeds.isEmpty()) {
                throw new IllegalStateException("no seeded issues: run PageData seed against the server first");
            }
            long adminId = single(c, "SELECT MIN(id) FROM users");
            System.out.printf("%,d seeded issues; generating %,d events over %d days%n", seeds.size(), totalEvents, days);

            // Zipf-like events per issue: rank r gets about 1/r of them, every issue at least one
            int n = seeds.size();
            Random rnd = new Random(randomSeed);
            List<Seed> ranked = new ArrayList<>(seeds);
            java.util.Collections.shuffle(ranked, rnd);
            double h = 0;
            for (int r = 1; r <= n; r++) {
                h += 1.0 / r;
            }
            long[] counts = new long[n];
            long sum = 0;
            for (int r = 0; r < n; r++) {
                counts[r] = Math.max(1, (long) Math.floor((totalEvents - n) * (1.0 / (r + 1)) / h) + 1);
                sum += counts[r];
            }
            for (int r = 0; sum < totalEvents; r = (r + 1) % 50) {
                counts[r]++;
                sum++;
            }
            for (int r = n - 1; sum > totalEvents && r >= 0; r--) {
                if (counts[r] > 1) {
                    counts[r]--;
                    sum--;
                    r++;
                }
            }

            // the server's rows of the seed events go; the generated ones replace them
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM events");
                s.executeUpdate("DELETE FROM issue_tags");
                s.executeUpdate("DELETE FROM issue_users");
                s.executeUpdate("DELETE FROM issue_hourly");
                s.executeUpdate("DELETE FROM release_projects");
                s.executeUpdate("DELETE FROM releases");
                s.executeUpdate("UPDATE outbox SET processed_at = " + now + " WHERE processed_at IS NULL");
            }
            c.commit();

            BlockingQueue<Row> queue = new ArrayBlockingQueue<>(20_000);
            int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicInteger nextIssue = new AtomicInteger();
            Map<Long, IssueAgg> aggs = new java.util.concurrent.ConcurrentHashMap<>();
            List<Future<?>> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                producers.add(pool.submit(() -> {
                    Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
                    int i;
                    while ((i = nextIssue.getAndIncrement()) < n) {
                        generate(ranked.get(i), i, counts[i], now, t0, days, deflater, queue, aggs);
                    }
                    return null;
                }));
            }
            Thread closer = new Thread(() -> {
                try {
                    for (Future<?> f : producers) {
                        f.get();
                    }
                    queue.put(POISON);
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(1);
                }
            });
            closer.start();

            long start = System.nanoTime();
            long written = 0;
            long bytes = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO events (project_id, issue_id, event_id, type, occurred_at, received_at, level, release, environment,
                    user_key, title, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int inBatch = 0;
                while (true) {
                    Row row = queue.take();
                    if (row == POISON) {
                        break;
                    }
                    ps.setLong(1, row.projectId);
                    ps.setLong(2, row.issueId);
                    ps.setString(3, row.eventId);
                    ps.setString(4, row.type);
                    ps.setLong(5, row.occurred);
                    ps.setLong(6, row.received);
                    ps.setString(7, row.level);
                    ps.setString(8, row.release);
                    ps.setString(9, row.environment);
                    ps.setString(10, row.userKey);
                    ps.setString(11, row.title);
                    ps.setBytes(12, row.payload);
                    ps.addBatch();
                    bytes += row.payload.length;
                    written++;
                    if (++inBatch == 1000) {
                        ps.executeBatch();
                        inBatch = 0;
                        if (written % 20_000 == 0) {
                            c.commit();
                        }
                        if (written % 100_000 == 0) {
                            double s = (System.nanoTime() - start) / 1e9;
                            System.out.printf("events %,d of %,d (%.0f s, %,.0f/s, %.0f bytes stored per event)%n", written,
                                    totalEvents, s, written / s, (double) bytes / written);
                        }
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            closer.join();
            pool.shutdown();
            System.out.printf("events %,d written in %.0f s%n", written, (System.nanoTime() - start) / 1e9);

            writeAggregates(c, ranked, aggs, now, t0, days, adminId, rnd);
            System.out.printf("done in %.0f s%n", (System.nanoTime() - start) / 1e9);
        }
        if (!sqlite) {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE");
            }
        } else {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
    }

    private static List<Seed> readSeeds(Connection c) throws SQLException {
        List<Seed> seeds = new ArrayList<>();
        Map<Long, Map<String, String>> tags = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT issue_id, key, value FROM issue_tags")) {
            while (rs.next()) {
                tags.computeIfAbsent(rs.getLong(1), x -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT e.issue_id, e.project_id, p.slug, p.org_id, e.level, e.title, e.type, e.payload
                        FROM events e JOIN projects p ON p.id = e.project_id WHERE e.issue_id IS NOT NULL ORDER BY e.issue_id""")) {
            long last = -1;
            while (rs.next()) {
                long issueId = rs.getLong(1);
                if (issueId == last) {
                    continue;
                }
                last = issueId;
                seeds.add(new Seed(issueId, rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getBytes(8), tags.getOrDefault(issueId, Map.of())));
            }
        }
        return seeds;
    }

    /** The events of one issue, as rows for the writer; and its aggregates. */
    private static void generate(Seed seed, int rank, long count, long now, long t0, int days, Deflater deflater,
            BlockingQueue<Row> queue, Map<Long, IssueAgg> aggs) throws Exception {
        Random r = new Random(seed.issueId * 7919 + rank);
        ObjectNode payload = (ObjectNode) JSON.readTree(new String(gunzip(seed.payload), StandardCharsets.UTF_8));
        // when the issue lives: popular ones since long ago and until now; the tail anywhere in the window
        long span = now - t0;
        long start = rank < 50 ? t0 + (long) (r.nextDouble() * span * 0.2) : t0 + (long) (r.nextDouble() * span * 0.98);
        long end = rank < 500 || r.nextDouble() < 0.5 ? now - (long) (r.nextDouble() * HOUR) : start + (long) (r.nextDouble() * (now - start));
        if (end <= start) {
            end = start + 1;
        }
        int userPool = (int) Math.max(1, Math.min(count, 3 * Math.sqrt(count)));
        int userBase = r.nextInt(20000);
        IssueAgg agg = new IssueAgg();
        Map<String, String> tagValues = new LinkedHashMap<>();
        ObjectNode contexts = payload.has("contexts") && payload.get("contexts").isObject() ? (ObjectNode) payload.get("contexts")
                : payload.putObject("contexts");
        String userField = payload.path("user").has("id") ? "id" : null;
        for (long i = 0; i < count; i++) {
            long occurred = count == 1 ? start + (long) (r.nextDouble() * (end - start))
                    : start + (long) ((end - start) * ((i + r.nextDouble()) / count));
            long received = occurred + 50 + r.nextInt(2000);
            int day = (int) Math.min(days - 1, Math.max(0, (occurred - t0) / DAY));
            String release = seed.slug + "@1." + day + ".0";
            String environment = r.nextDouble() < 0.85 ? "production" : "staging";
            String userId = "u" + ((userBase + r.nextInt(userPool)) % 20000);
            double b = r.nextDouble();
            int bi = b < BROWSER_SHARE[0] ? 0 : b < BROWSER_SHARE[1] ? 1 : b < BROWSER_SHARE[2] ? 2 : 3;
            String browser = BROWSERS[bi][0];
            String browserVersion = BROWSERS[bi][1 + r.nextInt(3)];
            String[] os = OSES[r.nextInt(OSES.length)];
            String eventId = String.format("%016x%016x", r.nextLong(), r.nextLong());

            payload.put("event_id", eventId);
            payload.put("timestamp", Instant.ofEpochMilli(occurred).toString());
            payload.put("received", Instant.ofEpochMilli(received).toString());
            payload.put("release", release);
            payload.put("environment", environment);
            if (userField != null) {
                ((ObjectNode) payload.get("user")).put("id", userId);
            }
            contexts.putObject("browser").put("name", browser).put("version", browserVersion);
            contexts.putObject("os").put("name", os[0]).put("version", os[1]);
            byte[] stored = gzip(JSON.writeValueAsBytes(payload), deflater);

            tagValues.clear();
            tagValues.putAll(seed.fixedTags);
            tagValues.put("environment", environment);
            tagValues.put("release", release);
            tagValues.put("user", "id:" + userId);
            tagValues.put("browser.name", browser);
            tagValues.put("browser", browser + " " + browserVersion);
            tagValues.put("os.name", os[0]);
            tagValues.put("os", os[0] + " " + os[1]);
            Row row = new Row(seed.projectId, seed.issueId, eventId, seed.type, occurred, received, seed.level, release,
                    environment, "id:" + userId, seed.title, stored);
            agg.add(row, tagValues);
            queue.put(row);
        }
        aggs.put(seed.issueId, agg);
    }

    private static void writeAggregates(Connection c, List<Seed> ranked, Map<Long, IssueAgg> aggs, long now, long t0, int days,
            long adminId, Random rnd) throws SQLException {
        long start = System.nanoTime();
        int n = 0;
        try (PreparedStatement tags = c.prepareStatement(
                "INSERT INTO issue_tags (issue_id, key, value, times_seen, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement users = c.prepareStatement("INSERT INTO issue_users (issue_id, user_key) VALUES (?, ?)");
                PreparedStatement hours = c.prepareStatement("INSERT INTO issue_hourly (issue_id, hour, events) VALUES (?, ?, ?)");
                PreparedStatement issues = c.prepareStatement("""
                        UPDATE issues SET times_seen = ?, user_count = ?, first_seen = ?, last_seen = ?, first_release = ?,
                        last_release = ?, created_at = ?, status = ?, substatus = ?, status_details = ?, resolved_at = ?,
                        assignee_user_id = ?, reviewed_at = ?, reviewed_by = ? WHERE id = ?""")) {
            for (int rank = 0; rank < ranked.size(); rank++) {
                Seed seed = ranked.get(rank);
                IssueAgg a = aggs.get(seed.issueId);
                for (var t : a.tags.entrySet()) {
                    tags.setLong(1, seed.issueId);
                    tags.setString(2, t.getKey().get(0));
                    tags.setString(3, t.getKey().get(1));
                    tags.setLong(4, t.getValue()[0]);
                    tags.setLong(5, t.getValue()[1]);
                    tags.setLong(6, t.getValue()[2]);
                    tags.addBatch();
                }
                for (String u : a.users) {
                    users.setLong(1, seed.issueId);
                    users.setString(2, u);
                    users.addBatch();
                }
                for (var hr : a.hours.entrySet()) {
                    hours.setLong(1, seed.issueId);
                    hours.setLong(2, hr.getKey());
                    hours.setLong(3, hr.getValue());
                    hours.addBatch();
                }
                double s = rnd.nextDouble();
                String status = s < 0.7 ? "unresolved" : s < 0.9 ? "resolved" : "ignored";
                String substatus = status.equals("unresolved") ? (a.first > now - 7 * DAY ? "new" : "ongoing")
                        : status.equals("ignored") ? "archived_forever" : null;
                issues.setLong(1, a.count);
                issues.setLong(2, a.users.size());
                issues.setLong(3, a.first);
                issues.setLong(4, a.last);
                issues.setString(5, a.firstRelease);
                issues.setString(6, a.lastRelease);
                issues.setLong(7, a.first);
                issues.setString(8, status);
                issues.setString(9, substatus);
                issues.setString(10, null);
                if (status.equals("resolved")) {
                    issues.setLong(11, Math.min(now, a.last + HOUR));
                } else {
                    issues.setNull(11, java.sql.Types.BIGINT);
                }
                if (rnd.nextDouble() < 0.2) {
                    issues.setLong(12, adminId);
                } else {
                    issues.setNull(12, java.sql.Types.BIGINT);
                }
                if (rnd.nextDouble() < 0.3) {
                    issues.setLong(13, now - (long) (rnd.nextDouble() * DAY));
                    issues.setLong(14, adminId);
                } else {
                    issues.setNull(13, java.sql.Types.BIGINT);
                    issues.setNull(14, java.sql.Types.BIGINT);
                }
                issues.setLong(15, seed.issueId);
                issues.addBatch();
                if (++n % 500 == 0) {
                    tags.executeBatch();
                    users.executeBatch();
                    hours.executeBatch();
                    issues.executeBatch();
                    c.commit();
                    if (n % 2000 == 0) {
                        System.out.printf("issue aggregates %,d of %,d (%.0f s)%n", n, ranked.size(), (System.nanoTime() - start) / 1e9);
                    }
                }
            }
            tags.executeBatch();
            users.executeBatch();
            hours.executeBatch();
            issues.executeBatch();
            c.commit();
        }

        // releases: one a day per project, with the span of their events and the issues they introduced
        record Key(long orgId, String version) {}
        Map<Key, long[]> span = new LinkedHashMap<>(); // first, last, project id
        Map<Key, Long> newIssues = new HashMap<>();
        for (Seed seed : ranked) {
            IssueAgg a = aggs.get(seed.issueId);
            for (var t : a.tags.entrySet()) {
                if (t.getKey().get(0).equals("release")) {
                    long[] s = span.computeIfAbsent(new Key(seed.orgId, t.getKey().get(1)),
                            k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, seed.projectId});
                    s[0] = Math.min(s[0], t.getValue()[1]);
                    s[1] = Math.max(s[1], t.getValue()[2]);
                }
            }
            newIssues.merge(new Key(seed.orgId, a.firstRelease), 1L, Long::sum);
        }
        try (PreparedStatement rel = c.prepareStatement("""
                INSERT INTO releases (org_id, version, created_at, date_released, first_event, last_event) VALUES (?, ?, ?, ?, ?, ?)
                RETURNING id""");
                PreparedStatement link = c.prepareStatement(
                        "INSERT INTO release_projects (release_id, project_id, new_issues) VALUES (?, ?, ?)");
                PreparedStatement deploy = c.prepareStatement("""
                        INSERT INTO deploys (org_id, release_id, environment, name, date_started, date_finished, created_at)
                        VALUES (?, ?, 'production', NULL, ?, ?, ?)""")) {
            for (var e : span.entrySet()) {
                String version = e.getKey().version();
                int day = Integer.parseInt(version.substring(version.indexOf("@1.") + 3, version.lastIndexOf('.')));
                long created = t0 + day * DAY;
                rel.setLong(1, e.getKey().orgId());
                rel.setString(2, version);
                rel.setLong(3, created);
                rel.setLong(4, created + 600_000);
                rel.setLong(5, e.getValue()[0]);
                rel.setLong(6, e.getValue()[1]);
                long id;
                try (ResultSet rs = rel.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                link.setLong(1, id);
                link.setLong(2, e.getValue()[2]);
                link.setLong(3, newIssues.getOrDefault(e.getKey(), 0L));
                link.addBatch();
                deploy.setLong(1, e.getKey().orgId());
                deploy.setLong(2, id);
                deploy.setLong(3, created + 300_000);
                deploy.setLong(4, created + 600_000);
                deploy.setLong(5, created + 600_000);
                deploy.addBatch();
            }
            link.executeBatch();
            deploy.executeBatch();
            c.commit();
        }
        System.out.printf("%,d releases%n", span.size());
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static byte[] gunzip(byte[] stored) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored), 8192)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    /** Exactly {@code events.EventPayloads.compress}: a gzip member, raw deflate at the fastest level. */
    static byte[] gzip(byte[] json, Deflater deflater) {
        deflater.reset();
        deflater.setInput(json);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, json.length / 4));
        out.writeBytes(GZIP_HEADER);
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        CRC32 crc = new CRC32();
        crc.update(json);
        int v = (int) crc.getValue();
        int len = json.length;
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
        out.write((v >>> 16) & 0xff);
        out.write((v >>> 24) & 0xff);
        out.write(len & 0xff);
        out.write((len >>> 8) & 0xff);
        out.write((len >>> 16) & 0xff);
        out.write((len >>> 24) & 0xff);
        return out.toByteArray();
    }
}
