package io.bugmaster.monitors.sources.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.PostgresTestDatabase;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/** The organization's data sources page over real HTTP: add, test the connection (a real PostgreSQL), change, delete. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class DataSourcePagesSqliteTest extends IntegrationTest {
    static final String PASSWORD = "data-source-pages-password";

    Organization org;
    User owner;
    String page;

    @BeforeEach
    void setUp() {
        owner = newUser(PASSWORD);
        org = organizations.create(Actor.session(owner.id(), owner.email()), "Shop", unique("shop"));
        page = "/orgs/" + org.slug() + "/settings/data-sources";
    }

    WebClient logIn(User user) {
        WebClient web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(user.email(), PASSWORD))).endsWith("/");
        return web;
    }

    /** The path a redirect points at. */
    static String path(HttpResponse<?> redirect) {
        return java.net.URI.create(WebClient.location(redirect)).getPath();
    }

    static String replicaUrl() {
        Matcher m = Pattern.compile("jdbc:postgresql://[^:/]+:([0-9]+)/([A-Za-z0-9_]+).*").matcher(PostgresTestDatabase.newDatabaseUrl());
        assertThat(m.matches()).isTrue();
        return "jdbc:postgresql://127.0.0.1:" + m.group(1) + "/" + m.group(2);
    }

    @Test
    void anAdminAddsADataSourceTestsItsConnectionAndSeesTheAnswer() throws Exception {
        WebClient web = logIn(owner);
        assertThat(web.get("/orgs/" + org.slug() + "/settings").body()).contains(page);
        assertThat(web.get(page).body()).contains("No data sources yet").contains("id=\"add-data-source\"");

        HttpResponse<String> added = web.post(page, page, Map.of("name", "shop replica", "kind", "postgresql", "url", replicaUrl(),
                "username", "postgres", "password", "PA55-secret"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(302);
        String sourcePage = path(added);
        assertThat(web.get(sourcePage).body()).contains("added").contains("stored (encrypted)").doesNotContain("PA55-secret")
                .contains("not tested yet");
        HttpResponse<String> tested = web.post(sourcePage, sourcePage + "/test", Map.of());
        assertThat(tested.statusCode()).isEqualTo(302);
        assertThat(web.get(sourcePage).body()).contains("Connection works.");

        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        HttpResponse<String> moved = web.post(sourcePage, sourcePage + "/edit", Map.of("name", "shop replica",
                "url", "jdbc:postgresql://127.0.0.1:" + closed + "/shop", "username", "postgres", "password", ""));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(302);
        web.post(sourcePage, sourcePage + "/test", Map.of());
        String failed = web.get(sourcePage).body();
        assertThat(failed).contains("Connection failed: could not connect to 127.0.0.1:" + closed).contains("stored (encrypted)");
        assertThat(web.get(page).body()).contains("could not connect to 127.0.0.1:" + closed);

        HttpResponse<String> deleted = web.post(sourcePage, sourcePage + "/delete", Map.of());
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(web.get(page).body()).contains("deleted").contains("No data sources yet");
    }

    @Test
    void badInputIsShownNextToTheFieldAndEscaped() {
        WebClient web = logIn(owner);
        HttpResponse<String> bad = web.post(page, page, Map.of("name", "<b>x</b>", "kind", "postgresql",
                "url", "jdbc:postgresql://127.0.0.1/shop?loggerFile=/tmp/<b>", "username", "", "password", ""));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("loggerFile").contains("is not allowed").doesNotContain("<b>x</b>").contains("&lt;b&gt;x&lt;/b&gt;");
        HttpResponse<String> hostile = web.post(page, page, Map.of("name", "<script>alert(1)</script>", "kind", "postgresql",
                "url", "jdbc:postgresql://127.0.0.1/shop", "username", "<i>u</i>", "password", ""));
        assertThat(hostile.statusCode()).isEqualTo(302);
        assertThat(web.get(page).body()).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<i>u</i>");
    }

    @Test
    void aMemberSeesDataSourcesButCannotChangeThemAndFormsNeedTheCsrfToken() {
        WebClient admin = logIn(owner);
        HttpResponse<String> added = admin.post(page, page, Map.of("name", "replica", "kind", "postgresql",
                "url", "jdbc:postgresql://127.0.0.1/shop", "username", "reader", "password", "pw"));
        String sourcePage = path(added);
        assertThat(admin.postRaw(sourcePage + "/delete", Map.of()).statusCode()).as("no CSRF token").isEqualTo(403);

        User member = newUser(PASSWORD);
        join(Actor.session(owner.id(), owner.email()), org.slug(), member, Role.MEMBER);
        WebClient web = logIn(member);
        HttpResponse<String> shown = web.get(page);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("replica").doesNotContain("id=\"add-data-source\"");
        assertThat(web.get(sourcePage).body()).doesNotContain("id=\"edit-data-source\"").doesNotContain("id=\"test-connection\"");
        assertThat(web.post(page, page, Map.of("name", "mine", "kind", "postgresql", "url", "jdbc:postgresql://127.0.0.1/x"))
                .statusCode()).isEqualTo(403);
        assertThat(web.post(sourcePage, sourcePage + "/test", Map.of()).statusCode()).isEqualTo(403);
        assertThat(web.post(sourcePage, sourcePage + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(admin.get(sourcePage).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherOrganizationsDataSourcePageIsNotFound() {
        WebClient admin = logIn(owner);
        String sourcePage = path(admin.post(page, page, Map.of("name", "replica", "kind", "postgresql",
                "url", "jdbc:postgresql://127.0.0.1/shop", "username", "reader", "password", "pw")));
        String id = sourcePage.substring(sourcePage.lastIndexOf('/') + 1);
        User stranger = newUser(PASSWORD);
        Organization theirs = organizations.create(Actor.session(stranger.id(), stranger.email()), "Theirs", unique("theirs"));
        WebClient web = logIn(stranger);
        String theirPage = "/orgs/" + theirs.slug() + "/settings/data-sources/" + id;
        assertThat(web.get(theirPage).statusCode()).isEqualTo(404);
        assertThat(web.get(sourcePage).statusCode()).isIn(403, 404);
    }
}
