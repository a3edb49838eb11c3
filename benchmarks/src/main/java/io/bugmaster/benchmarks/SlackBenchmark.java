package io.bugmaster.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's three seconds, measured against a running server: Slack gives up on a slash command, a
 * click or an event that is not answered within 3 s. The harness is Slack on both sides: it signs
 * each request as Slack does ({@code v0:<timestamp>:<body>}, HMAC-SHA256 with the app's signing
 * secret) and it serves Slack's Web API to the server (a JDK HttpServer on 127.0.0.1, port + 1,
 * {@code BUGMASTER_SLACK_API_URL}) that answers as Slack does and records when each call arrives.
 *
 * <p>Set up through the public API as the admin: the Slack installation (its {@code auth.test} goes to
 * the stub), a schedule, an escalation policy paging it and a service (so {@code /bugmaster oncall}
 * has something to say), a {@code slack_app} notification channel and an alert rule "a new issue"
 * to it, and K new issues through the envelope endpoint, whose cards the stub receives with
 * {@code chat.postMessage}. The Slack person (the stub's {@code users.info}) has the admin's email,
 * so the server links them on the first request.
 *
 * <p>Measured, N samples each one after another (after warm-ups), alone and then under background
 * ingestion at a fixed rate (the loader of {@link AlertLatency}), from sending to the full answer:
 * <ol>
 * <li>{@code /bugmaster oncall} (the answer is the reply's body);</li>
 * <li>a Resolve or Unresolve click on one of the K cards ({@code block_actions}; each card is clicked
 *     Resolve, then Unresolve, in turn, so every click changes the issue), and then, from the stub,
 *     the time from sending the click to the {@code chat.update} of that card showing the new state;</li>
 * <li>{@code /bugmaster incident <title>} (the reply), and the time until the stub saw its
 *     {@code views.open} (Slack's trigger id is valid for 3 s);</li>
 * <li>a refused request (a signature made with another secret), for comparison.</li>
 * </ol>
 *
 * <pre>
 * java -cp ... io.bugmaster.benchmarks.SlackBenchmark --url http://127.0.0.1:18400 --token ADMIN_TOKEN --org default \
 *     --project-id 2 --key PUBLIC_KEY --stub-port 18401 [--samples 100] [--rate 1000] [--cards 40]
 * </pre>
 */
public final class SlackBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ISSUE_VALUE = Pattern.compile("\"value\"\\s*:\\s*\"issue:(\\d+)\"");
    private static final String TEAM = "TBENCH0001";
    private static final String BOT_USER = "UBENCHBOT1";
    private static final String PERSON = "UBENCHPER1";
    private static final String CHANNEL = "CBENCH0001";

    /** A card the stub received: the issue its buttons name and its message ts. */
    record Card(long issueId, String ts) {}

    /** A chat.update as the stub saw it. */
    record Update(String ts, long nanos, String body) {}

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String signingSecret = "benchsecret" + UUID.randomUUID().toString().replace("-", "");
    private final String botToken = "xoxb-bench-" + UUID.randomUUID();
    private final List<Card> cards = new CopyOnWriteArrayList<>();
    private final List<Update> updates = new CopyOnWriteArrayList<>();
    private final Map<String, Long> viewsOpened = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong requestCounter = new AtomicLong();
    private String url = "http://127.0.0.1:18400";
    private String token;
    private String org = "default";
    private String projectId;
    private String project = "slack";
    private String key;
    private String adminEmail = "bench@example.com";
    private int stubPort = 18401;
    private int samples = 100;
    private int rate = 1000;
    private int cardCount = 40;
    private int slackDelayMillis;
    private long clicks;
    private int backgroundRateNow;
    /** The cards of the issues made for the clicks (the background's new issues get cards too, and are not clicked). */
    private List<Card> clickable;
    private String api;

    public static void main(String[] args) throws Exception {
        SlackBenchmark b = new SlackBenchmark();
        b.parse(args);
        b.run();
        System.exit(0); // the HTTP client's, the stub's and the loaders' threads
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i].replaceAll("/+$", "");
                case "--token" -> token = args[++i];
                case "--org" -> org = args[++i];
                case "--project-id" -> projectId = args[++i];
                case "--key" -> key = args[++i];
                case "--project" -> project = args[++i];
                case "--admin-email" -> adminEmail = args[++i];
                case "--stub-port" -> stubPort = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Integer.parseInt(args[++i]);
                case "--cards" -> cardCount = Integer.parseInt(args[++i]);
                case "--slack-delay-ms" -> slackDelayMillis = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        if (token == null || projectId == null || key == null) {
            throw new IllegalArgumentException("needs --token, --project-id and --key");
        }
        api = url + "/api/0/organizations/" + org;
    }

    private void run() throws Exception {
        startStub();
        setUp();
        System.out.printf("machine: %d CPUs; run %s; Slack stub 127.0.0.1:%d answering after %d ms; %d cards; load %s%n",
                Runtime.getRuntime().availableProcessors(), run, stubPort, slackDelayMillis, cardCount, load());
        phase("alone", 0);
        phase("bg " + rate + "/s", rate);
        // the clicks leave some issues resolved and some not: all unresolved first, not measured
        call("PUT", url + "/api/0/projects/" + org + "/" + project + "/issues/" + idsQuery(), json(Map.of("status", "unresolved")), 200);
        bulk("resolved");
        bulk("unresolved");
        System.out.printf("stub calls: %s; response_url posts %d%n", new java.util.TreeMap<>(calls), responses.get());
    }

    private void phase(String label, int backgroundRate) throws Exception {
        backgroundRateNow = backgroundRate;
        AlertLatency.Background bg = backgroundRate > 0
                ? AlertLatency.Background.start(http, url + "/api/" + projectId + "/envelope/",
                        "Sentry sentry_version=7, sentry_client=bugmaster-slack-bench/1.0, sentry_key=" + key, backgroundRate)
                : null;
        commandLatency(label, "oncall", "oncall");
        clickLatency(label);
        commandLatency(label, "incident", "incident Checkout is down " + run);
        refusedLatency(label);
        if (bg != null) {
            System.out.printf("background, %s\t%s%n", label, bg.stop());
        }
    }

    // ---- the measurements

    private void commandLatency(String label, String name, String text) throws Exception {
        Histogram answer = histogram();
        Histogram opened = histogram();
        int failed = 0;
        int notOpened = 0;
        for (int i = -10; i < samples; i++) {
            String trigger = requestCounter.incrementAndGet() + "." + run + "." + UUID.randomUUID().toString().replace("-", "");
            String body = form("token", "unused", "team_id", TEAM, "team_domain", "bench", "channel_id", CHANNEL, "channel_name", "bench",
                    "user_id", PERSON, "user_name", "bench", "command", "/bugmaster", "text", text,
                    "response_url", stubUrl("/response/" + trigger), "trigger_id", trigger, "api_app_id", "ABENCH0001");
            long sent = System.nanoTime();
            HttpResponse<String> r = signed("/slack/commands", body, signingSecret);
            long done = System.nanoTime();
            boolean ok = r.statusCode() == 200 && (name.equals("incident") ? r.body().isEmpty() : r.body().contains("\"text\""));
            if (!ok) {
                failed++;
                if (failed <= 3) {
                    System.out.printf("  %s answered %d: %s%n", name, r.statusCode(), r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
                }
            }
            if (i == -10 && name.equals("oncall") && backgroundRateNow == 0) {
                System.out.printf("  the answer: %s%n", r.body().length() > 400 ? r.body().substring(0, 400) + "…" : r.body());
            }
            if (name.equals("incident")) {
                // the form opens after the answer: wait for it up to Slack's 3 s for the trigger
                long waitUntil = System.nanoTime() + 3_000_000_000L;
                while (viewsOpened.get(trigger) == null && System.nanoTime() < waitUntil) {
                    Thread.sleep(2);
                }
                Long at = viewsOpened.get(trigger);
                if (at == null) {
                    notOpened++;
                } else if (i >= 0) {
                    opened.recordValue(micros(at - sent));
                }
            }
            if (i >= 0) {
                answer.recordValue(micros(done - sent));
            }
            Thread.sleep(100);
        }
        print("/bugmaster " + name + " answer, " + label, answer, "failed " + failed);
        if (name.equals("incident")) {
            print("/bugmaster incident views.open seen, " + label, opened, "missing " + notOpened);
        }
    }

    /** Clicks the cards in turn: each card Resolve, and on its next turn Unresolve, so every click changes its issue. */
    private void clickLatency(String label) throws Exception {
        Histogram answer = histogram();
        record Sent(Card card, boolean resolve, long nanos) {}
        List<Sent> sent = new ArrayList<>();
        int failed = 0;
        long responsesBefore = responses.get();
        for (int i = -10; i < samples; i++) {
            long n = clicks++;
            Card card = clickable.get((int) (n % clickable.size()));
            boolean resolve = (n / clickable.size()) % 2 == 0;
            String body = "payload=" + URLEncoder.encode(clickPayload(card, resolve), StandardCharsets.UTF_8);
            long start = System.nanoTime();
            HttpResponse<String> r = signed("/slack/interactions", body, signingSecret);
            long done = System.nanoTime();
            if (r.statusCode() != 200) {
                failed++;
            }
            if (i >= 0) {
                answer.recordValue(micros(done - start));
                sent.add(new Sent(card, resolve, start));
            }
            Thread.sleep(100);
        }
        long refusals = responses.get() - responsesBefore;
        print("click answer, " + label, answer, "failed " + failed + "\tephemeral refusals " + refusals);

        // each click's card update: the first chat.update of its message after the click that shows the new state
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Histogram updated = histogram();
        int missing = 0;
        for (Sent s : sent) {
            String shows = "\"action_id\":\"" + (s.resolve() ? "issue_unresolve" : "issue_resolve") + "\"";
            Update u = null;
            while (u == null && System.nanoTime() < deadline) {
                for (Update candidate : updates) {
                    if (candidate.ts().equals(s.card().ts()) && candidate.nanos() > s.nanos() && candidate.body().contains(shows)) {
                        u = candidate;
                        break;
                    }
                }
                if (u == null) {
                    Thread.sleep(5);
                }
            }
            if (u == null) {
                if (missing++ == 0) {
                    // what the stub did see of that message: why the update was not found
                    StringBuilder seen = new StringBuilder();
                    for (Update candidate : updates) {
                        if (candidate.ts().equals(s.card().ts())) {
                            seen.append(String.format(" [%+.0f ms, %s]", (candidate.nanos() - s.nanos()) / 1e6,
                                    candidate.body().contains("\"action_id\":\"issue_unresolve\"") ? "resolved" : "unresolved"));
                        }
                    }
                    System.out.printf("  first missing update: a %s click on issue %d; the stub's updates of its message:%s%n",
                            s.resolve() ? "Resolve" : "Unresolve", s.card().issueId(), seen.isEmpty() ? " none" : seen);
                }
            } else {
                updated.recordValue(micros(u.nanos() - s.nanos()));
            }
        }
        print("click to chat.update, " + label, updated, "missing " + missing);
    }

    private void refusedLatency(String label) throws Exception {
        Histogram answer = histogram();
        int wrong = 0;
        for (int i = -10; i < samples; i++) {
            String body = form("team_id", TEAM, "user_id", PERSON, "command", "/bugmaster", "text", "oncall",
                    "trigger_id", requestCounter.incrementAndGet() + "." + run);
            long start = System.nanoTime();
            HttpResponse<String> r = signed("/slack/commands", body, "another" + signingSecret);
            long done = System.nanoTime();
            if (r.statusCode() != 401) {
                wrong++;
            }
            if (i >= 0) {
                answer.recordValue(micros(done - start));
            }
            Thread.sleep(100);
        }
        print("refused (bad signature) answer, " + label, answer, "not 401 " + wrong);
    }

    /**
     * One change to all K issues at once (the bulk API): K updates queued together, made one after
     * another by the engine's {@code slack-calls} module. Measures the time until the last card shows
     * it, and that module's runs in the window: a slow run holds the engine's next cycle (pages).
     */
    private void bulk(String status) throws Exception {
        Thread.sleep(5000); // the clicks' last updates are made
        Map<String, Double> before = engineMeters();
        String shows = "\"action_id\":\"" + (status.equals("resolved") ? "issue_unresolve" : "issue_resolve") + "\"";
        long sent = System.nanoTime();
        call("PUT", url + "/api/0/projects/" + org + "/" + project + "/issues/" + idsQuery(), json(Map.of("status", status)), 200);
        long deadline = sent + TimeUnit.SECONDS.toNanos(120);
        Histogram h = histogram();
        java.util.Set<String> pending = new java.util.HashSet<>();
        clickable.forEach(c -> pending.add(c.ts()));
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            for (Update u : updates) {
                if (u.nanos() > sent && u.body().contains(shows) && pending.remove(u.ts())) {
                    h.recordValue(micros(u.nanos() - sent));
                }
            }
            Thread.sleep(5);
        }
        Thread.sleep(3000); // one more cycle, for the meters
        Map<String, Double> after = engineMeters();
        double runs = after.getOrDefault("count", 0.0) - before.getOrDefault("count", 0.0);
        double sum = after.getOrDefault("sum", 0.0) - before.getOrDefault("sum", 0.0);
        StringBuilder slow = new StringBuilder();
        after.forEach((k, v) -> {
            if (k.startsWith("max ") && v >= 0.1) {
                slow.append(slow.isEmpty() ? "" : ", ").append(k.substring(4)).append(String.format(" %.0f ms", 1000 * v));
            }
        });
        print("bulk " + status + " of " + clickable.size() + " issues to their chat.updates", h, "missing " + pending.size()
                + String.format("\tslack-calls runs %.0f, mean %.0f ms, max %.0f ms; notification-delivery started up to %.0f ms after due",
                        runs, runs == 0 ? 0 : 1000 * sum / runs, 1000 * after.getOrDefault("max", 0.0), 1000 * after.getOrDefault("late", 0.0))
                + "\tmodules whose runs took 100 ms or more lately (max): " + (slow.isEmpty() ? "none" : slow));
    }

    private String idsQuery() {
        StringBuilder ids = new StringBuilder();
        for (Card c : clickable) {
            ids.append(ids.isEmpty() ? "?" : "&").append("id=").append(c.issueId());
        }
        return ids.toString();
    }

    private static final Pattern METER = Pattern.compile(
            "^bugmaster_engine_module(_lateness)?_seconds_(count|sum|max)\\{([^}]*)} ([0-9.eE+-]+)$");

    /** The slack-calls module's success timer (count, sum, max) and notification-delivery's lateness max ("late"). */
    private Map<String, Double> engineMeters() throws Exception {
        Map<String, Double> values = new java.util.HashMap<>();
        for (String line : call("GET", url + "/actuator/prometheus", null, 200).split("\n")) {
            Matcher m = METER.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Matcher module = Pattern.compile("module=\"([^\"]+)\"").matcher(m.group(3));
            if (m.group(1) == null && m.group(2).equals("max") && module.find()) {
                values.merge("max " + module.group(1), Double.parseDouble(m.group(4)), Math::max);
            }
            if (m.group(1) == null && m.group(3).contains("module=\"slack-calls\"") && m.group(3).contains("outcome=\"success\"")) {
                values.put(m.group(2), Double.parseDouble(m.group(4)));
            } else if (m.group(1) != null && m.group(2).equals("max") && m.group(3).contains("module=\"notification-delivery\"")) {
                values.put("late", Double.parseDouble(m.group(4)));
            }
        }
        return values;
    }

    private String clickPayload(Card card, boolean resolve) {
        String n = Long.toString(requestCounter.incrementAndGet());
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "block_actions");
        p.putObject("user").put("id", PERSON).put("username", "bench").put("team_id", TEAM);
        p.putObject("team").put("id", TEAM).put("domain", "bench");
        p.put("api_app_id", "ABENCH0001");
        p.put("trigger_id", n + "." + run);
        p.put("response_url", stubUrl("/response/click-" + n));
        p.putObject("container").put("type", "message").put("message_ts", card.ts()).put("channel_id", CHANNEL);
        p.putObject("channel").put("id", CHANNEL).put("name", "bench");
        p.putObject("message").put("type", "message").put("ts", card.ts()).put("text", "");
        p.putArray("actions").addObject().put("type", "button").put("action_id", resolve ? "issue_resolve" : "issue_unresolve")
                .put("block_id", "actions").put("value", "issue:" + card.issueId()).put("action_ts", Instant.now().getEpochSecond() + "." + n);
        return p.toString();
    }

    // ---- Slack's side: signing, and the Web API stub

    private HttpResponse<String> signed(String path, String body, String secret) throws Exception {
        String ts = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String stubUrl(String path) {
        return "http://127.0.0.1:" + stubPort + path;
    }

    private void startStub() throws Exception {
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), stubPort), 0);
        stub.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "slack-stub");
            t.setDaemon(true);
            return t;
        }));
        stub.createContext("/api/", this::webApi);
        stub.createContext("/response/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            responses.incrementAndGet();
            send(exchange, "ok");
        });
        stub.start();
    }

    private void webApi(HttpExchange exchange) throws java.io.IOException {
        long at = System.nanoTime();
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
        if (slackDelayMillis > 0) {
            try {
                Thread.sleep(slackDelayMillis); // Slack's own time to answer, as a real workspace adds it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean authorized = ("Bearer " + botToken).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        ObjectNode reply = JSON.createObjectNode().put("ok", true);
        if (!authorized) {
            reply.put("ok", false).put("error", "invalid_auth");
            send(exchange, reply.toString());
            return;
        }
        switch (method) {
            case "auth.test" -> reply.put("url", "https://bench.slack.com/").put("team", "bench").put("user", "bugmaster").put("team_id", TEAM)
                    .put("user_id", BOT_USER).put("bot_id", "BBENCH0001");
            case "users.info", "users.lookupByEmail" -> reply.putObject("user").put("id", PERSON).put("team_id", TEAM).put("name", "bench")
                    .put("deleted", false).put("is_bot", false).putObject("profile").put("email", adminEmail).put("real_name", "Bench Person");
            case "views.open" -> {
                String trigger = JSON.readTree(body).path("trigger_id").asString("");
                viewsOpened.putIfAbsent(trigger, at);
                reply.putObject("view").put("id", "VBENCH" + trigger.hashCode());
            }
            case "chat.postMessage" -> {
                String ts = nextTs();
                Matcher m = ISSUE_VALUE.matcher(body);
                if (m.find()) {
                    cards.add(new Card(Long.parseLong(m.group(1)), ts));
                }
                reply.put("channel", JSON.readTree(body).path("channel").asString(CHANNEL)).put("ts", ts);
                reply.putObject("message").put("type", "message").put("ts", ts);
            }
            case "chat.update" -> {
                JsonNode args = JSON.readTree(body);
                String ts = args.path("ts").asString("");
                updates.add(new Update(ts, at, body));
                reply.put("channel", args.path("channel").asString(CHANNEL)).put("ts", ts);
            }
            case "conversations.create" -> reply.putObject("channel").put("id", "CINC" + nextTs().replace(".", "")).put("name", "inc");
            default -> { } // conversations.*, chat.postEphemeral, chat.getPermalink: ok
        }
        send(exchange, reply.toString());
    }

    private final AtomicLong tsCounter = new AtomicLong();

    private String nextTs() {
        return Instant.now().getEpochSecond() + "." + String.format("%06d", tsCounter.incrementAndGet() % 1_000_000);
    }

    private static void send(HttpExchange exchange, String text) throws java.io.IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    // ---- setup through the API

    private void setUp() throws Exception {
        call("PUT", api + "/integrations/slack/", json(Map.of("bot_token", botToken, "signing_secret", signingSecret,
                "incident_channels", false)), 200);
        String userId = adminUserId();
        String schedule = JSON.readTree(call("POST", api + "/schedules/", json(Map.of("name", "slack bench " + run, "time_zone", "UTC",
                "schedule_layers", List.of(Map.of("name", "weekly", "start", "2026-01-05T09:00:00Z", "rotation_turn_length_seconds", 604800,
                        "users", List.of(Map.of("id", userId)))))), 201)).path("id").asString();
        List<Map<String, Object>> rules = List.of(
                Map.of("escalation_delay_in_minutes", 10, "targets", List.of(Map.of("type", "schedule_reference", "id", schedule))),
                Map.of("escalation_delay_in_minutes", 10, "targets", List.of(Map.of("type", "user_reference", "id", userId))));
        String policy = JSON.readTree(call("POST", api + "/escalation-policies/", json(Map.of("name", "slack bench " + run, "num_loops", 0,
                "escalation_rules", rules)), 201)).path("id").asString();
        call("POST", api + "/services/", json(Map.of("name", "slack bench " + run, "escalation_policy", Map.of("id", policy),
                "urgency", "high")), 201);
        String channel = JSON.readTree(call("POST", api + "/notification-channels/", json(Map.of("name", "slack bench " + run, "kind", "slack_app",
                "config", Map.of("channel", CHANNEL))), 201)).path("id").asString();
        call("POST", api + "/alert-rules/", json(Map.of("name", "slack bench " + run, "scope", Map.of("type", "organization"),
                "environment", "production", "conditions", List.of(Map.of("id", "first_seen_event")),
                "actions", List.of(Map.of("id", "notify_channel", "channel", channel)), "frequency", 5)), 201);
        String envelopeUrl = url + "/api/" + projectId + "/envelope/";
        String auth = "Sentry sentry_version=7, sentry_client=bugmaster-slack-bench/1.0, sentry_key=" + key;
        for (int i = 0; i < cardCount; i++) {
            String marker = "slackbench-" + run + "-" + i;
            int status = AlertLatency.post(http, envelopeUrl, auth, AlertLatency.event(marker, "Slack bench issue " + marker, marker));
            if (status != 200) {
                throw new IllegalStateException("envelope answered " + status);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (cards.size() < cardCount && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (cards.size() < cardCount) {
            throw new IllegalStateException("the stub received " + cards.size() + " of " + cardCount + " cards in 120 s");
        }
        clickable = List.copyOf(cards.subList(0, cardCount));
    }

    private String adminUserId() throws Exception {
        for (JsonNode m : JSON.readTree(call("GET", api + "/members/", null, 200))) {
            if (m.path("role").asString("").equals("owner") || m.path("orgRole").asString("").equals("owner")) {
                return m.path("user").path("id").asString();
            }
        }
        throw new IllegalStateException("no owner among the members of " + org);
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

    // ---- small things

    /** A form body of name, value, name, value... */
    private static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(i == 0 ? "" : "&").append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static Histogram histogram() {
        return new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    }

    private static long micros(long nanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos));
    }

    private static void print(String label, Histogram h, String extra) throws Exception {
        System.out.printf("%s\tsamples %d\tp50 %.1f ms\tp90 %.1f ms\tp99 %.1f ms\tmax %.1f ms\t%s\tload %s%n", label, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0, extra, load());
    }

    private static String load() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private SlackBenchmark() {}
}
