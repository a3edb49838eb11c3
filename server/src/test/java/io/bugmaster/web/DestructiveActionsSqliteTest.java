package io.bugmaster.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ApiToken;
import io.bugmaster.accounts.Member;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Team;
import io.bugmaster.accounts.User;
import io.bugmaster.issues.IssueComments;
import io.bugmaster.issues.IssueQueries;
import io.bugmaster.issues.SavedSearch;
import io.bugmaster.issues.SavedSearchService;
import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;

/**
 * Every action that destroys something takes a second, deliberate click that works without JavaScript: the
 * button that does it is hidden until "Delete…", "Revoke…" (and so on) is opened, names what it destroys, and
 * sits in a CSRF-protected form. Run with JavaScript off, so no browser dialog could be doing the asking.
 * Screenshots of each open confirmation in both colour schemes: target/screenshots/confirm-*.png.
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class DestructiveActionsSqliteTest extends BrowserTest {
    static final String PASSWORD = "confirm-password";

    @Autowired ProjectService projects;
    @Autowired ChannelService channels;
    @Autowired IssueQueries issues;
    @Autowired IssueComments comments;
    @Autowired SavedSearchService searches;

    final HttpClient http = HttpClient.newHttpClient();
    User user;
    Actor actor;
    Organization org;
    String slug;
    long projectId;

    @BeforeEach
    void organization() {
        user = newUser(PASSWORD);
        actor = Actor.session(user.id(), user.email());
        org = organizations.create(actor, "Confirm Inc", unique("confirm"));
        slug = unique("shop");
        projectId = projects.create(actor, org.slug(), org.slug(), "Shop", slug, "java").project().id();
    }

    BrowserContext noJavaScript() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false).setViewportSize(1366, 768));
        context.setDefaultTimeout(30_000); // waits for conditions; generous for a busy machine
        return context;
    }

    Page loggedIn(BrowserContext context, User who) {
        Page page = context.newPage();
        logIn(page, who.email(), PASSWORD);
        return page;
    }

    /**
     * The button that destroys is hidden, its form carries the CSRF token; opening the summary shows the button,
     * which is then clicked (after a screenshot in both schemes).
     */
    static void confirm(Page page, String button, String screenshot) {
        Locator destroy = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true).setIncludeHidden(true));
        assertThat(destroy).hasCount(1);
        assertThat(destroy).isHidden();
        assertThat(destroy.locator("xpath=ancestor::form[1]//input[@name='_csrf']")).hasCount(1);
        assertThat(destroy.locator("xpath=ancestor::form[1]")).hasAttribute("method", "post");
        destroy.locator("xpath=ancestor::details[1]/summary").click();
        assertThat(destroy).isVisible();
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("confirm-" + screenshot + "-"
                    + scheme.name().toLowerCase(Locale.ROOT) + ".png")));
        }
        page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
        destroy.click();
        page.waitForLoadState();
    }

    @Test
    void revokingAnApiTokenAsksFirstWithoutJavaScriptAndNeedsTheCsrfToken() {
        ApiToken token = apiTokens.create(actor, "CI upload", List.of("project:releases"), null).token();
        try (BrowserContext context = noJavaScript()) {
            Page page = loggedIn(context, user);
            // the form's CSRF token is what makes the request count: the same request without it is refused
            int forged = page.request().post(baseUrl() + "/settings/tokens/" + token.id() + "/revoke").status();
            assertThat(forged).isEqualTo(403);
            assertThat(apiTokens.list(actor)).extracting(ApiToken::id).contains(token.id());

            page.navigate(baseUrl() + "/settings/tokens");
            confirm(page, "Revoke token “CI upload”", "token");
            assertThat(page.locator("#flash")).containsText("Token revoked");
            assertThat(apiTokens.list(actor)).extracting(ApiToken::id).doesNotContain(token.id());
        }
    }

    @Test
    void deletingAChannelAsksFirstWithoutJavaScript() {
        Channel channel = channels.create(actor, org.slug(), new ChannelService.NewChannel("Ops room", "slack",
                Map.of("url", "https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX")));
        try (BrowserContext context = noJavaScript()) {
            Page page = loggedIn(context, user);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/settings/notifications/" + channel.id());
            confirm(page, "Delete channel “Ops room”", "channel");
            assertThat(channels.list(actor, org.slug(), 0, 10).items()).extracting(Channel::id).doesNotContain(channel.id());
        }
    }

    @Test
    void deletingATeamRemovingAMemberAndWithdrawingAnInvitationAskFirstWithoutJavaScript() {
        Team team = organizations.createTeam(actor, org.slug(), "Payments", "payments");
        User colleague = newUser(PASSWORD);
        join(actor, org.slug(), colleague, Role.MEMBER);
        organizations.addMember(actor, org.slug(), "invited-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com",
                Role.MEMBER.id(), List.of());
        Member invited = members().stream().filter(Member::pending).findFirst().orElseThrow();
        try (BrowserContext context = noJavaScript()) {
            Page page = loggedIn(context, user);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/teams");
            confirm(page, "Delete team “Payments”", "team");
            assertThat(organizations.listTeams(actor, org.slug(), 0, 10).items()).extracting(Team::id).doesNotContain(team.id());

            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/members");
            confirm(page, "Withdraw the invitation for " + invited.email(), "invitation");
            assertThat(members()).extracting(Member::email).doesNotContain(invited.email());

            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/members");
            confirm(page, "Remove " + colleague.email() + " from the organization", "member");
            assertThat(members()).extracting(Member::email).doesNotContain(colleague.email());
        }
    }

    @Test
    void leavingAnOrganizationAsksFirstWithoutJavaScript() {
        User colleague = newUser(PASSWORD);
        join(actor, org.slug(), colleague, Role.MEMBER);
        try (BrowserContext context = noJavaScript()) {
            Page page = loggedIn(context, colleague);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/members");
            confirm(page, "Leave the organization", "leave");
            assertThat(members()).extracting(Member::email).doesNotContain(colleague.email());
        }
    }

    @Test
    void rotatingAClientKeyAsksFirstWithoutJavaScript() {
        ProjectKey key = projects.listKeys(actor, org.slug(), slug).get(0);
        try (BrowserContext context = noJavaScript()) {
            Page page = loggedIn(context, user);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/projects/" + slug + "/settings");
            confirm(page, "Rotate key “" + key.label() + "”", "key");
            List<ProjectKey> keys = projects.listKeys(actor, org.slug(), slug);
            assertThat(keys).hasSize(2);
            assertThat(keys).filteredOn(k -> k.id() == key.id()).singleElement().matches(k -> !k.active());
        }
    }

    @Test
    void deletingACommentAndASavedSearchAskFirstWithoutJavaScript() throws Exception {
        long issueId = sendEvent();
        comments.addComment(actor, org.slug(), String.valueOf(issueId), "Looking into the payment provider's 502s");
        SavedSearch mine = searches.create(actor, org.slug(), SavedSearch.Input.validate("Mine", "is:unresolved assigned:me", "date", "owner"));
        try (BrowserContext context = noJavaScript()) {
            Page page = loggedIn(context, user);
            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues/" + issueId);
            confirm(page, "Delete comment", "comment");
            assertThat(comments.comments(actor, org.slug(), String.valueOf(issueId), 0, 10).items()).isEmpty();

            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/issues");
            confirm(page, "Delete saved search “Mine”", "saved-search");
            assertThat(searches.list(actor, org.slug())).extracting(SavedSearch::id).doesNotContain(mine.id());
        }
    }

    List<Member> members() {
        return organizations.listMembers(actor, org.slug(), 0, 100).items();
    }

    /** One event through the envelope endpoint; returns its issue's id. */
    long sendEvent() throws Exception {
        ProjectKey key = projects.listKeys(actor, org.slug(), slug).get(0);
        String envelope = "{\"event_id\":\"" + UUID.randomUUID().toString().replace("-", "") + "\"}\n{\"type\":\"event\"}\n"
                + "{\"platform\":\"java\",\"level\":\"error\",\"exception\":{\"values\":[{\"type\":\"PaymentException\","
                + "\"value\":\"the payment provider answered 502\"}]}}\n";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/" + projectId
                + "/envelope/?sentry_key=" + key.publicKey())).POST(HttpRequest.BodyPublishers.ofString(envelope)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return issues.listForOrganization(actor, org.slug(), List.of(), "", "date", "", 0, 1).items().get(0).issue().id();
    }
}
