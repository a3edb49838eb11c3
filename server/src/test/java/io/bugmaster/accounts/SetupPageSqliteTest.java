package io.bugmaster.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.testing.TestClockConfig;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** First start without BUGMASTER_ADMIN_*: the setup link's page creates the admin, once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bugmaster.engine-interval=1h", "logging.level.root=WARN"})
@Import(TestClockConfig.class)
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class SetupPageSqliteTest {
    @LocalServerPort
    int port;
    @Autowired
    FirstStart firstStart;

    @Test
    void theSetupLinkCreatesTheAdminAndOrganizationThenStopsWorking() {
        String link = firstStart.newSetupLink();
        String path = link.substring(link.indexOf("/setup/"));
        WebClient web = new WebClient("http://localhost:" + port);

        HttpResponse<String> form = web.get(path);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Create admin account", "Organization name");

        HttpResponse<String> tooShort = web.post(path, path, Map.of("email", "boss@example.com", "name", "Boss",
                "password", "short", "organization", "Acme Inc"));
        assertThat(tooShort.statusCode()).isEqualTo(422);
        assertThat(tooShort.body()).contains("Password must be at least 8 characters.")
                .contains("value=\"boss@example.com\"", "value=\"Acme Inc\"");

        HttpResponse<String> done = web.post(path, path, Map.of("email", "boss@example.com", "name", "Boss",
                "password", "a long enough password", "organization", "Acme Inc"));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(done)).endsWith("/login");
        assertThat(web.get("/login").body()).contains("Your admin account and organization are ready", "value=\"boss@example.com\"");

        assertThat(WebClient.location(web.login("boss@example.com", "a long enough password"))).endsWith("/");
        assertThat(WebClient.location(web.get("/"))).endsWith("/orgs/acme-inc/projects");

        HttpResponse<String> again = new WebClient("http://localhost:" + port).get(path);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("restart Bugmaster");
    }
}
