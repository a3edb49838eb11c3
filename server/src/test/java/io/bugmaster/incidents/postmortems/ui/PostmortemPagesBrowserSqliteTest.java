package io.bugmaster.incidents.postmortems.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.BrowserTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * A postmortem written in Chromium: drafted from the incident's page, edited and previewed with
 * hostile Markdown (a script, a javascript: link, raw HTML: all shown as text, nothing runs), saved
 * through review, a stale save from a second tab refused with its text kept, a comment, an overdue
 * action item on the incident's page and in the organization's list. Screenshots:
 * target/screenshots/postmortem-*.png.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class PostmortemPagesBrowserSqliteTest extends BrowserTest {
    static final String PASSWORD = "postmortem-browser-password";
    static final String HOSTILE = """
            ## What happened

            <script>window.pwned = 1</script>
            [the dashboard](javascript:window.pwned=2) and [the runbook](https://wiki.example.com/orders)
            <img src=x onerror="window.pwned=3">

            | Step | Owner |
            | --- | --- |
            | Revert | <b>Ana</b> |
            """;

    @Autowired Services services;
    @Autowired AlertIntake intake;

    @Test
    void aResponderDraftsEditsAndReviewsAPostmortemSafely() {
        engine.runOnce();
        User user = newUser(PASSWORD);
        Actor me = Actor.session(user.id(), user.email());
        String org = unique("pm");
        organizations.create(me, "Shop", org);
        User colleague = newUser("password-" + unique("c"));
        join(me, org, colleague, Role.MEMBER);
        ServiceDefinition s = services.create(me, org, Map.of("name", "Orders"));
        intake.apply(intake.integrationByKey(services.createIntegration(me, org, Long.toString(s.id()), "events_api_v2", null).integrationKey())
                .orElseThrow(), new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, "orders", "Brands see no orders <img src=x onerror=alert(1)>",
                "test", "critical", null, null, null, null, Map.of(), List.of(), null, null));
        engine.runOnce();

        try (BrowserContext context = newContext()) {
            List<String> errors = errors();
            Page page = newPage(context, errors);
            logIn(page, user.email(), PASSWORD);
            page.navigate(baseUrl() + "/orgs/" + org + "/incidents/1");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Draft postmortem")).click();
            page.waitForURL("**/incidents/1/postmortem");
            assertThat(page.locator("#postmortem-state")).hasText("Draft");
            assertThat(page.locator("#pm-title")).hasValue("#1 Brands see no orders <img src=x onerror=alert(1)>");
            Locator rendered = page.locator("#postmortem-rendered");
            assertThat(rendered.locator("table")).hasCount(1);
            assertThat(rendered.locator("table")).containsText("triggered");
            assertThat(rendered).containsText("Brands see no orders <img src=x onerror=alert(1)>");
            assertThat(page.locator("#pm-body")).hasValue(java.util.regex.Pattern.compile(".*\\| Time \\(UTC\\) \\| Event \\| Link \\|.*",
                    java.util.regex.Pattern.DOTALL));

            // preview hostile Markdown: shown as text, nothing runs, the unsafe link has no address
            page.locator("#pm-body").fill(HOSTILE);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
            assertThat(page.locator("#rendered-heading")).hasText("Preview (not saved)");
            settle(page);
            assertThat(rendered).containsText("<script>window.pwned = 1</script>");
            assertThat(rendered).containsText("<img src=x onerror=\"window.pwned=3\">");
            assertThat(rendered.locator("script, img")).hasCount(0);
            assertThat(rendered.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("the runbook")))
                    .hasAttribute("href", "https://wiki.example.com/orders");
            assertThat(rendered.locator("a[href^='javascript']")).hasCount(0);
            assertThat(rendered.locator("table td").nth(1)).hasText("<b>Ana</b>");
            assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
            assertThat(page.locator("#pm-body")).hasValue(HOSTILE);
            screenshot(page, "postmortem-preview");

            // a second tab opens the same version, the first saves, the second's save is refused with its text kept
            Page second = newPage(context, errors);
            second.navigate(baseUrl() + "/orgs/" + org + "/incidents/1/postmortem");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
            assertThat(page.locator(".notice")).hasText("Postmortem saved.");
            assertThat(page.locator("#pm-body")).hasValue(HOSTILE);
            second.locator("#pm-body").fill("My competing edit");
            second.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
            assertThat(second.locator("#postmortem-error")).containsText("saved by someone else");
            assertThat(second.locator("#pm-body")).hasValue("My competing edit");
            screenshot(second, "postmortem-stale-save");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and send for review")).click();
            assertThat(page.locator("#postmortem-state")).hasText("In review");
            page.getByLabel("Add a comment").fill("Should the <b>alert</b> have fired earlier?");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Comment")).click();
            assertThat(page.locator("#comments .comment")).containsText("Should the <b>alert</b> have fired earlier?");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and publish")).click();
            assertThat(page.locator("#postmortem-state")).hasText("Published");
            page.navigate(baseUrl() + "/orgs/" + org + "/postmortems/?query=dashboard");
            assertThat(page.locator("#postmortems tbody tr")).hasCount(1);
            page.getByLabel("Words in the title or text").fill("nothing-like-this");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            assertThat(page.locator(".empty")).hasText("No published postmortem matches.");
            page.navigate(baseUrl() + "/orgs/" + org + "/services/" + s.id());
            assertThat(page.locator("#service-postmortems")).containsText("Brands see no orders");

            // an action item for the colleague, due yesterday: overdue on the incident's page and in the list
            page.navigate(baseUrl() + "/orgs/" + org + "/incidents/1");
            page.locator("#add-action-item summary").click();
            page.getByLabel("What needs doing").fill("Alert when brands see empty order lists");
            page.getByLabel("Owner").selectOption(Long.toString(colleague.id()));
            page.getByLabel("Due").fill(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1).toString());
            page.getByLabel("Ticket").fill("https://tracker.example.com/OPS-12");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add action item")).click();
            Locator item = page.locator("#action-items tbody tr");
            assertThat(item).hasCount(1);
            assertThat(item).containsText(colleague.email());
            assertThat(item).containsText("overdue");
            assertThat(page.locator("#postmortem-state")).containsText("Published");
            screenshot(page, "postmortem-incident-panel");
            page.navigate(baseUrl() + "/orgs/" + org + "/postmortems/actions");
            assertThat(page.locator("#open-actions tbody tr")).containsText("Alert when brands see empty order lists");
            assertThat(page.locator("#open-actions tbody tr.overdue")).hasCount(1);
            screenshot(page, "postmortem-open-actions");
            page.navigate(baseUrl() + "/orgs/" + org + "/incidents/1");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark done: Alert when brands see empty order lists")).click();
            assertThat(page.locator("#action-items tbody tr")).containsText("done");

            assertThat(errors).as("no console errors (a CSP violation would be one)").isEmpty();
        }
    }
}
