package io.bugmaster.oncall.people.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.User;
import io.bugmaster.notify.Receiver;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/** A person sets up push in the browser from the account menu, sends a test, and adds "after 5 minutes" by push; the strict CSP holds. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class PagingSettingsBrowserSqliteTest extends BrowserTest {
    static final String PASSWORD = "paging-browser-password";

    @Test
    void aPersonAddsPushSendsATestAndAddsARule() {
        User user = newUser(PASSWORD);
        organizations.create(Actor.session(user.id(), user.email()), "Shop", unique("shop"));
        List<String> consoleErrors = errors();
        try (Receiver ntfy = new Receiver().answering(200, "{\"id\":\"x\",\"event\":\"message\"}"); BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            logIn(page, user.email(), PASSWORD);
            page.locator("details.account summary").click();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Contact methods and paging")).click();
            page.waitForURL("**/settings/paging");
            assertThat(page.locator("#default-rules")).containsText("the default applies");
            assertThat(page.locator("#methods")).containsText(user.email());

            page.getByLabel("Type").selectOption("ntfy");
            page.getByLabel("Name (optional)").fill("My phone");
            page.getByLabel("Address").fill(ntfy.url("/jane-pager"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add contact method")).click();
            assertThat(page.locator("#flash")).containsText("Contact method “My phone” added");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send a test to My phone")).click();
            assertThat(page.locator("#flash")).containsText("Test notification delivered");
            assertThat(ntfy.requests()).hasSize(1);

            page.getByLabel("For pages of").selectOption("high");
            page.getByLabel("By", new Page.GetByLabelOptions().setExact(true)).selectOption(new com.microsoft.playwright.options.SelectOption()
                    .setLabel("Push (ntfy) (My phone)"));
            page.getByLabel("After (minutes; 0 for at once)").fill("5");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add rule")).click();
            assertThat(page.locator("#rules-high")).containsText("After 5 minutes by Push (ntfy) (My phone)");
            assertThat(page.locator("#default-rules")).hasCount(0);
            screenshot(page, "oncall-paging-settings");
        }
        assertThat(consoleErrors).isEmpty();
    }
}
