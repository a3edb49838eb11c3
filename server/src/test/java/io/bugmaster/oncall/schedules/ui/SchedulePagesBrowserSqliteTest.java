package io.bugmaster.oncall.schedules.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/**
 * Someone makes a weekly rotation in the browser, sees the two-week timeline, covers a shift with an
 * override from the schedule's page, takes a calendar feed and finds their shifts; the strict CSP holds
 * and names typed by people are shown as text.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SchedulePagesBrowserSqliteTest extends BrowserTest {

    @Test
    void aRotationIsMadeShownOverriddenAndSubscribedTo() throws Exception {
        List<String> consoleErrors = errors();
        User admin = users.findByEmail(ADMIN_EMAIL).orElseThrow();
        User bob = newUser("bobs-password");
        join(Actor.session(admin.id(), admin.email()), "default", bob, Role.MEMBER);
        String name = "Web <b>primary</b> " + unique("s");
        ZoneId paris = ZoneId.of("Europe/Paris");
        String start = LocalDate.ofInstant(clock.instant(), paris).minusDays(2) + "T09:00";
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
            page.navigate(baseUrl() + "/orgs/default/issues");
            // the top bar's "On call" opens who is on call now; its section's links lead to the schedules
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("On call").setExact(true)).click();
            page.waitForURL("**/orgs/default/oncall");
            page.locator("nav.oncall-nav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Schedules")).click();
            page.waitForURL("**/orgs/default/schedules");
            page.locator("#new-schedule").click();
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
            page.locator("#schedule-zone").selectOption("Europe/Paris");
            page.locator("#layer0-name").fill("Weekly");
            page.locator("#layer0-start").fill(start);
            page.locator("#layer0-turn").fill("1");
            page.locator("#layer0-unit").selectOption("weeks");
            page.locator("#layer0-users").fill(ADMIN_EMAIL + "\n" + bob.email());
            page.locator("#layer0-restrictions").fill("daily 08:00 12h");
            page.locator("#save-schedule").click();
            page.waitForURL("**/orgs/default/schedules/*");
            assertThat(page.locator("h1")).hasText(name);
            assertThat(page.locator("svg.timeline")).isVisible();
            assertThat(page.locator("svg.timeline line.now")).hasCount(1);
            assertThat(page.locator("svg.timeline text.row-label")).hasText(new String[] {"Final", "Weekly"});
            // the restriction leaves the nights empty: the page says nobody is on call then
            assertThat(page.locator("#gaps")).containsText("Nobody is on call");

            page.locator("#override-user").selectOption(String.valueOf(bob.id()));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add override")).click();
            assertThat(page.locator("#flash")).containsText("Override added.");
            assertThat(page.locator("#overrides table")).containsText(bob.name());

            page.locator("#new-feed").click();
            String url = page.locator("#feed-url").textContent();
            assertThat(url).matches(".*/calendar/[0-9a-f]{64}\\.ics");
            HttpResponse<String> feed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(baseUrl() + URI.create(url).getPath())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.body()).contains("BEGIN:VEVENT");
            screenshot(page, "oncall-schedule");

            page.locator("nav.oncall-nav").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Schedules")).click();
            assertThat(page.locator("table.schedules")).containsText(name);
            screenshot(page, "oncall-schedules");
            page.locator("#my-shifts").click();
            page.waitForURL("**/orgs/default/shifts");
            assertThat(page.locator("table.list")).containsText(name);
            screenshot(page, "oncall-my-shifts");
            page.navigate(baseUrl() + "/orgs/default/schedules");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name)).click();
            page.locator("#edit-schedule").click();
            assertThat(page.locator("#layer0-users")).hasValue(ADMIN_EMAIL + "\n" + bob.email());
            assertThat(page.locator("#layer0-restrictions")).hasValue("daily 08:00 12h");
            page.locator("#layer0-users").fill("nobody@example.com");
            page.locator("#save-schedule").click();
            assertThat(page.locator("#form-error")).containsText("'nobody@example.com' is not a member of this organization");
            screenshot(page, "oncall-schedule-form-error");
        }
        assertThat(consoleErrors).isEmpty();
    }
}
