package io.bugmaster.notify.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.notify.Receiver;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/** An admin adds a webhook channel in the browser, sends a test, and sees the delivery; the strict CSP holds. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class ChannelPagesBrowserSqliteTest extends BrowserTest {

    @Test
    void anAdminAddsAWebhookChannelAndSendsATest() {
        List<String> consoleErrors = errors();
        try (Receiver receiver = new Receiver(); BrowserContext admin = newContext()) {
            Page page = newPage(admin, consoleErrors);
            logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notifications").setExact(true)).click();
            page.waitForURL("**/settings/notifications");
            page.locator("summary", new Page.LocatorOptions().setHasText("Webhook")).click();
            page.locator("#webhook-name").fill("Ops receiver");
            page.getByLabel("URL", new Page.GetByLabelOptions().setExact(true)).fill(receiver.url("/hook"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add Webhook channel")).click();
            page.waitForURL("**/settings/notifications/*");
            assertThat(page.locator("#generated-secret")).containsText("whsec_");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send test notification")).click();
            assertThat(page.locator("#flash")).containsText("Test notification delivered");
            assertThat(page.locator("table.list")).containsText("delivered");
            screenshot(page, "notify-channel");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notification channels")).click();
            assertThat(page.locator("table.list")).containsText("Ops receiver");
            screenshot(page, "notify-channels");
            assertThat(receiver.requests()).hasSize(1);
        }
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void anEmailChannelAddedWithoutSmtpSaysItCannotSendAndATestSaysWhy() {
        List<String> consoleErrors = errors();
        try (BrowserContext admin = newContext()) {
            Page page = newPage(admin, consoleErrors);
            logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
            page.navigate(baseUrl() + "/orgs/default/settings/notifications");
            page.locator("summary", new Page.LocatorOptions().setHasText("Email")).click();
            page.locator("#email-name").fill("On-call mail");
            page.getByLabel("Recipients", new Page.GetByLabelOptions().setExact(true)).fill("oncall@example.com");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add Email channel")).click();
            page.waitForURL("**/settings/notifications/*");
            assertThat(page.getByRole(AriaRole.ALERT).filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText("Email is not set up on this server"))).isVisible();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send test notification")).click();
            assertThat(page.locator("#flash")).containsText("Test notification failed (permanent): email is not set up");
            assertThat(page.locator("table.list")).containsText("failed permanent");
            screenshot(page, "notify-email-channel-without-smtp");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Notification channels")).click();
            assertThat(page.locator("table.list")).containsText("Cannot send");
            screenshot(page, "notify-channels-cannot-send");
        }
        assertThat(consoleErrors).isEmpty();
    }
}
