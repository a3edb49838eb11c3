package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.SqliteTestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/** Names are user input: markup in them is shown as text on every page, and never runs. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class EscapingSqliteTest extends BrowserTest {
    static final String MARKUP = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;";

    @Autowired
    ProjectService projects;

    @Test
    void markupInOrganizationTeamProjectAndPersonNamesRendersAsText() {
        String email = unique("xss") + "@example.com";
        User user = users.insert(email, MARKUP, passwordEncoder.encode("xss-user-password"), false, clock.instant()).orElseThrow();
        Actor actor = Actor.session(user.id(), user.email());
        Organization org = organizations.create(actor, MARKUP, unique("xss-org"));
        String team = unique("xss-team");
        organizations.createTeam(actor, org.slug(), MARKUP, team);
        String project = unique("xss-project");
        projects.create(actor, org.slug(), team, MARKUP, project, "java");
        // a second organization, so the switcher lists the first by name too
        organizations.create(actor, "Second " + unique("org"), unique("second"));

        List<String> dialogs = new ArrayList<>();
        List<String> consoleErrors = errors();
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            page.onDialog(dialog -> {
                dialogs.add(dialog.message());
                dialog.dismiss();
            });
            logIn(page, email, "xss-user-password");
            String base = baseUrl() + "/orgs/" + org.slug();
            for (String path : List.of("/projects", "/projects/" + project + "/settings", "/teams", "/members", "/settings",
                    "/projects/new")) {
                Response response = page.navigate(base + path);
                assertThat(response.status()).as(path).isEqualTo(200);
                String html = response.text();
                assertThat(html).as(path).contains(ESCAPED).doesNotContain("<script>alert", "<img src=x");
                assertThat(page.locator("img").count()).as(path + ": no injected image").isZero();
            }
            page.navigate(base + "/projects/" + project + "/settings");
            assertThat(page.locator("h1").textContent()).isEqualTo(MARKUP);
            screenshot(page, "20-escaped-names");
            settle(page); // an injected handler would have fired by now
        }
        assertThat(dialogs).as("alerts from injected markup").isEmpty();
        assertThat(consoleErrors).isEmpty();
    }
}
