package io.bugmaster.incidents.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.IncidentStatus;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.oncall.policies.PolicyRules;
import io.bugmaster.oncall.schedules.ScheduleService;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.testing.TestSchedules;
import io.bugmaster.web.BrowserTest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * The on-call pages in Chromium: a responder opens the incident from the list, reads the runbook and
 * the alert, acknowledges it and sees the status change; an admin adds an integration and copies its
 * key; the policy form and "who is on call now". The strict CSP holds (no console errors). Screenshots:
 * target/screenshots/oncall-*.png.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class OnCallPagesBrowserSqliteTest extends BrowserTest {
    static final String PASSWORD = "oncall-browser-password";

    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired ScheduleService schedules;
    @Autowired AlertIntake intake;
    @Autowired Incidents incidents;

    @Test
    void aResponderAcknowledgesAnIncidentAndAnAdminSetsUpAService() {
        engine.runOnce();
        User user = newUser(PASSWORD);
        Actor me = Actor.session(user.id(), user.email());
        String org = unique("browser");
        organizations.create(me, "Shop", org);
        User backup = newUser("password-" + unique("b"));
        join(me, org, backup, Role.MEMBER);
        long primary = TestSchedules.weekly(schedules, me, org, "Checkout primary", null,
                clock.instant().minus(Duration.ofDays(1)).atZone(ZoneId.of("Europe/Paris")), List.of(user.id(), backup.id()));
        EscalationPolicy policy = policies.create(me, org, new EscalationPolicies.PolicyInput("Checkout on-call", "Weekdays and nights", 1,
                List.of(new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("schedule_reference", Long.toString(primary))), false),
                        new PolicyRules.RuleInput(10, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(backup.id()))),
                                false))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "checkout");
        body.put("description", "Takes and pays the orders");
        body.put("escalation_policy", Map.of("id", Long.toString(policy.id())));
        body.put("runbook", """
                ## Orders stuck

                1. Look at the queue depth on the [dashboard](https://grafana.example.com/d/orders).
                2. Restart the consumer: `kubectl rollout restart deploy/orders-consumer`.
                3. Still stuck? Escalate to **payments**.

                <script>alert('not run')</script>
                """);
        ServiceDefinition service = services.create(me, org, body);
        AlertIntake.Integration integration = intake.integrationByKey(services.createIntegration(me, org, Long.toString(service.id()),
                "events_api_v2", "Prometheus").integrationKey()).orElseThrow();
        intake.apply(integration, new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, "orders-queue", "<b>Orders queue</b> above 10,000",
                "orders-consumer-7f9c", "critical", null, null, null, null,
                Map.of("queue_depth", 12840, "threshold", 10000, "runbook_hint", "<img src=x onerror=alert(1)>"), List.of(), null, null));
        intake.apply(integration, new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, "disk", "Disk 91% full on db-2", "db-2", "warning",
                null, null, null, null, Map.of(), List.of(), null, null));
        engine.runOnce();
        long number = incidents.list(me, org, List.of(), null, 0, 10).items().stream()
                .filter(v -> v.incident().title().contains("Orders queue")).findFirst().orElseThrow().incident().number();

        List<String> consoleErrors = errors();
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            logIn(page, user.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org + "/issues");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Incidents").setExact(true)).first().click();
            page.waitForURL("**/orgs/" + org + "/incidents");
            assertThat(page.locator("#incident-" + number)).containsText("triggered");
            screenshot(page, "oncall-incidents");

            page.locator("#incident-" + number).getByRole(AriaRole.LINK).nth(1).click();
            page.waitForURL("**/incidents/" + number);
            assertThat(page.locator("#incident-status")).hasText("triggered");
            assertThat(page.locator("#runbook strong")).hasText("payments");
            assertThat(page.locator(".alert-summary").first()).containsText("<b>Orders queue</b>");
            // the top bar with its on-call links still fits a laptop: nothing runs off to the right
            assertThat(((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue()).isLessThanOrEqualTo(1280);
            screenshot(page, "oncall-incident-triggered");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Acknowledge")).click();
            assertThat(page.locator("#incident-status")).hasText("acknowledged");
            assertThat(page.locator("#flash")).containsText("Incident #" + number + " acknowledged");
            assertThat(page.locator("#next-escalation")).containsText("none while acknowledged");
            screenshot(page, "oncall-incident-acknowledged");
            assertThat(incidents.get(me, org, Long.toString(number)).incident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("On call").setExact(true)).click();
            page.waitForURL("**/orgs/" + org + "/oncall");
            assertThat(page.locator("#me-on-call")).isVisible();
            screenshot(page, "oncall-now");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Services").setExact(true)).click();
            page.waitForURL("**/orgs/" + org + "/services");
            screenshot(page, "oncall-services");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("checkout").setExact(true)).click();
            page.locator("#integration-name").fill("Alertmanager production");
            page.locator("#integration-type").selectOption("events_api_v2");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add integration")).click();
            assertThat(page.locator("#integration-key")).hasText(java.util.regex.Pattern.compile("[0-9a-f]{32}"));
            String key = page.locator("#integration-key").textContent();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy integration key")).click();
            assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(key);
            assertThat(intake.integrationByKey(key)).isPresent();
            screenshot(page, "oncall-service-new-key");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit service")).click();
            screenshot(page, "oncall-service-form");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Escalation policies").setExact(true)).first().click();
            page.waitForURL("**/orgs/" + org + "/escalation-policies");
            screenshot(page, "oncall-policies");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New escalation policy")).click();
            page.locator("#name").fill("Checkout on-call");
            page.locator("#levels-0-delay").fill("15");
            page.locator("#levels-0-users").selectOption(Long.toString(backup.id()));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create policy")).click();
            assertThat(page.locator("#name-error")).containsText("already exists");
            assertThat(page.locator("#levels-0-users option:checked")).hasText(backup.email());
            screenshot(page, "oncall-policy-form-rejected");
            page.locator("#name").fill("Payments");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create policy")).click();
            page.waitForURL(url -> url.matches(".*/escalation-policies/\\d+$"));
            assertThat(page.locator("#flash")).containsText("Escalation policy 'Payments' created");
            screenshot(page, "oncall-policy");
        }
        assertThat(consoleErrors).isEmpty();
    }
}
