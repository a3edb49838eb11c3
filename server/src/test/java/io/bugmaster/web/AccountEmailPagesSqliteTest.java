package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.User;
import io.bugmaster.testing.Mailboxes;
import io.bugmaster.testing.SqliteTestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The account email pages in Chromium, on a server with SMTP set up (GreenMail on loopback): a
 * person who forgot their password follows "Forgot your password?", the link in the email, sets a
 * new password and logs in with it; an admin invites someone and is told the email went. Every page
 * on the way passes the accessibility check (screenshots journey-phone-reset-*.png).
 */
@ContextConfiguration(initializers = SqliteTestDatabase.class)
class AccountEmailPagesSqliteTest extends BrowserTest {
    static final GreenMail MAIL = Mailboxes.startOnLoopback();
    private static final Pattern RESET_LINK = Pattern.compile("http://localhost:8080(/password-reset/[0-9a-f]{64})");

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("bugmaster.smtp-host", () -> "127.0.0.1");
        registry.add("bugmaster.smtp-port", () -> MAIL.getSmtp().getPort());
        registry.add("bugmaster.smtp-security", () -> "none");
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    static String resetPath(String email) throws Exception {
        assertThat(MAIL.waitForIncomingEmail(20_000, 1)).isTrue();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(email))) {
                Matcher link = RESET_LINK.matcher((String) m.getContent());
                assertThat(link.find()).isTrue();
                return link.group(1);
            }
        }
        throw new AssertionError("no email to " + email);
    }

    @Test
    void aPersonResetsAForgottenPasswordAndAnAdminInvitesByEmail() throws Exception {
        User user = newUser("the-forgotten-password");
        Organization org = organizations.create(Actor.session(user.id(), user.email()), "Reset Inc", unique("reset"));
        String check = AccessibilitySqliteTest.check();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        List<String> overflows = new ArrayList<>();
        List<String> consoleErrors = errors();
        try (BrowserContext context = newContext()) {
            Page page = newPage(context, consoleErrors);
            page.navigate(baseUrl() + "/login");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Forgot your password?")).click();
            page.waitForURL(url -> url.endsWith("/password-reset"));
            AccessibilitySqliteTest.audit(page, "reset-ask", check, problems, overflows);
            page.getByLabel("Email").fill(user.email());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Email me a link")).click();
            assertThat(page.getByRole(AriaRole.STATUS).textContent()).contains(user.email(), "we sent it an email");
            AccessibilitySqliteTest.audit(page, "reset-sent", check, problems, overflows);

            page.navigate(baseUrl() + resetPath(user.email()));
            AccessibilitySqliteTest.audit(page, "reset-choose", check, problems, overflows);
            page.getByLabel("New password").fill("the-remembered-password");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set the new password")).click();
            page.waitForURL(url -> url.endsWith("/login"));
            assertThat(page.content()).contains("Your password is changed");
            AccessibilitySqliteTest.audit(page, "reset-done", check, problems, overflows);
            logIn(page, user.email(), "the-remembered-password");

            page.navigate(baseUrl() + "/orgs/" + org.slug() + "/members");
            page.getByLabel("Email").fill(unique("newcomer") + "@example.com");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Invite")).click();
            assertThat(page.getByRole(AriaRole.STATUS).textContent()).contains("Invitation sent to");
            assertThat(page.locator("#invite-link").count()).isZero();
            AccessibilitySqliteTest.audit(page, "members-invited-by-email", check, problems, overflows);
        }
        assertThat(problems.values().stream().flatMap(List::stream).toList()).as(problems.toString()).isEmpty();
        assertThat(overflows).isEmpty();
        assertThat(consoleErrors).isEmpty();
    }
}
