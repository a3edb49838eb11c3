package io.bugmaster.incidents.roles.ui;

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
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.incidents.roles.IncidentRoles;
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
 * The incident page's "Roles and responders" in Chromium: the on-call assigns the incident manager,
 * pages the Orders service's on-call with a message (shown as text, not markup), sees "no answer yet"
 * flip to "answered" once she acknowledges; an admin adds a role in the settings, and a duplicate slug
 * is refused next to its field with what was typed kept. The strict CSP holds (no console errors).
 * Screenshots: target/screenshots/roles-*.png.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class RolesPanelBrowserSqliteTest extends BrowserTest {
    static final String PASSWORD = "roles-browser-password";

    @Autowired Services services;
    @Autowired EscalationPolicies policies;
    @Autowired ScheduleService schedules;
    @Autowired AlertIntake intake;
    @Autowired Incidents incidents;
    @Autowired IncidentRoles roles;

    @Test
    void theOnCallAssignsAManagerAndPagesTheSquadThenAnAdminAddsARole() {
        engine.runOnce();
        User me = newUser(PASSWORD);
        Actor actor = Actor.session(me.id(), me.email());
        String org = unique("roles");
        organizations.create(actor, "Shop", org);
        User carl = newUser("password-" + unique("c"));
        join(actor, org, carl, Role.MEMBER);
        User dana = newUser("password-" + unique("d"));
        join(actor, org, dana, Role.MEMBER);
        long schedule = TestSchedules.weekly(schedules, actor, org, "Orders on-call", null,
                clock.instant().minus(Duration.ofDays(1)).atZone(ZoneId.of("Europe/Paris")), List.of(dana.id()));
        EscalationPolicy squad = policies.create(actor, org, new EscalationPolicies.PolicyInput("Orders squad", null, 0, List.of(
                new PolicyRules.RuleInput(15, List.of(new PolicyRules.TargetInput("schedule_reference", Long.toString(schedule))), false))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Orders");
        body.put("escalation_policy", Map.of("id", Long.toString(squad.id())));
        services.create(actor, org, body);
        EscalationPolicy global = policies.create(actor, org, new EscalationPolicies.PolicyInput("Global on-call", null, 0, List.of(
                new PolicyRules.RuleInput(5, List.of(new PolicyRules.TargetInput("user_reference", Long.toString(me.id()))), false))));
        body = new LinkedHashMap<>();
        body.put("name", "Platform");
        body.put("escalation_policy", Map.of("id", Long.toString(global.id())));
        ServiceDefinition platform = services.create(actor, org, body);
        intake.apply(intake.integrationByKey(services.createIntegration(actor, org, Long.toString(platform.id()), "events_api_v2", null)
                .integrationKey()).orElseThrow(), new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, "orders", "Brands see no orders",
                "support", "critical", null, null, null, null, Map.of(), List.of(), null, null));
        engine.runOnce();
        long number = incidents.list(actor, org, List.of(), null, 0, 10).items().get(0).incident().number();
        long managerRole = roles.of(organizations.access(actor, org).org().id()).get(0).id();

        List<String> consoleErrors = errors();
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            logIn(page, me.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org + "/incidents/" + number);
            assertThat(page.locator("#roles")).containsText("Incident manager");
            assertThat(page.locator("#roles")).containsText("Nobody was asked to respond yet.");
            assertThat(page.locator("#role-" + managerRole + " .role-holder")).hasText("nobody");

            page.locator("#assign-role").selectOption("incident_manager");
            page.locator("#assign-user").selectOption(Long.toString(carl.id()));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Assign")).click();
            assertThat(page.locator("#flash")).containsText("is Incident manager now; they are notified");
            assertThat(page.locator("#role-" + managerRole + " .role-holder")).containsText(carl.email());
            assertThat(page.locator("#role-" + managerRole)).containsText("just now");

            page.locator("#roles summary", new Page.LocatorOptions().setHasText("Add responders")).click();
            page.locator("#responder-target").selectOption("service:" + services.list(actor, org, 0, 10).items().stream()
                    .filter(s -> s.name().equals("Orders")).findFirst().orElseThrow().id());
            page.locator("#responder-message").fill("<script>alert(1)</script> Can you look at the order queue?");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Page them")).click();
            assertThat(page.locator("#flash")).containsText("Paged ");
            assertThat(page.locator(".responder").first()).containsText("(service Orders, policy Orders squad, schedule Orders on-call)");
            assertThat(page.locator(".responder").first()).containsText("<script>alert(1)</script> Can you look at the order queue?");
            assertThat(page.locator(".responder-waiting")).hasText("no answer yet");
            screenshot(page, "roles-panel-paged");

            clock.advance(Duration.ofMinutes(4));
            incidents.acknowledge(Actor.session(dana.id(), dana.email()), org, Long.toString(number), "web");
            page.reload();
            assertThat(page.locator(".responder").first()).containsText("paged 4 minutes ago");
            assertThat(page.locator(".responder-answered")).containsText("answered at");
            screenshot(page, "roles-panel-answered");

            page.navigate(baseUrl() + "/orgs/" + org + "/settings");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Incident roles")).click();
            page.waitForURL("**/settings/incident-roles");
            page.locator("#name").fill("Communications lead");
            page.locator("#description").fill("Writes the status updates");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add role")).click();
            assertThat(page.locator("#flash")).containsText("Role Communications lead added");
            assertThat(page.locator("main")).containsText("communications_lead");

            page.locator("#name").fill("Manager again");
            page.locator("#slug").fill("incident_manager");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add role")).click();
            assertThat(page.locator("#slug-error")).containsText("exists already");
            assertThat(page.locator("#name")).hasValue("Manager again");
            screenshot(page, "roles-settings");

            page.navigate(baseUrl() + "/orgs/" + org + "/incidents/" + number);
            assertThat(page.locator("#assign-role option")).containsText(new String[] {"Incident manager", "Global on-call",
                    "Escalated squad member", "Communications lead"});
        }
        assertThat(consoleErrors).isEmpty();
    }
}
