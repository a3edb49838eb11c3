package io.bugmaster.monitors.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorConfig;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorService;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStates;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.Schedule;
import io.bugmaster.monitors.SqlCheck;
import io.bugmaster.monitors.sources.DataSource;
import io.bugmaster.monitors.sources.DataSourceKind;
import io.bugmaster.monitors.sources.DataSources;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The monitor pages over real HTTP: the empty state, the form for each kind and its inline errors,
 * a cron monitor's page (ping URLs, runs with their output), a check's page (value chart, the last
 * result's rows), uptime bars, pause/mute/delete with CSRF, hostile values escaped, viewers and
 * other organizations kept out.
 */
abstract class MonitorPagesContract extends IntegrationTest {
    static final String PASSWORD = "monitor-pages-password";

    @Autowired
    ProjectService projects;
    @Autowired
    MonitorService service;
    @Autowired
    MonitorStore store;
    @Autowired
    DataSources dataSources;

    User user;
    Actor me;
    String org;
    long orgId;
    String project;
    long projectId;
    String base;
    WebClient web;

    @BeforeEach
    void setUp() {
        user = newUser(PASSWORD);
        me = Actor.session(user.id(), user.email());
        org = unique("mon");
        orgId = organizations.create(me, "Monitors", org).id();
        project = unique("jobs");
        projectId = projects.create(me, org, org, "Jobs", project, "java").project().id();
        base = "/orgs/" + org + "/monitors";
        web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
    }

    Map<String, String> cronForm(String slug) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kind", "cron");
        f.put("name", "Nightly report");
        f.put("slug", slug);
        f.put("project", project);
        f.put("schedule_type", "crontab");
        f.put("crontab", "0 3 * * *");
        f.put("interval_value", "5");
        f.put("interval_unit", "minute");
        f.put("timezone", "Europe/Paris");
        f.put("checkin_margin", "5");
        f.put("max_runtime", "30");
        f.put("failure_threshold", "1");
        f.put("recovery_threshold", "1");
        f.put("severity", "error");
        f.put("service", "");
        return f;
    }

    Monitor cron(String slug, String name) {
        return service.create(orgId, projectId, slug, new MonitorStore.Settings(name, MonitorKind.CRON,
                MonitorConfig.cron(Schedule.crontab("0 3 * * *"), "UTC"), "error", null, false));
    }

    @Test
    void anEmptyListTellsHowToStartAndTheNavLinksToIt() {
        String html = web.get(base).body();
        assertThat(html).contains("id=\"monitors-empty\"").contains("curl -fsS").contains("sentry-cli monitors run nightly-report")
                .contains("href=\"/orgs/" + org + "/monitors\" aria-current=\"page\">Monitors</a>").contains("id=\"new-monitor\"");
    }

    @Test
    void aCronMonitorIsCreatedThroughTheFormAndItsPageShowsHowToCheckInAndItsRuns() {
        HttpResponse<String> created = web.post(base + "/new", base + "/new", cronForm("nightly-report"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        assertThat(WebClient.location(created)).endsWith(base + "/nightly-report");
        Monitor m = service.find(orgId, "nightly-report").orElseThrow();
        assertThat(m.config().timezone()).isEqualTo("Europe/Paris");
        assertThat(m.config().checkinMargin()).isEqualTo(5);

        Instant t = clock.instant();
        store.insertCheckIn(projectId, m, "a1", "ok", t.minusSeconds(7200), t.minusSeconds(7100), 100.0, 0, "all good", "ping", "production",
                null, null);
        store.insertCheckIn(projectId, m, "a2", "error", t.minusSeconds(3600), t.minusSeconds(3590), 10.0, 3,
                "<script>alert('out')</script>", "ping", "production", null, null);
        service.withLock(m.id(), locked -> service.apply(locked, new MonitorStates.Result(MonitorStates.Outcome.ERROR, null,
                "exit status 3 <img src=x onerror=alert(1)>"), t, t.plusSeconds(3600), t, null, "check_in", 2L));

        String html = web.get(base + "/nightly-report").body();
        assertThat(html).contains("Monitor &#39;Nightly report&#39; created").contains("id=\"ping-uuid\">http://localhost:8080/ping/"
                + m.pingUuid() + "<").contains("/ping/" + m.pingUuid() + "/fail").contains("sentry-cli monitors run nightly-report")
                .contains("CheckInUtils.withCheckIn(&quot;nightly-report&quot;");
        assertThat(html).contains("id=\"monitor-state\">down<").contains("exit status 3 &lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img src=x");
        assertThat(html).contains("&lt;script&gt;alert(&#39;out&#39;)&lt;/script&gt;").doesNotContain("<script>alert(")
                .contains("1 min 40 s").contains("<rect x=\"1.0\"").contains("class=\"error\"");
        // today's uptime bar is red, with what happened in its tooltip
        assertThat(html).contains("class=\"down\"><title>" + java.time.LocalDate.ofInstant(t, java.time.ZoneOffset.UTC) + ": went down, 1 failing run");

        String list = web.get(base).body();
        assertThat(list).contains(">Nightly report</a>").contains("badge state-down").contains("<code>0 3 * * *</code>")
                .contains("without failures");
        assertThat(web.get(base + "?state=up").body()).contains("No monitor matches these filters.");
        assertThat(web.get(base + "?state=down&project=" + project).body()).contains(">Nightly report</a>");
    }

    @Test
    void badInputIsShownNextToItsFieldWithWhatWasTyped() {
        Map<String, String> bad = cronForm("ok-slug");
        bad.put("crontab", "61 * * * *");
        bad.put("name", "<b>typed</b>");
        HttpResponse<String> r = web.post(base + "/new", base + "/new", bad);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("id=\"crontab-error\"").contains("Not a crontab schedule").contains("value=\"&lt;b&gt;typed&lt;/b&gt;\"")
                .doesNotContain("<b>typed</b>");

        Map<String, String> slug = cronForm("Bad Slug");
        assertThat(web.post(base + "/new", base + "/new", slug).body()).contains("id=\"slug-error\"").contains("lower-case letters");

        Map<String, String> margin = cronForm("margin");
        margin.put("checkin_margin", "soon");
        assertThat(web.post(base + "/new", base + "/new", margin).body()).contains("id=\"checkin_margin-error\"")
                .contains("A whole number from 1 to 40320, got &#39;soon&#39;");

        assertThat(web.post(base + "/new", base + "/new", cronForm("twice")).statusCode()).isEqualTo(302);
        HttpResponse<String> twice = web.post(base + "/new", base + "/new", cronForm("twice"));
        assertThat(twice.statusCode()).isEqualTo(422);
        assertThat(twice.body()).contains("id=\"slug-error\"").contains("exists");

        Map<String, String> sql = cronForm("orders");
        sql.put("kind", "sql");
        sql.put("query", "select 1");
        sql.put("operator", "gt");
        sql.put("threshold", "0");
        sql.put("data_source", "");
        assertThat(web.get(base + "/new?kind=sql").body()).contains("<option value=\"gte\">&gt;=</option>").contains("id=\"query\"")
                .doesNotContain("id=\"checkin_margin\"");
        HttpResponse<String> noSource = web.post(base + "/new?kind=sql", base + "/new", sql);
        assertThat(noSource.statusCode()).isEqualTo(422);
        assertThat(noSource.body()).contains("id=\"data_source-error\"").contains("Choose a data source");
    }

    @Test
    void anSqlMonitorShowsItsValuesAndTheLastRowsEscaped() {
        DataSource ds = dataSources.create(orgId, "replica", DataSourceKind.SQLITE, "jdbc:sqlite:/tmp/none.db", null, null, user.id());
        Map<String, String> f = cronForm("orders");
        f.put("kind", "sql");
        f.put("name", "Incoherent orders");
        f.put("schedule_type", "interval");
        f.put("interval_value", "10");
        f.put("data_source", Long.toString(ds.id()));
        f.put("query", "select id, status from orders where status = 'weird'");
        f.put("value_of", "rows");
        f.put("operator", "gt");
        f.put("threshold", "0");
        HttpResponse<String> created = web.post(base + "/new?kind=sql", base + "/new", f);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        Monitor m = service.find(orgId, "orders").orElseThrow();
        SqlCheck check = m.config().sql();
        assertThat(check.query()).startsWith("select id");
        assertThat(m.config().schedule().describe()).isEqualTo("every 10 minutes");

        Instant t = clock.instant();
        store.insertResult(m.id(), t.minus(Duration.ofHours(2)), "ok", 0.0, 0L, 5L, "{\"columns\":[\"id\"],\"rows\":[],\"truncated\":false}");
        store.insertResult(m.id(), t.minus(Duration.ofHours(1)), "firing", 1.0, 1L, 7L,
                "{\"columns\":[\"id\",\"<i>status</i>\"],\"rows\":[[\"42\",\"<script>alert(1)</script>\"],[\"43\",null]],\"truncated\":true}");
        String html = web.get(base + "/orders").body();
        assertThat(html).contains("Records: <span id=\"last-records\">1</span>").contains("<th scope=\"col\">&lt;i&gt;status&lt;/i&gt;</th>")
                .contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>").doesNotContain("<script>alert(1)").contains("<td>NULL</td>")
                .contains("Only the first rows are kept.").contains("<polyline points=").contains("class=\"threshold\"")
                .contains("fires when &gt; 0");

        store.insertResult(m.id(), t, "error", null, null, 3L, "{\"error\":\"could not connect: <refused>\"}");
        assertThat(web.get(base + "/orders").body()).contains("id=\"last-error\">could not connect: &lt;refused&gt;<");
    }

    @Test
    void pauseMuteAndDeleteNeedTheFormsTokenAndWork() {
        cron("backup", "Backup");
        String page = base + "/backup";
        assertThat(web.postRaw(page + "/pause", Map.of()).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(service.find(orgId, "backup").orElseThrow().state()).isEqualTo(MonitorState.NEW);

        assertThat(web.post(page, page + "/pause", Map.of()).statusCode()).isEqualTo(302);
        assertThat(service.find(orgId, "backup").orElseThrow().state()).isEqualTo(MonitorState.PAUSED);
        assertThat(web.get(page).body()).contains("id=\"pause-toggle\">Resume<");
        assertThat(web.post(page, page + "/resume", Map.of()).statusCode()).isEqualTo(302);
        assertThat(service.find(orgId, "backup").orElseThrow().state()).isEqualTo(MonitorState.NEW);

        assertThat(web.post(page, page + "/mute", Map.of("muted", "true")).statusCode()).isEqualTo(302);
        assertThat(service.find(orgId, "backup").orElseThrow().muted()).isTrue();
        assertThat(web.get(page).body()).contains("id=\"mute-toggle\">Unmute<");
        assertThat(web.post(page, page + "/mute", Map.of("muted", "false")).statusCode()).isEqualTo(302);
        assertThat(service.find(orgId, "backup").orElseThrow().muted()).isFalse();

        String edit = page + "/edit";
        Map<String, String> changed = cronForm("ignored");
        changed.put("name", "Backup (db-1)");
        changed.put("schedule_type", "interval");
        changed.put("interval_value", "2");
        changed.put("interval_unit", "hour");
        assertThat(web.post(edit, edit, changed).statusCode()).isEqualTo(302);
        Monitor m = service.find(orgId, "backup").orElseThrow();
        assertThat(m.name()).isEqualTo("Backup (db-1)");
        assertThat(m.config().schedule().describe()).isEqualTo("every 2 hours");

        assertThat(web.postRaw(page + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(web.post(page, page + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(service.find(orgId, "backup")).isEmpty();
    }

    @Test
    void viewersSeeButCannotChangeAndOtherOrganizationsSeeNothing() {
        cron("guarded", "Guarded");
        User viewer = newUser(PASSWORD);
        join(me, org, viewer, Role.VIEWER);
        WebClient theirs = new WebClient(baseUrl());
        theirs.login(viewer.email(), PASSWORD);
        String page = base + "/guarded";
        String html = theirs.get(page).body();
        assertThat(html).contains("<h1><span>Guarded</span>").doesNotContain("id=\"pause-toggle\"").doesNotContain("id=\"delete-monitor\"");
        assertThat(theirs.get(base).body()).doesNotContain("id=\"new-monitor\"");
        assertThat(theirs.post(page, page + "/pause", Map.of()).statusCode()).isEqualTo(403);
        assertThat(theirs.post(page, page + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(theirs.get(base + "/new").statusCode()).isEqualTo(403);
        assertThat(theirs.get(page + "/edit").statusCode()).isEqualTo(403);
        assertThat(service.find(orgId, "guarded").orElseThrow().state()).isEqualTo(MonitorState.NEW);

        User stranger = newUser(PASSWORD);
        Actor strangerActor = Actor.session(stranger.id(), stranger.email());
        String otherOrg = unique("other");
        organizations.create(strangerActor, "Other", otherOrg);
        WebClient outsider = new WebClient(baseUrl());
        outsider.login(stranger.email(), PASSWORD);
        assertThat(outsider.get(page).statusCode()).isEqualTo(404);
        String theirPage = "/orgs/" + otherOrg + "/monitors/guarded";
        assertThat(outsider.get(theirPage).statusCode()).isEqualTo(404);
        assertThat(outsider.post("/orgs/" + otherOrg + "/monitors", theirPage + "/pause", Map.of()).statusCode()).isEqualTo(404);
        assertThat(service.find(orgId, "guarded").orElseThrow().state()).isEqualTo(MonitorState.NEW);
    }
}
