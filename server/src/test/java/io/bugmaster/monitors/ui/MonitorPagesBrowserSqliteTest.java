package io.bugmaster.monitors.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
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
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * The monitor pages in Chromium, on a laptop and a phone: the list with uptime bars, a failing job's
 * runs and output, an SQL monitor's values and rows (hostile cells stay text), pausing from the page.
 * No console errors (the CSP holds). Screenshots: target/screenshots/monitors-*.png.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class MonitorPagesBrowserSqliteTest extends BrowserTest {
    static final String PASSWORD = "monitor-browser-password";

    @Autowired ProjectService projects;
    @Autowired MonitorService service;
    @Autowired MonitorStore store;
    @Autowired DataSources dataSources;

    @Test
    void aTeamReadsItsMonitorsAndPausesOne() {
        User user = newUser(PASSWORD);
        Actor me = Actor.session(user.id(), user.email());
        String org = unique("watch");
        long orgId = organizations.create(me, "Shop", org).id();
        long projectId = projects.create(me, org, org, "Jobs", unique("jobs"), "java").project().id();
        Instant now = clock.instant();

        Monitor job = service.create(orgId, projectId, "nightly-report", new MonitorStore.Settings("Nightly report", MonitorKind.CRON,
                MonitorConfig.cron(Schedule.crontab("0 3 * * *"), "Europe/Paris"), "error", null, false));
        for (int d = 20; d >= 1; d--) {
            Instant at = now.minus(Duration.ofDays(d));
            boolean failed = d == 6 || d == 2;
            long id = store.insertCheckIn(projectId, job, "run" + d, failed ? "error" : "ok", at, at.plusSeconds(60 + d * 7L), 60.0 + d * 7,
                    failed ? 3 : 0, failed ? "Generating report…\n<script>window.__pwned = 1</script>\nERROR: disk full" : "done", "ping",
                    "production", null, null);
            MonitorStates.Result r = failed ? new MonitorStates.Result(MonitorStates.Outcome.ERROR, null, "exit status 3")
                    : MonitorStates.Result.ok();
            service.withLock(job.id(), locked -> service.apply(locked, r, at, at.plus(Duration.ofDays(1)), at, null, "check_in", id));
        }
        var ds = dataSources.create(orgId, "orders replica", DataSourceKind.POSTGRESQL, "jdbc:postgresql://127.0.0.1:1/orders", "ro", "pw",
                user.id());
        Monitor orders = service.create(orgId, projectId, "incoherent-orders", new MonitorStore.Settings("Checkouts with incoherent order statuses",
                MonitorKind.SQL, new MonitorConfig(Schedule.every(10, "minute"), "UTC", 1, 30, 1, 1,
                        new SqlCheck(ds.id(), "select id, status from orders where status = 'paid' and shipped_at is null", true,
                                Condition.anyRows()), null, null), "critical", null, false));
        for (int i = 40; i >= 1; i--) {
            long n = i % 13 == 0 || i == 1 ? 1 : 0;
            Instant at = now.minus(Duration.ofHours(i * 4L));
            long id = store.insertResult(orders.id(), at, n > 0 ? "firing" : "ok", (double) n, n, 20L + i,
                    n > 0 ? "{\"columns\":[\"id\",\"status\"],\"rows\":[[\"1042\",\"<img src=x onerror=window.__pwned=2>\"]],\"truncated\":false}"
                            : "{\"columns\":[\"id\",\"status\"],\"rows\":[],\"truncated\":false}");
            MonitorStates.Result r = n > 0 ? new MonitorStates.Result(MonitorStates.Outcome.ERROR, MonitorStates.CONDITION, "Records: 1")
                    : MonitorStates.Result.ok();
            service.withLock(orders.id(), locked -> service.apply(locked, r, at, at.plus(Duration.ofMinutes(10)), null, (double) n, "result", id));
        }

        List<String> consoleErrors = errors();
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            logIn(page, user.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org + "/issues");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Monitors").setExact(true)).first().click();
            page.waitForURL("**/orgs/" + org + "/monitors");
            assertThat(page.locator("table.monitors")).containsText("Nightly report");
            assertThat(page.locator("svg.uptime rect.down").first()).isAttached();
            screenshot(page, "monitors-list");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Nightly report")).click();
            page.waitForURL("**/monitors/nightly-report");
            assertThat(page.locator("#runs")).containsText("error");
            page.locator("#runs details").first().click();
            settle(page);
            screenshot(page, "monitors-cron");

            page.navigate(baseUrl() + "/orgs/" + org + "/monitors/incoherent-orders");
            assertThat(page.locator("svg.values circle.firing").first()).isAttached();
            screenshot(page, "monitors-sql");

            page.navigate(baseUrl() + "/orgs/" + org + "/monitors/new?kind=sql");
            screenshot(page, "monitors-form-sql");

            page.navigate(baseUrl() + "/orgs/" + org + "/monitors/nightly-report");
            page.locator("#pause-toggle").click();
            assertThat(page.locator("#monitor-state")).hasText("paused");
            settle(page);
            assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);

            page.setViewportSize(390, 844);
            page.navigate(baseUrl() + "/orgs/" + org + "/monitors");
            screenshot(page, "monitors-list-phone");
            page.navigate(baseUrl() + "/orgs/" + org + "/monitors/nightly-report");
            screenshot(page, "monitors-cron-phone");
        }
        assertThat(consoleErrors).isEmpty();
    }
}
