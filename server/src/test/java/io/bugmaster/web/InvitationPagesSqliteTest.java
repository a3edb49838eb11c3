package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.SqliteTestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/**
 * An invitation in the browser, both ways: a new person creates their account through the link;
 * someone who has an account logs in through the link's page and joins. Every page on the way is
 * audited for accessibility (screenshots journey-phone-invitation-*.png).
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class InvitationPagesSqliteTest extends BrowserTest {
    static final String PASSWORD = "invitation-pages-password";

    @Test
    void aNewPersonAndAnExistingAccountAcceptInvitationsInTheBrowser() throws Exception {
        User owner = newUser(PASSWORD);
        Organization org = organizations.create(Actor.session(owner.id(), owner.email()), "Invite Inc", unique("invite"));
        User existing = newUser(PASSWORD);
        String newcomer = unique("new") + "@example.com";
        String check = AccessibilitySqliteTest.check();
        List<String> consoleErrors = errors();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        List<String> overflows = new ArrayList<>();

        String newcomersLink;
        String existingsLink;
        try (BrowserContext admin = newContext()) {
            Page page = newPage(admin, consoleErrors);
            logIn(page, owner.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/members");
            page.getByLabel("Email").fill(newcomer);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Invite").setExact(true)).click();
            newcomersLink = page.locator("#invite-link").textContent();
            assertThat(page.locator("main").textContent()).contains("Invited", newcomer);
            AccessibilitySqliteTest.audit(page, "invitation-members", check, problems, overflows);
            page.getByLabel("Email").fill(existing.email());
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Invite").setExact(true)).click();
            existingsLink = page.locator("#invite-link").textContent();
        }
        String newcomersPath = newcomersLink.substring(newcomersLink.indexOf("/accept/"));
        String existingsPath = existingsLink.substring(existingsLink.indexOf("/accept/"));

        try (BrowserContext browser = newContext()) {
            Page page = newPage(browser, consoleErrors);
            page.navigate(baseUrl() + newcomersPath);
            assertThat(page.locator("h1").textContent()).isEqualTo("Join Invite Inc");
            AccessibilitySqliteTest.audit(page, "invitation-new-account", check, problems, overflows);
            page.getByLabel("Your name").fill("Nina Newcomer");
            page.getByLabel("Password").fill("ninas-own-password");
            page.getByText("Create account and join").click();
            assertThat(page.url()).endsWith("/login");
            logIn(page, newcomer, "ninas-own-password");
            assertThat(page.url()).endsWith("/orgs/" + org.slug() + "/projects");
        }

        try (BrowserContext browser = newContext()) {
            Page page = newPage(browser, consoleErrors);
            page.navigate(baseUrl() + existingsPath);
            AccessibilitySqliteTest.audit(page, "invitation-log-in", check, problems, overflows);
            page.getByText("Log in as " + existing.email()).click();
            assertThat(page.url()).endsWith("/login");
            page.getByLabel("Email").fill(existing.email());
            page.getByLabel("Password").fill(PASSWORD);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
            assertThat(page.url()).endsWith(existingsPath);
            AccessibilitySqliteTest.audit(page, "invitation-join", check, problems, overflows);
            page.getByText("Join Invite Inc").last().click();
            assertThat(page.url()).endsWith("/orgs/" + org.slug() + "/projects");
            assertThat(page.locator("body").textContent()).contains("You joined Invite Inc.");
        }

        try (BrowserContext other = newContext()) {
            Page page = newPage(other, consoleErrors);
            logIn(page, owner.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/members");
            User someoneElse = newUser(PASSWORD);
            page.getByLabel("Email").fill(someoneElse.email());
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Invite").setExact(true)).click();
            String link = page.locator("#invite-link").textContent();
            page.navigate(baseUrl() + link.substring(link.indexOf("/accept/")));
            assertThat(page.locator("main").textContent()).contains("You are logged in as");
            AccessibilitySqliteTest.audit(page, "invitation-other-account", check, problems, overflows);
        }

        problems.values().removeIf(List::isEmpty);
        assertThat(problems).as("accessibility problems, by page").isEmpty();
        assertThat(overflows).as("pages wider than a 390 px phone").isEmpty();
        assertThat(consoleErrors).as("browser console errors").isEmpty();
    }
}
