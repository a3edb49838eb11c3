package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.User;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/** The web UI's login, CSRF, login throttle, security headers and error pages, over real HTTP. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class WebSecuritySqliteTest extends IntegrationTest {

    @Test
    void theRightPasswordLogsInAndLandsOnTheFirstOrganizationsProjects() {
        WebClient web = new WebClient(baseUrl());
        HttpResponse<String> login = web.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(login)).endsWith("/");

        HttpResponse<String> home = web.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(home)).endsWith("/orgs/default/projects");

        HttpResponse<String> projects = web.get("/orgs/default/projects");
        assertThat(projects.statusCode()).isEqualTo(200);
        assertThat(projects.body()).contains("<h1>Projects</h1>", ADMIN_EMAIL, "Log out");
    }

    @Test
    void aWrongPasswordShowsAnErrorAndKeepsTheEmail() {
        WebClient web = new WebClient(baseUrl());
        HttpResponse<String> login = web.login(ADMIN_EMAIL, "not the password");
        assertThat(WebClient.location(login)).endsWith("/login?error");

        HttpResponse<String> page = web.get("/login?error");
        assertThat(page.body()).contains("Wrong email or password").contains("value=\"" + ADMIN_EMAIL + "\"");
        assertThat(web.get("/orgs/default/projects").statusCode()).as("still logged out").isEqualTo(302);
    }

    @Test
    void pagesNeedALogin() {
        HttpResponse<String> response = new WebClient(baseUrl()).get("/orgs/default/projects");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(response)).endsWith("/login");
    }

    @Test
    void aFormPostedWithoutTheCsrfTokenIsRefused() {
        WebClient web = new WebClient(baseUrl());
        assertThat(web.postRaw("/login", Map.of("username", ADMIN_EMAIL, "password", ADMIN_PASSWORD)).statusCode())
                .isEqualTo(403);

        web.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        HttpResponse<String> rename = web.postRaw("/orgs/default/settings", Map.of("name", "Hijacked"));
        assertThat(rename.statusCode()).isEqualTo(403);
        assertThat(rename.body()).contains("Not allowed").doesNotContain("Exception");
        assertThat(web.get("/orgs/default/settings").body()).doesNotContain("Hijacked");
    }

    @Test
    void tooManyFailedLoginsLockTheEmailFromThisAddressForAWhile() {
        User user = newUser("the-right-password");
        WebClient web = new WebClient(baseUrl());
        for (int i = 1; i < 10; i++) {
            assertThat(WebClient.location(web.login(user.email(), "wrong-" + i))).endsWith("/login?error");
        }
        assertThat(WebClient.location(web.login(user.email(), "wrong-10"))).endsWith("/login?locked=15");

        HttpResponse<String> rightPassword = web.login(user.email(), "the-right-password");
        assertThat(WebClient.location(rightPassword)).as("locked even with the right password").endsWith("/login?locked=15");
        assertThat(web.get("/login?locked=15").body()).contains("Too many attempts: try again in 15 minutes.");

        WebClient otherUser = new WebClient(baseUrl());
        assertThat(WebClient.location(otherUser.login(ADMIN_EMAIL, ADMIN_PASSWORD))).as("other emails unaffected").endsWith("/");

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(WebClient.location(web.login(user.email(), "the-right-password"))).endsWith("/");
    }

    @Test
    void guessingOneAccountFromManyAddressesLocksItExceptInABrowserThatLoggedInBefore() throws Exception {
        User user = newUser("the-right-password");
        WebClient usualBrowser = new WebClient(baseUrl());
        assertThat(WebClient.location(usualBrowser.login(user.email(), "the-right-password"))).endsWith("/");

        for (int i = 1; i < 20; i++) {
            assertThat(new LoopbackAddressClient("127.0.0." + (10 + i), port).login(user.email(), "guess-" + i))
                    .as("guess " + i + " from its own address").endsWith("/login?error");
        }
        assertThat(new LoopbackAddressClient("127.0.0.30", port).login(user.email(), "guess-20")).endsWith("/login?locked=15");
        assertThat(new LoopbackAddressClient("127.0.0.31", port).login(user.email(), "the-right-password"))
                .as("locked from any address, even with the right password").endsWith("/login?locked=15");
        assertThat(WebClient.location(new WebClient(baseUrl()).login(user.email(), "the-right-password")))
                .as("a new browser on a clean address too").endsWith("/login?locked=15");

        assertThat(WebClient.location(usualBrowser.login(user.email(), "the-right-password")))
                .as("the owner's usual browser still gets in").endsWith("/");

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(new LoopbackAddressClient("127.0.0.32", port).login(user.email(), "the-right-password")).endsWith("/");
    }

    @Test
    void pagesCarrySecurityHeaders() {
        HttpResponse<String> page = new WebClient(baseUrl()).get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(page.body()).doesNotContain("<script>", "style=\"");
    }

    @Test
    void overAPlainHttpBaseUrlThereIsNoHstsAndCookiesAreNotSecure() {
        HttpResponse<String> page = new WebClient(baseUrl()).get("/login");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(page.headers().allValues("Set-Cookie")).isNotEmpty().noneMatch(cookie -> cookie.contains("Secure"));
    }

    @Test
    void staticFilesAndHtmxAreServedWithoutALogin() {
        WebClient web = new WebClient(baseUrl());
        assertThat(web.get("/static/css/app.css").statusCode()).isEqualTo(200);
        assertThat(web.get("/static/js/app.js").statusCode()).isEqualTo(200);
        assertThat(web.get("/webjars/htmx.org/2.0.10/dist/htmx.min.js").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownSetupLinkSaysToRestartBugmaster() {
        HttpResponse<String> page = new WebClient(baseUrl()).get("/setup/0123456789abcdef");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("restart Bugmaster");
    }

    @Test
    void anUnknownInvitationLinkSaysWhomToAsk() {
        HttpResponse<String> page = new WebClient(baseUrl()).get("/accept/0123456789abcdef");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("ask an admin of the organization for a new one");
    }

    @Test
    void missingThingsGetAFriendlyNotFoundPageWithoutInternals() {
        WebClient web = new WebClient(baseUrl());
        web.login(ADMIN_EMAIL, ADMIN_PASSWORD);
        HttpResponse<String> org = web.get("/orgs/no-such-org/projects");
        assertThat(org.statusCode()).isEqualTo(404);
        assertThat(org.body()).contains("Not found", "organization &#39;no-such-org&#39; not found", "Go to your projects")
                .doesNotContain("Exception", "at io.bugmaster");

        HttpResponse<String> unmapped = web.get("/no/such/page");
        assertThat(unmapped.statusCode()).isEqualTo(404);
        assertThat(unmapped.body()).contains("There is no page at this address").doesNotContain("Whitelabel");
    }

    @Test
    void aRoleThatLacksAPermissionGetsA403SayingWhichRoleIsNeeded() {
        Tenant tenant = newTenant();
        User viewer = newUser("viewer-password");
        join(tenant.owner(), tenant.org().slug(), viewer, io.bugmaster.accounts.Role.VIEWER);
        WebClient web = new WebClient(baseUrl());
        web.login(viewer.email(), "viewer-password");
        String settings = "/orgs/" + tenant.org().slug() + "/settings";
        HttpResponse<String> rename = web.post(settings, settings, Map.of("name", "Renamed by a viewer"));
        assertThat(rename.statusCode()).isEqualTo(403);
        assertThat(rename.body()).contains("This needs the Admin role or higher");
    }
}
