package io.bugmaster.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.monitors.Condition;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorStates;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.Schedule;
import io.bugmaster.monitors.SqlCheck;
import io.bugmaster.monitors.sources.DataSourceKind;
import io.bugmaster.monitors.sources.DataSources;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.Receiver;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.Mailboxes;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Monitors' failures through alert rules and paging, with real receivers: a webhook channel on
 * loopback, GreenMail for email, services and incidents. Signals are raised the way the monitors'
 * producers raise them ({@link MonitorService#apply} over a stored check-in or result).
 */
abstract class MonitorAlertsContract extends IntegrationTest {
    static final GreenMail MAIL = Mailboxes.startOnLoopback();
    static final String HOSTILE = "<script>alert(1)</script> `tick` | pipe @everyone";

    @Autowired MonitorService monitors;
    @Autowired MonitorStore store;
    @Autowired DataSources dataSources;
    @Autowired ProjectService projects;
    @Autowired ChannelService channels;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient db;

    static final io.bugmaster.notify.PagerDutyReceiver PAGERDUTY = startPagerDuty();

    private static io.bugmaster.notify.PagerDutyReceiver startPagerDuty() {
        io.bugmaster.notify.PagerDutyReceiver receiver = new io.bugmaster.notify.PagerDutyReceiver();
        Runtime.getRuntime().addShutdownHook(new Thread(receiver::close));
        return receiver;
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Mailboxes.smtpSettings(registry, MAIL);
        registry.add("bugmaster.pagerduty-events-url", PAGERDUTY::url);
    }

    // MAIL is not stopped after a class: the SQLite and PostgreSQL tests share it, and it ends with the JVM

    Receiver hook;
    ApiClient api;
    Tenant tenant;
    String org;
    String project;
    long projectId;
    long channelId;

    @BeforeEach
    void setUp() {
        engine.runOnce(); // whatever other tests left is handled first
        hook = new Receiver();
        api = new ApiClient(baseUrl());
        tenant = newTenant();
        org = tenant.org().slug();
        project = unique("jobs");
        projectId = projects.create(tenant.owner(), org, org, "Jobs", project, "java").project().id();
        channelId = channels.create(tenant.owner(), org, new ChannelService.NewChannel("ops hook", "webhook",
                Map.of("url", hook.url("/hook")))).id();
    }

    @AfterEach
    void tearDown() {
        hook.close();
    }

    @Override
    protected String invitationLinkSentTo(String email) {
        assertThat(MAIL.waitForIncomingEmail(30_000, 1)).isTrue();
        return Mailboxes.invitationLinkSentTo(MAIL, email);
    }

    void rule(String body) {
        ApiClient.Response r = api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/alert-rules/", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    Monitor cron(String slug, String name) {
        return monitors.create(tenant.org().id(), projectId, slug, new MonitorStore.Settings(name, MonitorKind.CRON,
                MonitorConfig.cron(Schedule.crontab("0 3 * * *"), "Europe/Paris"), "critical", null, false));
    }

    /** A run of the job that ended with {@code exitCode} (ok for 0), applied as the cron helper applies it. */
    void run(Monitor m, int exitCode, String output, double seconds) {
        Instant at = clock.instant();
        monitors.withLock(m.id(), locked -> {
            long id = store.insertCheckIn(projectId, locked, Long.toHexString(System.nanoTime()), exitCode == 0 ? "ok" : "error", at, at,
                    seconds, exitCode, output, "ping", null, null, null);
            MonitorStates.Result result = exitCode == 0 ? MonitorStates.Result.ok()
                    : new MonitorStates.Result(MonitorStates.Outcome.ERROR, MonitorStates.ERROR, "exit status " + exitCode);
            return monitors.apply(locked, result, at, at.plusSeconds(86_400), at, null, "check_in", id);
        });
    }

    void cycles() {
        for (int i = 0; i < 3; i++) {
            engine.runOnce();
        }
    }

    List<JsonNode> hooks() {
        return hook.requests().stream().map(Receiver.Request::json).toList();
    }

    @Test
    void aFailedJobReachesTheRulesChannelAndPeopleAsAJobFailureWithItsOutputAndTheRecoveryResolvesIt() throws Exception {
        rule("""
                {"name": "Jobs", "conditions": [{"id": "monitor_failing"}, {"id": "monitor_recovered"}],
                 "filters": [{"id": "monitor", "attribute": "slug", "match": "eq", "value": "nightly-report"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}, {"id": "notify_email", "targetType": "Member",
                              "targetIdentifier": "%s"}]}""".formatted(channelId, tenant.user().email()));
        Monitor m = cron("nightly-report", "nightly-report");
        Monitor other = cron("other-job", "Other job");
        String output = IntStream.rangeClosed(1, 40).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n" + HOSTILE
                + "\nTraceback: KeyError 'customer'";
        run(m, 3, output, 192.4);
        run(other, 1, "not this one", 1);
        cycles();

        JsonNode sent = hooks().stream().filter(j -> j.path("type").asString().equals("monitor.failing")).findFirst().orElseThrow();
        assertThat(hooks()).as("the filter keeps other monitors out").hasSize(1);
        JsonNode data = sent.path("data");
        assertThat(data.path("title").asString()).isEqualTo("JOB FAILURE: nightly-report");
        assertThat(data.path("subject").asString()).isEqualTo("monitor/" + m.id());
        assertThat(data.path("url").asString()).endsWith("/orgs/" + org + "/monitors/nightly-report");
        assertThat(data.path("culprit").asString()).isEqualTo("exit status 3");
        assertThat(data.path("checkIn").path("exitCode").asInt()).isEqualTo(3);
        assertThat(data.path("checkIn").path("output").asString()).contains("Traceback: KeyError 'customer'").contains(HOSTILE)
                .contains("line 28").doesNotContain("line 27\n");
        assertThat(data.path("rule").asString()).isEqualTo("Jobs");

        List<MimeMessage> mails = Mailboxes.await(MAIL, tenant.user().email(), "JOB FAILURE: nightly-report", 1);
        List<jakarta.mail.Part> parts = new java.util.ArrayList<>();
        collect(mails.get(0), parts);
        String text = parts.stream().filter(p -> type(p).startsWith("text/plain")).map(MonitorAlertsContract::content).findFirst()
                .orElseThrow();
        assertThat(text).contains("Exit code: 3").contains("Duration: 3 min 12 s").contains("Tries: 1")
                .contains("Schedule: 0 3 * * * (Europe/Paris)").contains("Last output:\nline 28\n").contains("Traceback: KeyError");
        String html = parts.stream().filter(p -> type(p).startsWith("text/html")).map(MonitorAlertsContract::content).findFirst()
                .orElseThrow();
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");

        // failing again in other words while down: an update of the open alert, not a new message in chat or email
        run(m, 4, "again", 1);
        cycles();
        assertThat(hooks()).hasSize(1);

        run(m, 0, "fine", 10);
        cycles();
        assertThat(hooks()).extracting(j -> j.path("type").asString()).containsExactly("monitor.failing", "monitor.up");
        assertThat(hooks().get(1).path("data").path("title").asString()).isEqualTo("nightly-report");
        // a resolve replies to the alert, so mail clients thread them
        MimeMessage resolved = Mailboxes.await(MAIL, tenant.user().email(), "Re: nightly-report", 1).get(0);
        assertThat(Mailboxes.body(resolved)).contains("Resolved: nightly-report");
    }

    @Test
    void stillFailingUpdatesThePagerDutyIncidentOnlyAndTheRecoveryResolvesEveryChannelThatWasTold() {
        String routingKey = java.util.UUID.randomUUID().toString().replace("-", "");
        long pagerDuty = channels.create(tenant.owner(), org, new ChannelService.NewChannel("pd", "pagerduty",
                Map.of("routing_key", routingKey))).id();
        rule("""
                {"name": "Failing jobs", "conditions": [{"id": "monitor_failing"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}, {"id": "notify_channel", "channel": "%d"}]}"""
                .formatted(channelId, pagerDuty));
        Monitor m = cron("etl", "ETL");
        run(m, 3, "boom", 5);
        cycles();
        run(m, 4, "boom again", 5);
        cycles();
        assertThat(hooks()).extracting(j -> j.path("type").asString()).containsExactly("monitor.failing");
        var events = PAGERDUTY.accepted(routingKey);
        assertThat(events).extracting(io.bugmaster.notify.PagerDutyReceiver.Event::action).containsExactly("trigger", "trigger");
        assertThat(events.get(1).dedupKey()).isEqualTo(events.get(0).dedupKey()).isEqualTo("bugmaster/monitor/" + m.id());
        assertThat(events.get(1).json().path("payload").path("summary").asString()).contains("exit status 4");

        run(m, 0, "ok", 5);
        cycles();
        assertThat(PAGERDUTY.incidents(routingKey)).singleElement().satisfies(i -> assertThat(i.resolved()).isTrue());
        assertThat(hooks()).extracting(j -> j.path("type").asString()).containsExactly("monitor.failing", "monitor.up");
    }

    @Test
    void aFiringSqlMonitorSendsItsRowsAsATableEveryCellEscaped() throws Exception {
        rule("""
                {"name": "Checks", "conditions": [{"id": "monitor_failing"}],
                 "filters": [{"id": "monitor", "attribute": "kind", "match": "eq", "value": "sql"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}, {"id": "notify_email", "targetType": "IssueOwners"}]}"""
                .formatted(channelId));
        var source = dataSources.create(tenant.org().id(), "replica", DataSourceKind.POSTGRESQL, "jdbc:postgresql://127.0.0.1:5/shop",
                "reader", "secret", null);
        MonitorConfig config = new MonitorConfig(Schedule.every(5, "minute"), "UTC", 1, 30, 1, 1,
                new SqlCheck(source.id(), "SELECT checkout_id, submitted_at FROM checkouts", true, Condition.anyRows()), null, null);
        Monitor m = monitors.create(tenant.org().id(), projectId, "incoherent", new MonitorStore.Settings(
                "Checkouts with incoherent order statuses", MonitorKind.SQL, config, "critical", null, false));
        String detail = ApiClient.JSON.writeValueAsString(Map.of("columns", List.of("checkout_id", "submitted_at"),
                "rows", List.of(List.of("c-1", "2023-05-30 14:34:28"), java.util.Arrays.asList(HOSTILE + "\nsecond line", null)),
                "truncated", false));
        Instant at = clock.instant();
        monitors.withLock(m.id(), locked -> {
            long id = store.insertResult(m.id(), at, "firing", 97.0, 97L, 12L, detail);
            return monitors.apply(locked, new MonitorStates.Result(MonitorStates.Outcome.ERROR, MonitorStates.CONDITION, "Records: 97"),
                    at, at.plusSeconds(300), null, 97.0, "result", id);
        });
        cycles();

        JsonNode data = hooks().get(0).path("data");
        String title = "Monitor Firing: [" + project + "] Checkouts with incoherent order statuses, Records: 97";
        assertThat(data.path("title").asString()).isEqualTo(title);
        assertThat(data.path("table").path("columns").toString()).isEqualTo("[\"checkout_id\",\"submitted_at\"]");
        assertThat(data.path("table").path("rows").get(1).get(0).asString()).isEqualTo(HOSTILE + "\nsecond line");
        assertThat(data.path("table").path("rows").get(1).get(1).asString()).isEqualTo("NULL");
        assertThat(data.path("table").path("total").asLong()).isEqualTo(97);

        // IssueOwners of a monitor: the members of its project (the owner, here)
        MimeMessage mail = Mailboxes.await(MAIL, tenant.user().email(), title, 1).get(0);
        List<jakarta.mail.Part> parts = new java.util.ArrayList<>();
        collect(mail, parts);
        String html = parts.stream().filter(p -> type(p).startsWith("text/html")).map(MonitorAlertsContract::content).findFirst()
                .orElseThrow();
        assertThat(html).contains("<th align=\"left\" style=\"border-bottom:1px solid #ddd\">checkout_id</th>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; `tick` | pipe @everyone\nsecond line").doesNotContain("<script>")
                .contains("Showing 2 of 97 rows");
        String text = parts.stream().filter(p -> type(p).startsWith("text/plain")).map(MonitorAlertsContract::content).findFirst()
                .orElseThrow();
        assertThat(text).contains("checkout_id").contains("c-1").contains("2023-05-30 14:34:28").contains("second line");
    }

    @Test
    void pagingOpensAnIncidentKeyedByTheMonitorAndTheRecoveryResolvesIt() {
        String policy = api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/escalation-policies/", """
                {"name": "owner", "escalation_rules": [{"escalation_delay_in_minutes": 5, "targets": [{"type": "user_reference", "id": "%d"}]}]}"""
                .formatted(tenant.user().id())).json().path("id").asString();
        String service = api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/services/",
                "{\"name\": \"Batch\", \"escalation_policy\": {\"id\": \"" + policy + "\"}}").json().path("id").asString();
        rule("""
                {"name": "Page on jobs", "conditions": [{"id": "monitor_down"}, {"id": "monitor_failing"}],
                 "actions": [{"id": "page_service", "service_id": "%s"}]}""".formatted(service));
        Monitor m = cron("billing", "Billing export");
        run(m, 2, "boom", 3);
        cycles();

        JsonNode incident = api.get(tenant.ownerToken(), "/api/0/organizations/" + org + "/incidents/1/").json();
        assertThat(incident.path("title").asString()).isEqualTo("JOB FAILURE: Billing export");
        assertThat(incident.path("urgency").asString()).isEqualTo("high");
        assertThat(incident.path("alerts").get(0).path("dedup_key").asString()).isEqualTo("monitor:" + m.id());

        run(m, 0, "ok", 3);
        cycles();
        JsonNode resolved = api.get(tenant.ownerToken(), "/api/0/organizations/" + org + "/incidents/1/").json();
        assertThat(resolved.path("status").asString()).isEqualTo("resolved");
        assertThat(resolved.path("alerts").get(0).path("status").asString()).isEqualTo("resolved");
    }

    @Test
    void aMonitorPagesItsOwnServiceWithoutAnyRule() {
        String policy = api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/escalation-policies/", """
                {"name": "owner", "escalation_rules": [{"escalation_delay_in_minutes": 5, "targets": [{"type": "user_reference", "id": "%d"}]}]}"""
                .formatted(tenant.user().id())).json().path("id").asString();
        long service = Long.parseLong(api.post(tenant.ownerToken(), "/api/0/organizations/" + org + "/services/",
                "{\"name\": \"Reports\", \"escalation_policy\": {\"id\": \"" + policy + "\"}}").json().path("id").asString());
        Monitor m = monitors.create(tenant.org().id(), projectId, "reports", new MonitorStore.Settings("Reports", MonitorKind.CRON,
                MonitorConfig.cron(Schedule.crontab("0 3 * * *"), "UTC"), "warning", service, false));
        Instant at = clock.instant();
        monitors.withLock(m.id(), locked -> monitors.apply(locked, new MonitorStates.Result(MonitorStates.Outcome.MISSED, null,
                "no check-in since 03:00 (expected at 03:00, 1 min grace)"), at, at.plusSeconds(86_400), null, null, null, null));
        cycles();

        JsonNode incident = api.get(tenant.ownerToken(), "/api/0/organizations/" + org + "/incidents/1/").json();
        assertThat(incident.path("title").asString()).isEqualTo("Missed: Reports");
        assertThat(incident.path("alerts").get(0).path("dedup_key").asString()).isEqualTo("monitor:" + m.id());
        assertThat(hooks()).as("no rule, no channel message").isEmpty();

        run(m, 0, "ok", 3);
        cycles();
        assertThat(api.get(tenant.ownerToken(), "/api/0/organizations/" + org + "/incidents/1/").json().path("status").asString())
                .isEqualTo("resolved");
    }

    @Test
    void aMutedMonitorSendsNothingAndAnotherOrganizationsRuleNeverSeesAMonitor() {
        rule("""
                {"name": "All monitors", "conditions": [{"id": "monitor_down"}, {"id": "monitor_failing"}, {"id": "monitor_recovered"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}, {"id": "notify_email", "targetType": "Member",
                              "targetIdentifier": "%s"}]}""".formatted(channelId, tenant.user().email()));
        Tenant other = newTenant();
        try (Receiver theirs = new Receiver()) {
            long theirChannel = channels.create(other.owner(), other.org().slug(), new ChannelService.NewChannel("theirs", "webhook",
                    Map.of("url", theirs.url("/theirs")))).id();
            ApiClient.Response r = api.post(other.ownerToken(), "/api/0/organizations/" + other.org().slug() + "/alert-rules/", """
                    {"name": "Everything", "conditions": [{"id": "monitor_down"}, {"id": "monitor_failing"}, {"id": "monitor_recovered"}],
                     "actions": [{"id": "notify_channel", "channel": "%d"}]}""".formatted(theirChannel));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);

            Monitor quiet = monitors.mute(cron("quiet", "Quiet"), true);
            run(quiet, 1, "failed", 1);
            run(quiet, 0, "ok", 1);
            Monitor loud = cron("loud", "Loud");
            run(loud, 1, "failed", 1);
            cycles();

            assertThat(hooks()).extracting(j -> j.path("data").path("monitor").asString()).containsExactly("loud");
            Mailboxes.await(MAIL, tenant.user().email(), "JOB FAILURE: Loud", 1);
            assertThat(Mailboxes.to(MAIL, tenant.user().email(), "Quiet")).as("not even its recovery").isEmpty();
            assertThat(theirs.requests()).isEmpty();
        }
    }

    record IssueRow(String title, String culprit, String level, long timesSeen) {}

    List<IssueRow> issuesOfProject() {
        return db.sql("SELECT title, culprit, level, times_seen FROM issues WHERE project_id = ? ORDER BY id").param(projectId)
                .query((rs, n) -> new IssueRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
    }

    @Test
    void aMonitorWithCreateIssueAddsAnEventToItsOwnIssueThatIssueRulesSee() {
        rule("""
                {"name": "New issues", "conditions": [{"id": "first_seen_event"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}]}""".formatted(channelId));
        Monitor m = monitors.create(tenant.org().id(), projectId, "ledger", new MonitorStore.Settings("Ledger close", MonitorKind.CRON,
                MonitorConfig.cron(Schedule.crontab("0 3 * * *"), "UTC"), "critical", null, true));
        Monitor plain = cron("plain", "Plain");
        run(m, 3, "x", 1);
        run(plain, 3, "x", 1);
        List<IssueRow> one = io.bugmaster.testing.Poll.until(java.time.Duration.ofSeconds(30), "the monitor's issue", () -> {
            cycles();
            return issuesOfProject();
        }, rows -> !rows.isEmpty());
        assertThat(one).containsExactly(new IssueRow("Monitor failure: Ledger close", "exit status 3", "fatal", 1));

        run(m, 4, "y", 1); // down still, in other words: one more event of the same issue
        List<IssueRow> two = io.bugmaster.testing.Poll.until(java.time.Duration.ofSeconds(30), "a second event", () -> {
            cycles();
            return issuesOfProject();
        }, rows -> rows.size() == 1 && rows.get(0).timesSeen() == 2);
        assertThat(two).hasSize(1);
        cycles();
        assertThat(hooks()).extracting(j -> j.path("type").asString()).containsExactly("issue.alert");
        assertThat(hooks().get(0).path("data").path("title").asString()).isEqualTo("Monitor failure: Ledger close");
    }

    @Test
    void theRulesApiTakesTheMonitorTriggersAndFilterAndSaysWhatIsWrong() {
        String path = "/api/0/organizations/" + org + "/alert-rules/";
        ApiClient.Response made = api.post(tenant.ownerToken(), path, """
                {"name": "m", "conditions": [{"id": "monitor_down"}],
                 "filters": [{"id": "monitor", "attribute": "kind", "match": "eq", "value": "cron"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}]}""".formatted(channelId));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        assertThat(made.json().path("conditions").get(0).path("id").asString()).isEqualTo("monitor_down");
        assertThat(made.json().path("filters").get(0).toString()).isEqualTo(
                "{\"id\":\"monitor\",\"attribute\":\"kind\",\"match\":\"eq\",\"value\":\"cron\"}");
        ApiClient.Response bad = api.post(tenant.ownerToken(), path, """
                {"name": "m", "conditions": [{"id": "monitor_down"}], "filters": [{"id": "monitor", "attribute": "owner", "value": "x"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}]}""".formatted(channelId));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.detail()).startsWith("filters[0].attribute:");
        ApiClient.Response noValue = api.post(tenant.ownerToken(), path, """
                {"name": "m", "conditions": [{"id": "monitor_down"}], "filters": [{"id": "monitor", "attribute": "slug"}],
                 "actions": [{"id": "notify_channel", "channel": "%d"}]}""".formatted(channelId));
        assertThat(noValue.status()).isEqualTo(400);
        assertThat(noValue.detail()).startsWith("filters[0].value:");
    }

    private static void collect(jakarta.mail.Part part, List<jakarta.mail.Part> out) throws Exception {
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), out);
            }
        } else {
            out.add(part);
        }
    }

    private static String type(jakarta.mail.Part p) {
        try {
            return p.getContentType().toLowerCase(java.util.Locale.ROOT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String content(jakarta.mail.Part p) {
        try {
            return p.getContent().toString().replace("\r\n", "\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
