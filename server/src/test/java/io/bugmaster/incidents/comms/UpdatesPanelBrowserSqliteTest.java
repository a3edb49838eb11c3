package io.bugmaster.incidents.comms;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.Receiver;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The communication panel and the incident settings in Chromium, as an admin sets them up and a
 * member runs an incident: choose the channels and the situation room, post an update that moves
 * the stage, subscribe; hostile text stays text, the room opens in a new tab, no console error.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class UpdatesPanelBrowserSqliteTest extends BrowserTest {
    static final String PASSWORD = "updates-panel-password";

    @Autowired Services services;
    @Autowired AlertIntake intake;
    @Autowired Incidents incidents;
    @Autowired ChannelService channels;
    @Autowired JdbcClient db;

    @Test
    void anAdminChoosesTheChannelsAndAMemberPostsAnUpdateThatMovesTheStage() {
        engine.runOnce();
        Tenant t = newTenant();
        String org = t.org().slug();
        User admin = newUser(PASSWORD);
        join(t.owner(), org, admin, Role.ADMIN);
        User member = newUser(PASSWORD);
        join(t.owner(), org, member, Role.MEMBER);
        try (Receiver slack = new Receiver()) {
            channels.create(t.owner(), org, new ChannelService.NewChannel("#incidents", "slack", Map.of("url", slack.url("/incidents"))));
            channels.create(t.owner(), org, new ChannelService.NewChannel("#tech-incidents", "slack", Map.of("url", slack.url("/tech"))));
            ServiceDefinition orders = services.create(t.owner(), org, Map.of("name", "Orders"));
            intake.apply(intake.integrationByKey(services.createIntegration(t.owner(), org, Long.toString(orders.id()), "events_api_v2", null)
                    .integrationKey()).orElseThrow(), new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, "orders",
                    "Brands see no orders <img src=x onerror=alert(1)>", "test", "critical", null, null, null, null, Map.of(), List.of(), null,
                    null));
            Incident incident = incidents.list(t.owner(), org, List.of(), null, 0, 1).items().get(0).incident();
            db.sql("UPDATE incidents SET priority = 2 WHERE id = ?").param(incident.id()).update(); // as the declare form sets it
            String page = baseUrl() + "/orgs/" + org + "/incidents/" + incident.number();
            List<String> errors = errors();

            try (BrowserContext context = newContext()) {
                Page browser = newPage(context, errors);
                logIn(browser, admin.email(), PASSWORD);
                browser.navigate(page);
                assertThat(browser.locator("#updates-no-channel")).containsText("No stakeholder channel is set");
                browser.locator("#updates-no-channel a").click();
                browser.getByLabel("Situation room (a video call link shown on every incident)").fill("https://meet.example.com/war-room");
                browser.getByLabel("Stakeholder channel (status updates)").selectOption(new com.microsoft.playwright.options.SelectOption()
                        .setLabel("#incidents (Slack)"));
                browser.getByLabel("Tech channel (notes and milestones)").selectOption(new com.microsoft.playwright.options.SelectOption()
                        .setLabel("#tech-incidents (Slack)"));
                browser.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
                assertThat(browser.locator("#flash")).containsText("Incident settings saved.");
                screenshot(browser, "incident-settings");
            }

            try (BrowserContext context = newContext()) {
                Page browser = newPage(context, errors);
                logIn(browser, member.email(), PASSWORD);
                browser.navigate(page);
                Locator room = browser.locator("#situation-room");
                assertThat(room).hasAttribute("href", "https://meet.example.com/war-room");
                assertThat(room).hasAttribute("target", "_blank");
                assertThat(room).hasAttribute("rel", "noopener noreferrer");
                assertThat(browser.locator("#updates-target")).containsText("Updates go to #incidents via Slack");
                assertThat(browser.locator("#update-reminder")).containsText("a reminder goes out in 1 hour (P2");

                browser.getByLabel("Update for stakeholders: what is known, what is being done, when the next update comes")
                        .fill("Cause found: <b>the A/B test</b>. Reverting; next update at 15:30.");
                browser.locator("#update-stage").selectOption("identified");
                browser.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Post status update")).click();
                assertThat(browser.locator("#flash")).containsText("Status update posted (identified): sent to #incidents.");
                assertThat(browser.locator(".status-update-text").first()).hasText("Cause found: <b>the A/B test</b>. Reverting; next update at 15:30.");
                browser.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Subscribe me")).click();
                assertThat(browser.locator(".subscribers")).containsText(member.email());
                assertThat(browser.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unsubscribe me"))).isVisible();
                settle(browser);
                screenshot(browser, "incident-updates-panel");
            }
            assertThat(errors).isEmpty();
            assertThat(incidents.byId(incident.id()).orElseThrow().stage().id()).isEqualTo("identified");
        }
    }
}
