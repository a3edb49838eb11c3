package io.bugmaster.slack.people.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.slack.SlackActions;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.testing.FakeSlack;
import io.bugmaster.testing.Poll;
import io.bugmaster.testing.SlackSigned;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * As a person would: a click in Slack gives them the one-time link; they open it in the browser,
 * log in, come back to it and connect; they find the link under Slack accounts, add a Slack direct
 * message contact method whose test reaches their Slack, and unlink. The strict CSP holds throughout.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SlackLinkBrowserSqliteTest extends BrowserTest {
    static final String PASSWORD = "slack-browser-password";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired SlackInstallations installations;

    @Test
    void aPersonConnectsTheirSlackAccountFromTheLinkAndGetsATestPageThere() {
        Tenant tenant = newTenant();
        FakeSlack.Workspace ws = FakeSlack.shared().workspace(unique("ws"));
        installations.save(tenant.owner(), tenant.org().slug(), new SlackInstallations.Settings(ws.botToken, ws.signingSecret, null, null));
        User ana = newUser(PASSWORD);
        join(tenant.owner(), tenant.org().slug(), ana, Role.MEMBER);
        String anaSlack = ws.addUser(unique("ana") + "@slack-only.example");

        String url = ws.responseUrl();
        ObjectNode click = JSON.createObjectNode().put("type", "block_actions").put("response_url", url);
        click.putObject("user").put("id", anaSlack).put("team_id", ws.teamId);
        click.putArray("actions").addObject().put("type", "button").put("action_id", SlackActions.INCIDENT_ACKNOWLEDGE).put("value", "incident:1");
        assertThat(new SlackSigned(baseUrl(), ws.signingSecret).interaction(clock.instant(), click.toString()).status()).isEqualTo(200);
        List<JsonNode> answers = Poll.until(Duration.ofSeconds(20), "the ephemeral answer", () -> ws.responses(url), l -> !l.isEmpty());
        String text = answers.get(0).path("text").asString();
        String link = text.substring(text.indexOf("/slack/link"), text.indexOf('|'));

        List<String> consoleErrors = errors();
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            page.navigate(baseUrl() + link);
            page.waitForURL("**/login");
            page.getByLabel("Email").fill(ana.email());
            page.getByLabel("Password").fill(PASSWORD);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
            page.waitForURL(u -> u.contains("/slack/link"));
            assertThat(page.locator("#connect-question")).containsText(anaSlack);
            assertThat(page.locator("#connect-question")).containsText(ana.email());
            screenshot(page, "slack-connect-link");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect my Slack account")).click();
            assertThat(page.locator("h1")).hasText("Slack account connected");

            page.locator("details.account summary").click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Slack accounts").setExact(true)).click();
            page.waitForURL("**/settings/slack");
            assertThat(page.locator("#slack-links")).containsText(anaSlack);
            assertThat(page.locator("#slack-links")).containsText("by link");

            page.navigate(baseUrl() + "/settings/paging");
            page.getByLabel("Type").selectOption("slack_dm");
            page.getByLabel("Name (optional)").fill("My Slack");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add contact method")).click();
            assertThat(page.locator("#flash")).containsText("Contact method “My Slack” added");
            assertThat(page.locator("#methods")).containsText("your linked Slack account");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send a test to My Slack")).click();
            assertThat(page.locator("#flash")).containsText("Test notification delivered");
            assertThat(ws.messages(ws.dmChannel(anaSlack))).hasSize(1);

            page.navigate(baseUrl() + "/settings/slack");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Unlink " + anaSlack + " in " + tenant.org().name())).click();
            assertThat(page.locator("#flash")).containsText("Slack account unlinked");
            assertThat(page.locator("#no-slack-links")).isVisible();
        }
        assertThat(consoleErrors).isEmpty();
    }
}
