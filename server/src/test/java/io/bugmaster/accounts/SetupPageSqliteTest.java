package io.bugmaster.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.testing.TestClockConfig;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/** First start without BUGMASTER_ADMIN_*: the setup link's page creates the admin, once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bugmaster.engine-interval=1h", "logging.level.root=WARN", "logging.level.io.bugmaster.accounts=INFO"})
@Import(TestClockConfig.class)
@ContextConfiguration(initializers = SqliteTestDatabase.class)
@ExtendWith(OutputCaptureExtension.class)
class SetupPageSqliteTest {
    @LocalServerPort
    int port;
    @Autowired
    FirstStart firstStart;

    @Test
    void theSetupLinkCreatesTheAdminAndOrganizationThenStopsWorking(CapturedOutput output) {
        String link = firstStart.newSetupLink();
        String path = link.substring(link.indexOf("/setup/"));
        WebClient web = new WebClient("http://localhost:" + port);

        WebClient visitor = new WebClient("http://localhost:" + port);
        assertThat(WebClient.location(visitor.get("/"))).endsWith("/login");
        HttpResponse<String> before = visitor.get("/login");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).as("before setup, the start page points to the setup link in the log")
                .contains("Bugmaster is not set up yet", "setup link", "in its log", "BUGMASTER_ADMIN_EMAIL")
                .doesNotContain("name=\"password\"", "Ask an admin");

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
        assertThat(output.getOut()).contains("Setup completed: created the admin boss@example.com, the organization "
                + "'acme-inc' with its team 'acme-inc'");
        assertThat(web.get("/login").body()).contains("Your admin account and organization are ready", "value=\"boss@example.com\"");

        assertThat(WebClient.location(web.login("boss@example.com", "a long enough password"))).endsWith("/");
        assertThat(WebClient.location(web.get("/"))).endsWith("/orgs/acme-inc/projects");

        HttpResponse<String> again = new WebClient("http://localhost:" + port).get(path);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("restart Bugmaster");

        // a link printed by another node, or before another way of setting up won: it grants nothing now
        String late = firstStart.newSetupLink();
        String latePath = late.substring(late.indexOf("/setup/"));
        HttpResponse<String> lateForm = new WebClient("http://localhost:" + port).get(latePath);
        assertThat(lateForm.statusCode()).isEqualTo(404);
        assertThat(lateForm.body()).doesNotContain("Create admin account");
    }
}
