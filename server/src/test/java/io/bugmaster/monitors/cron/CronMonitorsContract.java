package io.bugmaster.monitors.cron;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.Schedule;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.SentryCli;
import io.sentry.MonitorScheduleUnit;
import io.sentry.Sentry;
import io.sentry.util.CheckInUtils;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cron monitors as jobs use them, on a real database and the running server: real {@code curl}
 * pings, the real {@code sentry-cli monitors run}, the Java SDK's {@code CheckInUtils}, Sentry's
 * HTTP check-in, and the engine's deadlines with the test clock across the DST nights of Paris.
 */
abstract class CronMonitorsContract extends IntegrationTest {
    @Autowired
    MonitorService monitors;
    @Autowired
    MonitorStore store;
    @Autowired
    ProjectService projects;
    @Autowired
    MonitorDeadlinesModule deadlines;
    @Autowired
    JdbcClient db;

    final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    Tenant tenant;
    long projectId;
    String projectSlug;
    ProjectKey key;

    @BeforeEach
    void project() {
        clock.set(Instant.parse("2026-03-20T10:00:00Z"));
        tenant = newTenant();
        String org = tenant.org().slug();
        projectSlug = unique("jobs");
        projectId = projects.create(tenant.owner(), org, org, "Jobs", projectSlug, "java").project().id();
        key = projects.listKeys(tenant.owner(), org, projectSlug).get(0);
    }

    String loopback() {
        return "http://127.0.0.1:" + port;
    }

    Monitor cron(String slug, String crontab, String zone, int margin, int maxRuntime, int failures, int recoveries) {
        return monitors.create(tenant.org().id(), projectId, slug, new MonitorStore.Settings(slug, MonitorKind.CRON,
                new MonitorConfig(Schedule.crontab(crontab), zone, margin, maxRuntime, failures, recoveries, null, null, null), "error",
                null, false));
    }

    Monitor reload(Monitor m) {
        return monitors.find(m.id()).orElseThrow();
    }

    List<MonitorStore.CheckIn> runs(Monitor m) {
        List<MonitorStore.CheckIn> newestFirst = new ArrayList<>(store.checkIns(m.id(), null, 100));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    List<String> signals(Monitor m) {
        return db.sql("SELECT kind || ' ' || body FROM signals WHERE subject = ? ORDER BY tx_id, id").param(m.subject().toString())
                .query(String.class).list();
    }

    record Curl(int status, String body) {}

    /** The real curl, as a crontab line runs it; only ever to this server on loopback. */
    Curl curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--noproxy", "*", "-m", "60", "-o", "-", "-w", "\n%{http_code}"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        int cut = out.lastIndexOf('\n');
        return new Curl(Integer.parseInt(out.substring(cut + 1).strip()), out.substring(0, cut));
    }

    @Test
    void curlPingsStartSucceedFailWithOutputAndExitStatus(@TempDir Path dir) throws Exception {
        Monitor m = cron("backup", "0 3 * * *", "Europe/Paris", 5, 30, 1, 1);
        String url = loopback() + "/ping/" + m.pingUuid();

        assertThat(curl(url + "/start")).isEqualTo(new Curl(200, "OK"));
        assertThat(reload(m).state()).isEqualTo(MonitorState.UP);
        assertThat(runs(m)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("in_progress");
            assertThat(r.source()).isEqualTo("ping");
        });
        clock.advance(Duration.ofSeconds(95));
        assertThat(curl(url)).isEqualTo(new Curl(200, "OK"));
        assertThat(runs(m)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("ok");
            assertThat(r.duration()).isEqualTo(95.0);
        });

        assertThat(curl("--data-binary", "pg_dump: error: connection to server failed\n<script>alert(1)</script>", url + "/fail"))
                .isEqualTo(new Curl(200, "OK"));
        Monitor down = reload(m);
        assertThat(down.state()).isEqualTo(MonitorState.DOWN);
        assertThat(down.lastSaid()).isEqualTo("failed");
        assertThat(runs(m)).last().satisfies(r -> {
            assertThat(r.status()).isEqualTo("error");
            assertThat(r.output()).isEqualTo("pg_dump: error: connection to server failed\n<script>alert(1)</script>");
        });
        assertThat(signals(m)).singleElement().asString().startsWith("monitor.failing ").contains("\"said\":\"failed\"");

        assertThat(curl("-X", "POST", url + "/3")).isEqualTo(new Curl(200, "OK"));
        assertThat(reload(m).lastSaid()).isEqualTo("exit status 3");
        assertThat(runs(m)).last().extracting(MonitorStore.CheckIn::exitCode).isEqualTo(3);
        assertThat(signals(m)).hasSize(2).last().asString().contains("\"said\":\"exit status 3\"").contains("\"still\":true");
        // the same words again tell nobody
        assertThat(curl(url + "/3")).isEqualTo(new Curl(200, "OK"));
        assertThat(signals(m)).hasSize(2);

        Curl head = curl("-I", url + "/0");
        assertThat(head.status()).isEqualTo(200);
        assertThat(reload(m).state()).isEqualTo(MonitorState.UP);
        assertThat(signals(m)).hasSize(3).last().asString().startsWith("monitor.up ");

        Path big = dir.resolve("big.log");
        byte[] mb = new byte[1024 * 1024];
        java.util.Arrays.fill(mb, (byte) 'x');
        Files.write(big, mb);
        assertThat(curl("--data-binary", "@" + big, url + "/log")).isEqualTo(new Curl(200, "OK"));
        assertThat(runs(m)).last().satisfies(r -> assertThat(r.output()).hasSize(JobOutput.MAX_BYTES).matches("x+"));
        assertThat(reload(m).state()).isEqualTo(MonitorState.UP);

        assertThat(curl(loopback() + "/ping/" + java.util.UUID.randomUUID())).isEqualTo(new Curl(404, "not found"));
        assertThat(curl(url + "/256").status()).isEqualTo(400);
        assertThat(curl(url + "/start/now").status()).isEqualTo(400);
        assertThat(curl(loopback() + "/ping/%3Cscript%3E").status()).isEqualTo(400);
        assertThat(curl(url + "?rid=not-a-uuid").body()).contains("rid is a UUID");
    }

    @Test
    void anAddressIsRateLimitedLikeTheAlertReceivers() throws Exception {
        Monitor m = cron("chatty", "* * * * *", "UTC", 1, 30, 1, 1);
        String path = "/ping/" + m.pingUuid();
        for (int i = 0; i < 120; i++) {
            assertThat(get(path).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = get(path);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("BUGMASTER_INBOUND_RATE_PER_MINUTE");
        assertThat(db.sql("SELECT COUNT(*) FROM check_ins WHERE monitor_id = ?").param(m.id()).query(Long.class).single()).isEqualTo(120);
        clock.advance(Duration.ofSeconds(1));
        assertThat(get(path).statusCode()).isEqualTo(200);
    }

    @Test
    void pingKeyAndSlugAndRunIdsKeepOverlappingRunsApart() throws Exception {
        Monitor m = cron("sync", "*/10 * * * *", "UTC", 1, 30, 1, 1);
        String pingKey = monitors.pingKey(projectId);
        String url = loopback() + "/ping/" + pingKey + "/sync";
        String first = "11111111-1111-4111-8111-111111111111";
        String second = "22222222-2222-4222-8222-222222222222";
        assertThat(curl(url + "/start?rid=" + first).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(10));
        assertThat(curl(url + "/start?rid=" + second).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(10));
        assertThat(curl(url + "?rid=" + first).status()).isEqualTo(200);
        assertThat(runs(m)).extracting(MonitorStore.CheckIn::checkInId, MonitorStore.CheckIn::status, MonitorStore.CheckIn::duration)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.replace("-", ""), "ok", 20.0),
                        org.assertj.core.groups.Tuple.tuple(second.replace("-", ""), "in_progress", null));
        // another project's key does not reach this monitor
        long other = projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "Other", unique("other"), "java")
                .project().id();
        assertThat(curl(loopback() + "/ping/" + monitors.pingKey(other) + "/sync")).isEqualTo(new Curl(404, "not found"));
        assertThat(curl(loopback() + "/ping/" + pingKey + "/Not_A_Slug").status()).isEqualTo(400);
    }

    @Test
    void sentryCliMonitorsRunCreatesTheMonitorAndRecordsTheFailedRunWithItsDuration(@TempDir Path home) throws Exception {
        Path binary = SentryCli.install();
        SentryCli.Result result = SentryCli.run(home, Map.of("HOME", home.toString(), "SENTRY_DSN", key.dsn(loopback()),
                "SENTRY_DISABLE_UPDATE_CHECK", "true"), List.of(binary.toString(), "monitors", "run", "nightly-report", "--schedule",
                "0 3 * * *", "--check-in-margin", "5", "--max-runtime", "30", "--timezone", "Europe/Paris", "-e", "production", "--",
                "sh", "-c", "sleep 1; exit 3"), 120);
        assertThat(result.exit()).as(result.output()).isEqualTo(3);
        Monitor m = monitors.find(tenant.org().id(), "nightly-report").orElseThrow();
        assertThat(m.projectId()).isEqualTo(projectId);
        assertThat(m.config().timezone()).isEqualTo("Europe/Paris");
        assertThat(m.config().schedule()).isEqualTo(Schedule.crontab("0 3 * * *"));
        assertThat(m.config().checkinMargin()).isEqualTo(5);
        assertThat(m.config().maxRuntime()).isEqualTo(30);
        assertThat(runs(m)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("error");
            assertThat(r.source()).isEqualTo("sentry");
            assertThat(r.environment()).isEqualTo("production");
            assertThat(r.duration()).isGreaterThanOrEqualTo(1.0).isLessThan(60.0);
            assertThat(r.checkInId()).matches("[0-9a-f]{32}");
        });
        assertThat(m.state()).isEqualTo(MonitorState.DOWN);
        assertThat(m.lastSaid()).isEqualTo("failed");
        assertThat(m.nextDueAt()).isEqualTo(Instant.parse("2026-03-21T02:00:00Z"));
    }

    @Test
    void theJavaSdksWithCheckInRecordsASuccessAndAFailure() throws Exception {
        Sentry.init(options -> {
            options.setDsn(key.dsn(loopback()));
            options.setEnvironment("staging");
            options.setEnableUncaughtExceptionHandler(false);
            options.setShutdownTimeoutMillis(5000);
        });
        try {
            io.sentry.MonitorConfig config = new io.sentry.MonitorConfig(io.sentry.MonitorSchedule.interval(2, MonitorScheduleUnit.HOUR));
            config.setCheckinMargin(10L);
            config.setFailureIssueThreshold(2L);
            assertThat(CheckInUtils.withCheckIn("sdk-job", config, () -> 42)).isEqualTo(42);
            Sentry.flush(5000);
            Monitor m = Poll.until(Duration.ofSeconds(30), "the SDK's check-ins", () -> monitors.find(tenant.org().id(), "sdk-job"),
                    found -> found.isPresent() && runs(found.get()).stream().anyMatch(r -> r.status().equals("ok"))).orElseThrow();
            assertThat(m.config().schedule()).isEqualTo(Schedule.every(2, "hour"));
            assertThat(m.config().checkinMargin()).isEqualTo(10);
            assertThat(m.config().failureThreshold()).isEqualTo(2);
            try {
                CheckInUtils.withCheckIn("sdk-job", () -> {
                    throw new IllegalStateException("the report could not be written");
                });
            } catch (IllegalStateException expected) {
                // the SDK rethrows after its error check-in
            }
            Sentry.flush(5000);
            List<MonitorStore.CheckIn> runs = Poll.until(Duration.ofSeconds(30), "the failed run", () -> runs(m),
                    r -> r.size() == 2 && r.get(1).status().equals("error"));
            assertThat(runs).extracting(MonitorStore.CheckIn::environment).containsOnly("staging");
            assertThat(runs).allSatisfy(r -> assertThat(r.duration()).isNotNull());
            // failure_issue_threshold 2: one failure leaves it up
            assertThat(reload(m).state()).isEqualTo(MonitorState.UP);
            assertThat(signals(m)).isEmpty();
        } finally {
            Sentry.close();
        }
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(loopback() + pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sentrysHttpCheckInStartsAndEndsARunWithItsDurationInMilliseconds() throws Exception {
        Monitor m = cron("http-job", "0 * * * *", "UTC", 1, 30, 1, 1);
        String base = "/api/" + projectId + "/cron/http-job/" + key.publicKey() + "/";
        HttpResponse<String> start = get(base + "?status=in_progress&environment=prod");
        assertThat(start.statusCode()).as(start.body()).isEqualTo(202);
        String id = start.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1");
        assertThat(id).hasSize(36);
        clock.advance(Duration.ofSeconds(3));
        HttpResponse<String> end = http.send(HttpRequest.newBuilder(URI.create(loopback() + base + "?status=ok&duration=1500&check_in_id="
                + id)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(end.statusCode()).as(end.body()).isEqualTo(202);
        assertThat(end.body()).contains(id);
        assertThat(runs(m)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("ok");
            assertThat(r.duration()).isEqualTo(1.5);
            assertThat(r.source()).isEqualTo("http");
            assertThat(r.environment()).isEqualTo("prod");
        });
        assertThat(reload(m).state()).isEqualTo(MonitorState.UP);

        assertThat(get("/api/" + projectId + "/cron/http-job/" + "0".repeat(32) + "/?status=ok").statusCode()).isEqualTo(401);
        HttpResponse<String> badStatus = get(base + "?status=maybe");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("\"detail\"").contains("in_progress, ok or error");
        assertThat(get("/api/" + projectId + "/cron/BAD%20SLUG/" + key.publicKey() + "/?status=ok").statusCode()).isEqualTo(400);
        assertThat(get(base + "?status=ok&duration=-5").statusCode()).isEqualTo(400);
        assertThat(get(base + "?status=ok&check_in_id=%3Cscript%3E").statusCode()).isEqualTo(400);
        assertThat(runs(m)).hasSize(1);
    }

    @Test
    void theDstNightsOfParisAreLateWithinTheMarginThenMissedExactlyOnce() {
        clock.set(Instant.parse("2026-03-28T02:00:10Z")); // 03:00:10 CET
        Monitor m = cron("nightly", "0 3 * * *", "Europe/Paris", 5, 30, 1, 1);
        report(m, CronRuns.Status.OK);
        // the night the clocks jump from 02:00 to 03:00: 03:00 CEST is 01:00 UTC, 23 hours later
        assertThat(reload(m).nextDueAt()).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        clock.set(Instant.parse("2026-03-29T00:59:00Z"));
        deadlines.run(clock.instant());
        assertThat(reload(m).state()).isEqualTo(MonitorState.UP);
        clock.set(Instant.parse("2026-03-29T01:02:00Z"));
        deadlines.run(clock.instant());
        assertThat(reload(m).state()).isEqualTo(MonitorState.LATE);
        assertThat(signals(m)).isEmpty();
        clock.set(Instant.parse("2026-03-29T01:05:00Z"));
        deadlines.run(clock.instant());
        deadlines.run(clock.instant());
        Monitor down = reload(m);
        assertThat(down.state()).isEqualTo(MonitorState.DOWN);
        assertThat(down.lastSaid()).isEqualTo("no check-in since 03:00 (expected at 03:00, 5 min grace)");
        assertThat(down.nextDueAt()).isEqualTo(Instant.parse("2026-03-30T01:00:00Z"));
        assertThat(runs(m)).extracting(MonitorStore.CheckIn::status).containsExactly("ok", "missed");
        assertThat(runs(m).get(1).receivedAt()).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(signals(m)).singleElement().asString().startsWith("monitor.down ").contains("\"reason\":\"missed\"");
        // a week of outage: one missed run per night, the same words, nobody told again
        for (int night = 0; night < 7; night++) {
            clock.advance(Duration.ofDays(1));
            deadlines.run(clock.instant());
            deadlines.run(clock.instant());
        }
        assertThat(runs(m)).filteredOn(r -> r.status().equals("missed")).hasSize(8);
        assertThat(signals(m)).hasSize(1);
        assertThat(reload(m).lastSaid()).isEqualTo("no check-in since 03:00 (expected at 03:00, 5 min grace)");
    }

    @Test
    void anHourlyJobThatStopsIsToldOnceWithTheWordsOfItsFirstMissedRun() {
        clock.set(Instant.parse("2026-06-01T08:00:20Z"));
        Monitor m = cron("hourly", "0 * * * *", "Europe/Paris", 5, 30, 1, 1);
        report(m, CronRuns.Status.OK);
        for (int hour = 0; hour < 3; hour++) {
            clock.set(Instant.parse("2026-06-01T09:05:00Z").plus(Duration.ofHours(hour)));
            deadlines.run(clock.instant());
        }
        assertThat(runs(m)).extracting(MonitorStore.CheckIn::status).containsExactly("ok", "missed", "missed", "missed");
        assertThat(signals(m)).singleElement().asString().contains("no check-in since 10:00 (expected at 11:00, 5 min grace)");
        assertThat(reload(m).lastSaid()).isEqualTo("no check-in since 10:00 (expected at 11:00, 5 min grace)");
    }

    @Test
    void aFullBatchOfLateMonitorsWithinTheirMarginNeverHidesOneWhoseMarginHasPassed() {
        // a year no other test uses: these monitors are late in it, and are deleted at the end
        clock.set(Instant.parse("2031-06-01T08:00:20Z"));
        List<Monitor> patient = new ArrayList<>();
        for (int i = 0; i < MonitorDeadlinesModule.BATCH; i++) {
            patient.add(cron(unique("patient"), "0 * * * *", "UTC", 120, 30, 1, 1));
            report(patient.get(i), CronRuns.Status.OK);
        }
        Monitor strict = cron(unique("strict"), "0 * * * *", "UTC", 5, 30, 1, 1);
        report(strict, CronRuns.Status.OK);
        try {
            // all were expected at 09:00: the patient ones are late until 11:00, the strict one was missed at 09:05
            clock.set(Instant.parse("2031-06-01T09:10:00Z"));
            for (int cycle = 0; cycle < 3; cycle++) {
                deadlines.run(clock.instant());
            }
            assertThat(runs(strict)).extracting(MonitorStore.CheckIn::status).containsExactly("ok", "missed");
            assertThat(reload(strict).state()).isEqualTo(MonitorState.DOWN);
        } finally {
            patient.forEach(monitors::delete);
            monitors.delete(strict);
        }
    }

    @Test
    void theNightTheClocksGoBackWaitsForThreeOClockWinterTime() {
        clock.set(Instant.parse("2026-10-24T01:00:30Z")); // 03:00:30 CEST
        Monitor m = cron("autumn", "0 3 * * *", "Europe/Paris", 5, 30, 1, 1);
        report(m, CronRuns.Status.OK);
        // 25 hours later: 03:00 CET is 02:00 UTC
        assertThat(reload(m).nextDueAt()).isEqualTo(Instant.parse("2026-10-25T02:00:00Z"));
        clock.set(Instant.parse("2026-10-25T01:30:00Z")); // 02:30 CET, the second time round
        deadlines.run(clock.instant());
        assertThat(reload(m).state()).isEqualTo(MonitorState.UP);
        clock.set(Instant.parse("2026-10-25T02:04:59Z"));
        deadlines.run(clock.instant());
        assertThat(reload(m).state()).isEqualTo(MonitorState.LATE);
        clock.set(Instant.parse("2026-10-25T02:05:00Z"));
        deadlines.run(clock.instant());
        assertThat(reload(m).lastSaid()).isEqualTo("no check-in since 03:00 (expected at 03:00, 5 min grace)");
        // the job comes back: up, told
        report(m, CronRuns.Status.OK);
        assertThat(reload(m).state()).isEqualTo(MonitorState.UP);
        assertThat(signals(m)).extracting(s -> s.substring(0, s.indexOf(' '))).containsExactly("monitor.down", "monitor.up");
    }

    @Test
    void aRunPastItsMaxRuntimeTimesOutOnceAndItsLateEndChangesNothing() {
        Monitor m = cron("long-job", "0 * * * *", "UTC", 5, 30, 1, 1);
        String id = report(m, CronRuns.Status.IN_PROGRESS);
        clock.advance(Duration.ofMinutes(29));
        deadlines.run(clock.instant());
        assertThat(runs(m)).singleElement().extracting(MonitorStore.CheckIn::status).isEqualTo("in_progress");
        clock.advance(Duration.ofMinutes(1));
        deadlines.run(clock.instant());
        deadlines.run(clock.instant());
        assertThat(runs(m)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("timeout");
            assertThat(r.duration()).isEqualTo(1800.0);
        });
        Monitor down = reload(m);
        assertThat(down.state()).isEqualTo(MonitorState.DOWN);
        assertThat(down.lastSaid()).isEqualTo("still running after 30 min (max runtime)");
        assertThat(signals(m)).singleElement().asString().startsWith("monitor.down ").contains("\"reason\":\"timeout\"");
        // the run's own end, after it timed out, changes nothing
        reportWithId(m, id, CronRuns.Status.OK);
        assertThat(runs(m)).singleElement().extracting(MonitorStore.CheckIn::status).isEqualTo("timeout");
        assertThat(reload(m).state()).isEqualTo(MonitorState.DOWN);
    }

    @Test
    void twoNodesPassingTheSameDeadlinesAtOnceCountEachSlotAndRunOnce() throws Exception {
        Monitor m = cron("two-nodes", "0 * * * *", "UTC", 5, 30, 1, 1);
        report(m, CronRuns.Status.OK);
        Monitor running = cron("two-nodes-run", "0 3 * * *", "UTC", 5, 30, 1, 1);
        report(running, CronRuns.Status.IN_PROGRESS);
        clock.advance(Duration.ofMinutes(66));
        Instant now = clock.instant();
        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> passes = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                passes.add(nodes.submit(() -> {
                    go.await();
                    deadlines.run(now);
                    return null;
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<?> pass : passes) {
                pass.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(runs(m)).extracting(MonitorStore.CheckIn::status).containsExactly("ok", "missed");
        assertThat(signals(m)).hasSize(1);
        assertThat(runs(running)).extracting(MonitorStore.CheckIn::status).containsExactly("timeout");
        assertThat(signals(running)).hasSize(1);
    }

    @Test
    void thresholdsNeedFailuresAndRecoveriesInARow() {
        Monitor m = cron("flaky", "*/5 * * * *", "UTC", 1, 30, 2, 2);
        report(m, CronRuns.Status.ERROR);
        assertThat(reload(m).state()).isEqualTo(MonitorState.NEW);
        report(m, CronRuns.Status.OK);
        report(m, CronRuns.Status.ERROR);
        assertThat(reload(m).state()).isEqualTo(MonitorState.UP);
        report(m, CronRuns.Status.ERROR);
        assertThat(reload(m).state()).isEqualTo(MonitorState.DOWN);
        report(m, CronRuns.Status.OK);
        assertThat(reload(m).state()).isEqualTo(MonitorState.DOWN);
        report(m, CronRuns.Status.OK);
        assertThat(reload(m).state()).isEqualTo(MonitorState.UP);
        assertThat(signals(m)).extracting(s -> s.substring(0, s.indexOf(' '))).containsExactly("monitor.failing", "monitor.up");
    }

    @Autowired
    SentryCheckIns sentryCheckIns;

    @Test
    void aMonitorConfigUpdatesItsMonitorButNotFromAnotherProjectAndBadOnesAreKeptUnclaimed() {
        Monitor m = cron("shared", "0 3 * * *", "Europe/Paris", 5, 30, 1, 1);
        String id = CronRuns.newCheckInId();
        sentryCheckIns.record(projectId, List.of(new SentryCheckIns.CheckIn("shared", id, "ok", 2.0, null, "production",
                "{\"schedule\":{\"type\":\"crontab\",\"value\":\"30 4 * * *\"},\"checkin_margin\":15}")), clock.instant());
        Monitor changed = reload(m);
        assertThat(changed.config().schedule().value()).isEqualTo("30 4 * * *");
        assertThat(changed.config().checkinMargin()).isEqualTo(15);
        assertThat(changed.config().timezone()).isEqualTo("Europe/Paris");

        long other = projects.create(tenant.owner(), tenant.org().slug(), tenant.org().slug(), "Other", unique("other"), "java")
                .project().id();
        sentryCheckIns.record(other, List.of(new SentryCheckIns.CheckIn("shared", CronRuns.newCheckInId(), "error", null, null,
                "production", "{\"schedule\":{\"type\":\"interval\",\"value\":1,\"unit\":\"minute\"}}")), clock.instant());
        Monitor kept = reload(m);
        assertThat(kept.projectId()).isEqualTo(projectId);
        assertThat(kept.config().schedule().value()).isEqualTo("30 4 * * *");
        assertThat(runs(m)).extracting(MonitorStore.CheckIn::status).containsExactly("ok", "error");

        sentryCheckIns.record(projectId, List.of(new SentryCheckIns.CheckIn("broken", CronRuns.newCheckInId(), "ok", null, null,
                "production", "{\"schedule\":{\"type\":\"crontab\",\"value\":\"61 * * * *\"}}")), clock.instant());
        assertThat(monitors.find(tenant.org().id(), "broken")).isEmpty();
        assertThat(db.sql("SELECT payload FROM check_ins WHERE project_id = ? AND monitor_slug = 'broken' AND monitor_id IS NULL")
                .param(projectId).query(String.class).single()).contains("monitor_config_error").contains("not a crontab schedule");
        sentryCheckIns.record(projectId, List.of(new SentryCheckIns.CheckIn("unknown", CronRuns.newCheckInId(), "ok", null, null,
                "production", null)), clock.instant());
        assertThat(monitors.find(tenant.org().id(), "unknown")).isEmpty();
        // made later, it adopts what came before
        Monitor unknown = cron("unknown", "0 3 * * *", "UTC", 1, 30, 1, 1);
        assertThat(runs(unknown)).hasSize(1);
    }

    @Test
    void aNewScheduleCountsFromNowNotFromTheOldOnesNextTime() {
        Monitor m = cron("reschedule", "0 3 * * *", "UTC", 5, 30, 1, 1);
        report(m, CronRuns.Status.OK);
        assertThat(reload(m).nextDueAt()).isEqualTo(Instant.parse("2026-03-21T03:00:00Z"));
        clock.advance(Duration.ofMinutes(10));
        sentryCheckIns.record(projectId, List.of(new SentryCheckIns.CheckIn("reschedule", CronRuns.newCheckInId(), "ok", null, null,
                "production", "{\"schedule\":{\"type\":\"interval\",\"value\":1,\"unit\":\"hour\"}}")), clock.instant());
        assertThat(reload(m).nextDueAt()).isEqualTo(Instant.parse("2026-03-20T11:10:00Z"));
    }

    @Autowired
    CronRuns cronRuns;

    String report(Monitor m, CronRuns.Status status) {
        return reportWithId(m, null, status);
    }

    String reportWithId(Monitor m, String id, CronRuns.Status status) {
        return monitors.withLock(m.id(), locked -> cronRuns.report(projectId, locked, new CronRuns.Report(id, status, null, null, null,
                "sentry", "production", null, null), clock.instant())).orElseThrow().checkInId();
    }
}
