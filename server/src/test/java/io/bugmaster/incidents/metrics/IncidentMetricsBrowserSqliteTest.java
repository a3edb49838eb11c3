package io.bugmaster.incidents.metrics;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Services;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The metrics page in Chromium: reached from the on-call navigation, its tiles and four SVG charts
 * with accessible titles, hostile names shown as text, a count leading to the incidents it counts,
 * the 30/90 days switch and the service filter; an incident's own response times on its page. The
 * strict CSP holds (no console errors). Screenshots: target/screenshots/incident-metrics*.png.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class IncidentMetricsBrowserSqliteTest extends BrowserTest {
    static final String PASSWORD = "metrics-browser-password";

    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired AlertIntake intake;
    @Autowired Incidents incidents;
    @Autowired JdbcClient db;

    @Test
    void anOnCallLeadReadsTheResponseTimesAndFollowsACountToItsIncidents() {
        User lead = newUser(PASSWORD);
        Actor me = Actor.session(lead.id(), lead.email());
        String org = unique("metrics");
        organizations.create(me, "Shop", org);
        User primary = newUser("password-" + unique("p"));
        User secondary = newUser("password-" + unique("s"));
        join(me, org, primary, Role.MEMBER);
        join(me, org, secondary, Role.MEMBER);
        MetricsScenario s = new MetricsScenario(me, org, primary, secondary, organizations, services, policies, intake, incidents, db, clock,
                engine).play();

        List<String> errors = errors();
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, errors);
            logIn(page, lead.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org + "/incidents");
            page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("On call")).getByRole(AriaRole.LINK,
                    new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Metrics")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Incident metrics"))).isVisible();
            assertThat(page.locator("#window")).hasText("in the last 30 days");
            assertThat(page.locator("#tz")).hasValue("UTC");
            assertThat(page.locator("#mtta-median")).hasText("3m");
            assertThat(page.locator("#mttr-median")).hasText("25m");
            assertThat(page.locator("#incident-count")).hasText("4");
            assertThat(page.locator("#never-acknowledged")).hasText("2");
            assertThat(page.locator("svg.bar-chart[role=img]")).hasCount(4);
            assertThat(page.locator("svg.bar-chart title").first()).hasText("Incidents per week");
            assertThat(page.locator("#per-service")).containsText("Search <b>");
            assertThat(page.locator("#per-team")).containsText("Payments <squad>");
            assertThat(page.locator("#on-call-load")).containsText(primary.email());
            assertThat(page.locator("#per-service b")).hasCount(0);
            settle(page);
            screenshot(page, "incident-metrics");

            page.locator("#never-acknowledged").click();
            assertThat(page.locator("#counted-heading")).hasText("Never acknowledged incidents");
            assertThat(page.locator("#counted-incidents tbody tr")).hasCount(2);
            assertThat(page.locator("#counted-" + s.unacknowledged.number())).containsText("Checkout <script>alert(1)</script> slow");
            assertThat(page.locator("#counted-" + s.open.number())).containsText("not yet");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("90 days")).click();
            assertThat(page.locator("#window")).hasText("in the last 90 days");
            page.getByLabel("Service", new Page.GetByLabelOptions().setExact(true)).selectOption(Long.toString(s.search.id()));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
            assertThat(page.locator("#incident-count")).hasText("2");
            assertThat(page.locator("#window")).hasText("in the last 90 days");
            assertThat(page.locator("#mtta-median")).hasText("4m");

            page.locator("#counted-" + s.prioritized.number()).getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions()
                    .setName("#" + s.prioritized.number())).click();
            assertThat(page.locator("#time-to-acknowledge")).hasText("4m");
            assertThat(page.locator("#time-to-resolve")).hasText("open for 1h 1m so far");
            page.navigate(baseUrl() + "/orgs/" + org + "/incidents/" + s.first.number());
            assertThat(page.locator("#time-to-acknowledge")).hasText("2m");
            assertThat(page.locator("#time-to-resolve")).hasText("30m");
            screenshot(page, "incident-metrics-incident");

            // a window without incidents: the weeks are drawn, the other charts say there is nothing
            page.navigate(baseUrl() + "/orgs/" + org + "/incidents/metrics?from=2020-01-01&to=2020-02-01");
            assertThat(page.locator("#incident-count")).hasText("0");
            assertThat(page.locator("svg.bar-chart")).hasCount(1);
            assertThat(page.getByText("No incident in this window.").first()).isVisible();
            // a wrong parameter is a page that names it
            com.microsoft.playwright.Response bad = page.navigate(baseUrl() + "/orgs/" + org + "/incidents/metrics?days=ninety");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(page.locator("main")).containsText("days: a number of days from 1 to 366");
        }
        assertThat(errors).isEmpty();
    }
}
