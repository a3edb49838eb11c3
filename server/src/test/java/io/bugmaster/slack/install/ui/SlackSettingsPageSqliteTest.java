package io.bugmaster.slack.install.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.FakeSlack;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/**
 * The Slack settings page in Chromium, as an admin connecting a workspace for the first time: the
 * manifest to paste into Slack, a token Slack refuses told next to its field, then "Connected to",
 * the secrets masked, and Disconnect behind a confirmation (screenshot slack-settings.png). A member
 * sees the state and no form, and cannot post one.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SlackSettingsPageSqliteTest extends BrowserTest {
    static final String PASSWORD = "slack-settings-password";

    @Test
    void anAdminConnectsTheWorkspaceFromTheManifestAndDisconnectsIt() {
        User owner = newUser(PASSWORD);
        Organization org = organizations.create(Actor.session(owner.id(), owner.email()), "Shop", unique("shop"));
        FakeSlack.Workspace slack = FakeSlack.shared().workspace(unique("acme"));
        List<String> errors = errors();
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, errors);
            logIn(page, owner.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/settings/notifications");
            page.locator("#slack-settings").click();
            assertThat(page.locator("#not-connected")).containsText("No Slack workspace connected");
            String manifest = page.locator("#manifest").textContent();
            assertThat(manifest).contains("url: \"http://localhost:8080/slack/commands\"")
                    .contains("request_url: \"http://localhost:8080/slack/interactions\"")
                    .contains("request_url: \"http://localhost:8080/slack/events\"")
                    .contains("- chat:write\n").contains("- users:read.email\n").contains("- reaction_added\n");

            page.getByLabel("Bot User OAuth Token").fill("xoxb-1234567890-notthisworkspace");
            page.getByLabel("Signing Secret").fill(slack.signingSecret);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect Slack")).click();
            assertThat(page.locator("#bot-token-error")).containsText("Slack refused this token");
            assertThat(page.locator("#not-connected")).isVisible();

            page.getByLabel("Bot User OAuth Token").fill(slack.botToken);
            page.getByLabel("Signing Secret").fill(slack.signingSecret);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Connect Slack")).click();
            assertThat(page.locator("#connected")).containsText("Connected to " + slack.name);
            assertThat(page.locator("main")).not().containsText(slack.botToken);
            assertThat(page.locator("main")).not().containsText(slack.signingSecret);
            assertThat(page.getByLabel("Bot User OAuth Token")).hasValue("");
            settle(page);
            screenshot(page, "slack-settings");

            page.locator("summary", new Page.LocatorOptions().setHasText("Disconnect")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disconnect Slack")).click();
            assertThat(page.locator("#not-connected")).isVisible();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void aMemberSeesWhetherItIsConnectedButCannotChangeIt() {
        User owner = newUser(PASSWORD);
        Actor ownerActor = Actor.session(owner.id(), owner.email());
        Organization org = organizations.create(ownerActor, "Shop", unique("shop"));
        User member = newUser(PASSWORD);
        join(ownerActor, org.slug(), member, Role.MEMBER);
        WebClient web = new WebClient(baseUrl());
        web.login(member.email(), PASSWORD);
        String path = "/orgs/" + org.slug() + "/settings/slack";
        HttpResponse<String> shown = web.get(path);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("No Slack workspace connected").doesNotContain("id=\"slack-connection\"")
                .doesNotContain("id=\"manifest\"");
        FakeSlack.Workspace slack = FakeSlack.shared().workspace(unique("acme"));
        HttpResponse<String> posted = web.post(path, path, Map.of("bot_token", slack.botToken, "signing_secret", slack.signingSecret));
        assertThat(posted.statusCode()).isEqualTo(403);
        assertThat(slack.calls("auth.test")).isEmpty();
    }
}
