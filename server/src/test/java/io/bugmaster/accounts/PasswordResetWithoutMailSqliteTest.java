package io.bugmaster.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.SqliteTestDatabase;
import io.bugmaster.web.WebClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/** Without SMTP settings nobody can reset a password by email: the login page says to ask the server's admin. */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class PasswordResetWithoutMailSqliteTest extends IntegrationTest {

    @Test
    void theLoginPageSaysToAskTheAdminAndAskingForALinkIsRefused() {
        WebClient browser = new WebClient(baseUrl());
        assertThat(browser.get("/login").body()).contains("Ask the person who runs this Bugmaster server")
                .doesNotContain("href=\"/password-reset\"");
        HttpResponse<String> page = browser.get("/password-reset");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("cannot send email").doesNotContain("name=\"email\"");
        HttpResponse<String> asked = browser.post("/login", "/password-reset", Map.of("email", ADMIN_EMAIL));
        assertThat(asked.statusCode()).isEqualTo(404);
        assertThat(browser.get("/password-reset/" + "0".repeat(64)).statusCode()).isEqualTo(404);
    }
}
