package io.bugmaster.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.testing.SqliteTestDatabase;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/** An admin's first session in the browser: project, DSN and snippet, API token, invitation accepted by someone else, logout. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class UiJourneySqliteTest extends BrowserTest {

    @Test
    void anAdminSetsUpAProjectATokenAndATeammate() {
        List<String> consoleErrors = errors();
        try (BrowserContext admin = newContext()) {
            Page page = newPage(admin, consoleErrors);

            page.navigate(baseUrl() + "/login");
            screenshot(page, "01-login");
            logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
            assertThat(page).hasURL(baseUrl() + "/orgs/default/projects");
            screenshot(page, "02-projects-empty");

            // create a project
            String projectName = unique("Checkout API");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create project")).click();
            page.getByLabel("Name").fill(projectName);
            page.getByLabel("Team").selectOption("default");
            page.getByLabel("Platform").selectOption("java");
            screenshot(page, "03-project-new");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();
            page.waitForURL("**/settings");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(projectName))).isVisible();

            // its DSN and a copy-paste snippet, with working copy buttons
            String dsn = page.locator("#dsn-primary").textContent();
            assertThat(dsn).matches("http://[0-9a-f]{32}@localhost:8080/\\d+");
            assertThat(page.locator("#java-init")).containsText("options.setDsn(\"" + dsn + "\");");
            assertThat(page.locator("#java-maven")).containsText("<version>8.62.0</version>");
            assertThat(page.locator("#python-init")).hasCount(1);
            page.locator("button[data-copy-target=dsn-primary]").click();
            assertThat(page.locator("button[data-copy-target=dsn-primary]")).hasText("Copied");
            assertThat((String) page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(dsn);
            page.locator("button[data-copy-target=java-init]").click();
            assertThat((String) page.evaluate("() => navigator.clipboard.readText()")).contains("Sentry.init(options -> {");
            screenshot(page, "04-project-settings");

            // disabling and enabling a key goes through htmx (with the CSRF header) and updates the key list in place
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable")).click();
            assertThat(page.locator("#keys .badge")).hasText("Disabled");
            assertThat(page.locator("#flash")).containsText("Key disabled");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enable")).click();
            assertThat(page.locator("#keys .badge")).hasText("Active");

            // a rejected form keeps the input and says what is wrong next to the field
            page.navigate(baseUrl() + "/orgs/default/projects/new");
            page.getByLabel("Name").fill(projectName);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create project")).click();
            assertThat(page.locator("#name-error")).containsText("already exists");
            assertThat(page.getByLabel("Name")).hasValue(projectName);
            screenshot(page, "05-project-new-rejected");

            // an API token, shown once (the account menu of the top bar has the link)
            page.locator(".account summary").click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API tokens")).click();
            page.getByLabel("Name").fill("CI releases");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create token")).click();
            assertThat(page.locator("#new-token")).hasText(Pattern.compile("^[0-9a-f]{64}$"));
            assertThat(page.locator("table.list")).containsText("CI releases");
            screenshot(page, "06-api-token");

            // invite a teammate
            String invitee = unique("new") + "@example.com";
            page.navigate(baseUrl() + "/orgs/default/members");
            page.getByLabel("Email").fill(invitee);
            page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("member");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite")).click();
            String inviteLink = page.locator("#invite-link").textContent();
            assertThat(inviteLink).startsWith("http://localhost:8080/accept/");
            assertThat(page.locator("table.list")).containsText(invitee);
            screenshot(page, "07-members-invited");

            // the teammate accepts in their own browser and logs in
            try (BrowserContext teammate = newContext()) {
                Page other = newPage(teammate, consoleErrors);
                other.navigate(baseUrl() + inviteLink.substring("http://localhost:8080".length()));
                assertThat(other.locator("main")).containsText(invitee);
                screenshot(other, "08-accept-invitation");
                other.getByLabel("Your name").fill("Nia Newcomer");
                other.getByLabel("Password").fill("a good long password");
                other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
                other.waitForURL("**/login");
                assertThat(other.locator("#flash")).containsText("Your account is ready");
                assertThat(other.getByLabel("Email")).hasValue(invitee);
                other.getByLabel("Password").fill("a good long password");
                other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
                other.waitForURL("**/orgs/default/projects");
                assertThat(other.locator(".topbar")).containsText(invitee);
                assertThat(other.locator("main")).containsText(projectName);
                screenshot(other, "09-teammate-projects");
            }

            page.reload();
            assertThat(page.locator("table.list")).containsText("Nia Newcomer");

            page.navigate(baseUrl() + "/orgs/default/teams");
            screenshot(page, "10-teams");
            page.navigate(baseUrl() + "/orgs/default/settings");
            screenshot(page, "11-org-settings");

            // a phone-sized screen
            page.setViewportSize(390, 844);
            page.navigate(page.url().replace("/settings", "/projects"));
            screenshot(page, "12-projects-phone");
            page.setViewportSize(1280, 800);

            page.locator(".account summary").click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
            page.waitForURL("**/login?logout");
            assertThat(page.getByText("You have been logged out.")).isVisible();
            screenshot(page, "13-logged-out");
            page.navigate(baseUrl() + "/orgs/default/projects");
            assertThat(page).hasURL(baseUrl() + "/login");
        }
        assertThat(consoleErrors).as("browser console errors (CSP violations show up here)").isEmpty();
    }
}
