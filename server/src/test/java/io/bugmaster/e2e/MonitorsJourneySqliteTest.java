package io.bugmaster.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectService;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.FakeSlack;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.PostgresTestDatabase;
import io.bugmaster.testing.RealPrometheus;
import io.bugmaster.testing.SentryCli;
import io.bugmaster.testing.SqliteTestDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13's "Done when", as a new team follows docs/monitors.md, with the team's channel a Slack
 * app channel (#ops-alerts, the local fake of Slack's Web API) and one organization-wide alert rule
 * for monitor triggers: a crontab job wrapped with real {@code curl} pings stops running, and once
 * the grace time has passed (not before) "Missed: Nightly backup" reaches the channel; a job run by
 * the real {@code sentry-cli monitors run} that exits 3 shows as failed with its duration and
 * "JOB FAILURE"; an SQL monitor over an orders table on a real PostgreSQL replica fires "Records:
 * 1" with the row and resolves when the row is fixed; a PromQL monitor against Debian's Prometheus
 * scraping this server fires and resolves; a drop of "login succeeded" events fires with the usual
 * range. Everything is set up through the API, as docs/monitors.md shows.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class MonitorsJourneySqliteTest extends IntegrationTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Autowired
    ProjectService projects;
    @Autowired
    MeterRegistry registry;

    ApiClient api;
    String org;
    String admin;
    String project;
    FakeSlack.Workspace ws;
    String ops;

    @Test
    void aTeamHearsOfJobsChecksMetricsAndVolumesThatGoWrong(@TempDir Path home) throws Exception {
        Tenant tenant = newTenant();
        org = tenant.org().slug();
        admin = tenant.ownerToken();
        api = new ApiClient(baseUrl());
        project = unique("shop");
        projects.create(tenant.owner(), org, org, "Shop", project, "java");

        // the team's channel and one rule: every monitor of the organization that goes down, fails or recovers
        ws = FakeSlack.shared().workspace(unique("acme"));
        ops = ws.channel("ops-alerts");
        ok(api.put(admin, "/api/0/organizations/" + org + "/integrations/slack/",
                ApiClient.json("bot_token", ws.botToken, "signing_secret", ws.signingSecret)), 200);
        String channel = ok(api.post(admin, "/api/0/organizations/" + org + "/notification-channels/",
                "{\"name\": \"#ops-alerts\", \"kind\": \"slack_app\", \"config\": {\"channel\": \"" + ops + "\"}}"), 201)
                .json().path("id").asString();
        ok(api.post(admin, "/api/0/organizations/" + org + "/alert-rules/", """
                {"name": "monitors to #ops-alerts", "scope": {"type": "organization"},
                 "conditions": [{"id": "monitor_down"}, {"id": "monitor_failing"}, {"id": "monitor_recovered"}],
                 "actions": [{"id": "notify_channel", "channel": "%s"}], "frequency": 5}""".formatted(channel)), 201);

        crontabJobWithCurlStopsRunning();
        sentryCliRunThatExitsThree(home);
        sqlMonitorOverOrders();
        prometheusQueryMonitor();
        eventVolumeDrop();
    }

    /** 1. A crontab line pings start and exit status; the job stops; after the grace time the channel hears of it. */
    private void crontabJobWithCurlStopsRunning() throws Exception {
        JsonNode created = ok(api.post(admin, monitorsPath(), """
                {"name": "Nightly backup", "slug": "nightly-backup", "project": "%s", "type": "cron_job",
                 "config": {"schedule_type": "crontab", "schedule": "0 * * * *", "timezone": "Europe/Paris", "checkin_margin": 10,
                            "max_runtime": 30}}""".formatted(project)), 201).json();
        String ping = loopback(created.path("ping_urls").path("uuid").asString());
        assertThat(curl(ping + "/start")).isEqualTo("200 OK");
        assertThat(curl("--data-binary", "backup of 42 tables done", ping + "/0")).isEqualTo("200 OK");
        JsonNode up = monitor("nightly-backup");
        assertThat(up.path("state").asString()).isEqualTo("up");
        Instant due = Instant.parse(up.path("next_due_at").asString());

        // the job stops: five minutes after the expected time it is late, and nobody is told yet
        clock.set(due.plus(Duration.ofMinutes(5)));
        engine.runOnce();
        assertThat(monitor("nightly-backup").path("state").asString()).isEqualTo("late");
        engine.runOnce();
        assertThat(texts()).noneMatch(t -> t.contains("Nightly backup"));

        // after the grace time
        clock.set(due.plus(Duration.ofMinutes(11)));
        String missed = awaitText("Missed: Nightly backup");
        assertThat(missed).contains("no check-in since").contains("expected at").contains("10 min grace");
        assertThat(monitor("nightly-backup").path("state").asString()).isEqualTo("down");

        // the job runs again: the channel hears that it recovered
        assertThat(curl(ping + "/0")).isEqualTo("200 OK");
        awaitText("Resolved", "Nightly backup");
        assertThat(monitor("nightly-backup").path("state").asString()).isEqualTo("up");
        delete("nightly-backup");
    }

    /** 2. {@code sentry-cli monitors run} wraps a job that exits 3: a failed run with its duration, and JOB FAILURE. */
    private void sentryCliRunThatExitsThree(Path home) throws Exception {
        String dsn = api.get(admin, "/api/0/projects/" + org + "/" + project + "/keys/").json().get(0).path("dsn").path("public").asString();
        dsn = loopback(dsn);
        Path binary = SentryCli.install();
        SentryCli.Result result = SentryCli.run(home, Map.of("HOME", home.toString(), "SENTRY_DSN", dsn, "SENTRY_DISABLE_UPDATE_CHECK", "true"),
                List.of(binary.toString(), "monitors", "run", "db-vacuum", "--schedule", "0 4 * * *", "--check-in-margin", "5",
                        "--max-runtime", "30", "--timezone", "Europe/Paris", "-e", "production", "--", "sh", "-c", "sleep 1; exit 3"), 120);
        assertThat(result.exit()).as(result.output()).isEqualTo(3);

        JsonNode runs = ok(api.get(admin, monitorsPath() + "db-vacuum/checkins/"), 200).json();
        assertThat(runs.get(0).path("status").asString()).isEqualTo("error");
        assertThat(runs.get(0).path("duration").asLong()).as("milliseconds, as Sentry's API says").isBetween(1_000L, 60_000L);
        assertThat(monitor("db-vacuum").path("state").asString()).isEqualTo("down");
        String failure = awaitText("JOB FAILURE: db-vacuum");
        assertThat(failure).contains("failed");
        delete("db-vacuum");
    }

    /** 3. An SQL monitor over the orders table of the team's PostgreSQL replica: "Records: 1" with the row, then resolved. */
    private void sqlMonitorOverOrders() throws Exception {
        String jdbc = PostgresTestDatabase.newDatabaseUrl();
        Matcher m = Pattern.compile("jdbc:postgresql://[^:/]+:([0-9]+)/([A-Za-z0-9_]+).*").matcher(jdbc);
        assertThat(m.matches()).as(jdbc).isTrue();
        replica(jdbc, "CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL, paid BOOLEAN NOT NULL)",
                "INSERT INTO orders VALUES (1041, 'shipped', true), (1042, 'shipped', false), (1043, 'new', false)");
        String source = ok(api.post(admin, "/api/0/organizations/" + org + "/data-sources/", ApiClient.json("name", "orders replica",
                "kind", "postgresql", "url", "jdbc:postgresql://127.0.0.1:" + m.group(1) + "/" + m.group(2), "username", "postgres",
                "password", "replica-password")), 201).json().path("id").asString();
        ok(api.post(admin, monitorsPath(), """
                {"name": "Checkouts with incoherent order statuses", "slug": "incoherent-orders", "project": "%s", "type": "sql",
                 "config": {"schedule_type": "interval", "schedule": [5, "minute"],
                            "sql": {"data_source_id": %s, "count_rows": true, "condition": {"operator": "gt", "threshold": 0},
                                    "query": "SELECT id, status, paid FROM orders WHERE status = 'shipped' AND NOT paid ORDER BY id"}}}"""
                .formatted(project, source)), 201);

        String firing = awaitText("Monitor Firing: [" + project + "] Checkouts with incoherent order statuses, Records: 1");
        assertThat(firing).contains("1042").contains("shipped");

        replica(jdbc, "UPDATE orders SET paid = true WHERE id = 1042");
        clock.advance(Duration.ofMinutes(5));
        awaitText("Resolved", "Checkouts with incoherent order statuses");
        assertThat(monitor("incoherent-orders").path("state").asString()).isEqualTo("up");
        delete("incoherent-orders");
    }

    /** 4. A PromQL monitor against Debian's Prometheus, which scrapes this server's own /actuator/prometheus. */
    private void prometheusQueryMonitor() throws Exception {
        if (!RealPrometheus.installed() && System.getenv("CI") == null) {
            return; // a developer machine without Debian's prometheus package; CI installs it
        }
        String run = unique("run");
        AtomicLong stuck = new AtomicLong(0);
        Gauge gauge = Gauge.builder("shop.payments.stuck", stuck, AtomicLong::get).tag("run", run).register(registry);
        String query = "shop_payments_stuck{run=\"" + run + "\"}";
        try (RealPrometheus prometheus = RealPrometheus.scraping(port)) {
            String source = ok(api.post(admin, "/api/0/organizations/" + org + "/data-sources/", ApiClient.json("name", "prometheus",
                    "kind", "prometheus", "url", prometheus.url())), 201).json().path("id").asString();
            ApiClient.Response created = api.post(admin, monitorsPath(), """
                    {"name": "Stuck payments", "slug": "stuck-payments", "project": "%s", "type": "metric",
                     "config": {"schedule_type": "interval", "schedule": [1, "minute"],
                                "metric": {"data_source_id": %s, "query": "%s", "condition": {"operator": "gt", "threshold": 100},
                                           "for_minutes": 1}}}""".formatted(project, source, query.replace("\"", "\\\"")));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            prometheus.awaitValue(query, 0);
            engine.runOnce();
            assertThat(monitor("stuck-payments").path("state").asString()).isEqualTo("up");

            stuck.set(250);
            prometheus.awaitValue(query, 250);
            clock.advance(Duration.ofMinutes(1));
            engine.runOnce(); // over the threshold, for less than a minute yet
            assertThat(monitor("stuck-payments").path("state").asString()).isEqualTo("up");
            clock.advance(Duration.ofMinutes(1));
            String firing = awaitText("Monitor Firing: [" + project + "] Stuck payments");
            assertThat(firing).contains("value 250 &gt; 100 for 1 min"); // Slack's escaping of >

            stuck.set(3);
            prometheus.awaitValue(query, 3);
            clock.advance(Duration.ofMinutes(1));
            awaitText("Resolved", "Stuck payments");
            delete("stuck-payments");
        } finally {
            registry.remove(gauge);
        }
    }

    /** 5. The app sends a "login succeeded" event per login; they drop (the Facebook login broke) and the channel hears it. */
    private void eventVolumeDrop() throws Exception {
        String dsn = api.get(admin, "/api/0/projects/" + org + "/" + project + "/keys/").json().get(0).path("dsn").path("public").asString();
        URI parsed = URI.create(dsn);
        String key = parsed.getUserInfo();
        long projectId = Long.parseLong(parsed.getPath().substring(1));
        loginsSucceeded(projectId, key, 24); // this hour last week
        clock.advance(Duration.ofDays(7));
        loginsSucceeded(projectId, key, 3); // this hour
        clock.advance(Duration.ofMinutes(1));
        ok(api.post(admin, monitorsPath(), """
                {"name": "Logins", "slug": "logins", "project": "%s", "type": "volume",
                 "config": {"schedule_type": "interval", "schedule": [1, "hour"],
                            "volume": {"message": "login succeeded", "direction": "drop", "weeks": 1, "tolerance_percent": 50,
                                       "minimum_usual": 10}}}""".formatted(project)), 201);
        String drop = awaitText("Monitor Firing: [" + project + "] Logins");
        assertThat(drop).contains("in the last hour, usually 24");
        delete("logins");
    }

    // --- the pieces ---

    private void loginsSucceeded(long projectId, String key, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            String event = """
                    {"event_id":"%s","platform":"java","level":"info","environment":"production","timestamp":"%s",
                     "message":"login succeeded","tags":{"provider":"facebook"}}"""
                    .formatted(UUID.randomUUID().toString().replace("-", ""), clock.instant());
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId + "/store/"))
                    .header("X-Sentry-Auth", "Sentry sentry_key=" + key + ", sentry_version=7").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    private static void replica(String jdbc, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private String monitorsPath() {
        return "/api/0/organizations/" + org + "/monitors/";
    }

    private JsonNode monitor(String slug) {
        return ok(api.get(admin, monitorsPath() + slug + "/"), 200).json();
    }

    private void delete(String slug) {
        ok(api.delete(admin, monitorsPath() + slug + "/"), 204);
    }

    /** The links Bugmaster gives name its base URL (localhost:8080 in tests): the same path on this server. */
    private String loopback(String url) {
        return url.replace("localhost:8080", "127.0.0.1:" + port);
    }

    /** The real curl, as a crontab line runs it (only ever to this server, on loopback): "status body". */
    private static String curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--noproxy", "*", "-m", "60", "-o", "-", "-w", " %{http_code}"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        int space = out.lastIndexOf(' ');
        return out.substring(space + 1) + " " + out.substring(0, space).strip();
    }

    private static ApiClient.Response ok(ApiClient.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }

    /** Every message in #ops-alerts, as the words it shows (fallback text and the blocks' texts). */
    private List<String> texts() {
        List<String> out = new ArrayList<>();
        for (JsonNode message : ws.messages(ops)) {
            List<String> parts = new ArrayList<>();
            parts.add(message.path("text").asString(""));
            collect(message.path("blocks"), parts);
            out.add(String.join("\n", parts));
        }
        return out;
    }

    /** Waits for a message in #ops-alerts that shows all the given words, running the engine on each look as its tick would. */
    private String awaitText(String... words) {
        return Poll.until(Duration.ofSeconds(60), "a message in #ops-alerts with " + List.of(words) + " (the messages: " + texts() + ")", () -> {
            engine.runOnce();
            return texts().stream().filter(t -> List.of(words).stream().allMatch(t::contains)).findFirst().orElse(null);
        }, t -> t != null);
    }

    private static void collect(JsonNode node, List<String> into) {
        if (node.isObject()) {
            if (node.path("text").isString()) {
                into.add(node.path("text").asString());
            }
            node.properties().forEach(e -> collect(e.getValue(), into));
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, into));
        }
    }
}
