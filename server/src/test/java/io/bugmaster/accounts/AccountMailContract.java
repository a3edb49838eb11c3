package io.bugmaster.accounts;

import static io.bugmaster.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.bugmaster.common.Secrets;
import io.bugmaster.testing.ApiClient;
import io.bugmaster.testing.IntegrationTest;
import io.bugmaster.testing.Mailboxes;
import io.bugmaster.web.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Account emails over a real SMTP server (GreenMail on loopback): with SMTP set up, an invitation's
 * link goes only to the invited address (the inviter's page and API answer never hold it) and
 * works from the email; "Forgot your password?" emails a one-time link that is stored hashed,
 * expires, ends the account's sessions when used, is limited per address and per client, and is
 * asked for with an answer that is the same whether or not the address has an account.
 */
abstract class AccountMailContract extends IntegrationTest {
    /** Runs as long as the test JVM: the servers of both subclasses (cached contexts) send to it. */
    static final GreenMail MAIL = Mailboxes.startOnLoopback();
    private static final Pattern ACCEPT_LINK = Pattern.compile("http://localhost:8080(/accept/[0-9a-f]{64})");
    private static final Pattern RESET_LINK = Pattern.compile("http://localhost:8080(/password-reset/([0-9a-f]{64}))");

    @Autowired JdbcClient db;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        Mailboxes.smtpSettings(registry, MAIL);
    }

    @BeforeEach
    void freshLimits() {
        // each test starts past the request limits' window, whatever the tests before it asked for
        clock.advance(PasswordResets.WINDOW.plusMinutes(1));
    }

    /** An owner with a password to log in with, and an organization. */
    record Owner(User user, String password, Organization org, String token) {}

    Owner owner() {
        String password = "password-" + UUID.randomUUID();
        User user = newUser(password);
        Actor actor = Actor.session(user.id(), user.email());
        Organization org = organizations.create(actor, "Mail " + unique("o"), unique("mail"));
        return new Owner(user, password, org, token(actor, List.copyOf(Scopes.ALL)));
    }

    WebClient loggedIn(String email, String password) {
        WebClient web = new WebClient(baseUrl());
        assertThat(WebClient.location(web.login(email, password))).as("login of " + email).endsWith("/");
        return web;
    }

    @Override
    protected String invitationLinkSentTo(String email) {
        List<MimeMessage> mails = mailTo(email, 1);
        return "http://localhost:8080" + link(ACCEPT_LINK, mails.get(mails.size() - 1)).group(1);
    }

    /** The messages to an address, waiting (bounded) until {@code count} have arrived. */
    static List<MimeMessage> mailTo(String address, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<MimeMessage> found = Arrays.stream(MAIL.getReceivedMessages()).filter(m -> recipient(m).equalsIgnoreCase(address))
                    .toList();
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
            MAIL.waitForIncomingEmail(200, MAIL.getReceivedMessages().length + 1);
        }
    }

    static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of a plain-text message, decoded. */
    static String text(MimeMessage message) {
        try {
            return (String) message.getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Matcher link(Pattern pattern, MimeMessage message) {
        Matcher m = pattern.matcher(text(message));
        assertThat(m.find()).as(text(message)).isTrue();
        return m;
    }

    @Test
    void anInvitationLinkGoesOnlyToTheInvitedAddressAndWorksFromTheEmail() throws Exception {
        Owner alice = owner();
        String members = "/orgs/" + alice.org().slug() + "/members";

        // Invited through the API: the answer says pending, and holds no link.
        String byApi = unique("api") + "@example.com";
        ApiClient.Response invited = new ApiClient(baseUrl()).post(alice.token(),
                "/api/0/organizations/" + alice.org().slug() + "/members/", json("email", byApi));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.json().path("pending").asBoolean()).isTrue();
        assertThat(invited.json().has("inviteLink")).isFalse();
        MimeMessage apiMail = mailTo(byApi, 1).get(0);
        String apiLink = link(ACCEPT_LINK, apiMail).group(1);
        assertThat(invited.body()).doesNotContain(apiLink.substring("/accept/".length()));

        // Invited through the members page: it says the invitation was sent, and shows no link.
        String byForm = unique("form") + "@example.com";
        WebClient aliceWeb = loggedIn(alice.user().email(), alice.password());
        HttpResponse<String> posted = aliceWeb.post(members, members, Map.of("email", byForm, "role", "member"));
        assertThat(WebClient.location(posted)).endsWith(members);
        String page = aliceWeb.get(members).body();
        assertThat(page).contains("Invitation sent to " + byForm).doesNotContain("invite-link").contains("Bugmaster emails");
        MimeMessage formMail = mailTo(byForm, 1).get(0);
        assertThat(formMail.getSubject()).contains(alice.org().name());
        assertThat(text(formMail)).contains(alice.user().name()).contains("7 days");
        String formLink = link(ACCEPT_LINK, formMail).group(1);
        assertThat(page).doesNotContain(formLink.substring("/accept/".length()));

        // The person behind the address opens the link from the email, creates the account and joins.
        WebClient dave = new WebClient(baseUrl());
        assertThat(dave.get(formLink).body()).contains("Create account and join");
        assertThat(WebClient.location(dave.post(formLink, formLink, Map.of("name", "Dave", "password", "daves-password"))))
                .endsWith("/login");
        WebClient daveWeb = loggedIn(byForm, "daves-password");
        assertThat(daveWeb.get("/orgs/" + alice.org().slug() + "/projects").statusCode()).isEqualTo(200);
        assertThat(dave.get(formLink).statusCode()).as("used").isEqualTo(404);
    }

    @Test
    void onePersonSendsAtMostAHundredInvitationEmailsAnHour() {
        Owner spammer = owner();
        ApiClient api = new ApiClient(baseUrl());
        String members = "/api/0/organizations/" + spammer.org().slug() + "/members/";
        for (int i = 0; i < Invitations.MAX_EMAILS_PER_HOUR; i++) {
            assertThat(api.post(spammer.token(), members, json("email", unique("bulk") + "@example.com")).status()).isEqualTo(201);
        }
        String oneTooMany = unique("late") + "@example.com";
        ApiClient.Response refused = api.post(spammer.token(), members, json("email", oneTooMany));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.detail()).contains("100 invitation emails in the last hour").contains("try again in 60 minutes");
        assertThat(organizations.listMembers(Actor.session(spammer.user().id(), spammer.user().email()), spammer.org().slug(), 0,
                200).items()).extracting(Member::email).doesNotContain(oneTooMany).hasSize(Invitations.MAX_EMAILS_PER_HOUR + 1);
        clock.advance(Duration.ofHours(1));
        assertThat(api.post(spammer.token(), members, json("email", oneTooMany)).status()).isEqualTo(201);
        assertThat(mailTo(oneTooMany, 1)).hasSize(1);
    }

    @Test
    void aForgottenPasswordIsResetThroughAOneTimeEmailedLinkThatEndsTheOtherSessions() throws Exception {
        Owner bob = owner();
        String email = bob.user().email();
        WebClient elsewhere = loggedIn(email, bob.password());
        assertThat(elsewhere.get("/orgs/" + bob.org().slug() + "/projects").statusCode()).isEqualTo(200);

        WebClient browser = new WebClient(baseUrl());
        assertThat(browser.get("/login").body()).contains("href=\"/password-reset\"").doesNotContain("Ask the person who runs");
        HttpResponse<String> asked = browser.post("/password-reset", "/password-reset", Map.of("email", email.toUpperCase()));
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("If <strong>" + email + "</strong> has a Bugmaster account");

        MimeMessage mail = mailTo(email, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("Reset your Bugmaster password");
        Matcher link = link(RESET_LINK, mail);
        String path = link.group(1);
        String token = link.group(2);
        List<String> stored = db.sql("SELECT token_hash FROM one_time_links WHERE purpose = 'PASSWORD_RESET' AND user_id = ?")
                .param(bob.user().id()).query(String.class).list();
        assertThat(stored).as("stored hashed, never as sent").containsExactly(Secrets.sha256Hex(token));

        assertThat(browser.get(path).body()).contains("Choose a new password", email);
        HttpResponse<String> tooShort = browser.post(path, path, Map.of("password", "short"));
        assertThat(tooShort.statusCode()).isEqualTo(422);
        assertThat(tooShort.body()).contains("at least 8 characters");
        HttpResponse<String> changed = browser.post(path, path, Map.of("password", "bobs-new-password"));
        assertThat(WebClient.location(changed)).endsWith("/login");

        assertThat(WebClient.location(elsewhere.get("/orgs/" + bob.org().slug() + "/projects")))
                .as("the session logged in before the reset has ended").endsWith("/login");
        assertThat(WebClient.location(new WebClient(baseUrl()).login(email, bob.password()))).endsWith("/login?error");
        WebClient after = loggedIn(email, "bobs-new-password");
        assertThat(after.get("/orgs/" + bob.org().slug() + "/projects").statusCode()).as("a new session lives").isEqualTo(200);

        HttpResponse<String> again = new WebClient(baseUrl()).get(path);
        assertThat(again.statusCode()).as("used once").isEqualTo(404);
        assertThat(again.body()).contains("unknown, used or expired");
        assertThat(new WebClient(baseUrl()).post("/password-reset", path, Map.of("password", "a-third-password")).statusCode())
                .isEqualTo(404);
        assertThat(canLogIn(email, "a-third-password")).isFalse();
    }

    @Test
    void aResetLinkExpiresAfterThirtyMinutesAndUsingOneEndsTheOthers() {
        Owner carol = owner();
        String email = carol.user().email();
        WebClient browser = new WebClient(baseUrl());
        browser.post("/password-reset", "/password-reset", Map.of("email", email));
        String first = link(RESET_LINK, mailTo(email, 1).get(0)).group(1);
        clock.advance(Duration.ofMinutes(30));
        assertThat(browser.get(first).statusCode()).isEqualTo(404);
        assertThat(browser.post("/password-reset", first, Map.of("password", "carols-late-password")).statusCode()).isEqualTo(404);

        browser.post("/password-reset", "/password-reset", Map.of("email", email));
        String second = link(RESET_LINK, mailTo(email, 2).get(1)).group(1);
        browser.post("/password-reset", "/password-reset", Map.of("email", email));
        String third = link(RESET_LINK, mailTo(email, 3).get(2)).group(1);
        assertThat(WebClient.location(browser.post(third, third, Map.of("password", "carols-new-password")))).endsWith("/login");
        assertThat(browser.get(second).statusCode()).as("ended by using another").isEqualTo(404);
        assertThat(canLogIn(email, "carols-new-password")).isTrue();
    }

    @Test
    void askingAnswersTheSameWhetherOrNotTheAddressHasAnAccountAndIsLimited() {
        Owner erin = owner();
        String known = erin.user().email();
        String unknown = unique("nobody") + "@example.com";
        WebClient browser = new WebClient(baseUrl());
        HttpResponse<String> forKnown = browser.post("/password-reset", "/password-reset", Map.of("email", known));
        HttpResponse<String> forUnknown = browser.post("/password-reset", "/password-reset", Map.of("email", unknown));
        assertThat(forUnknown.statusCode()).isEqualTo(forKnown.statusCode()).isEqualTo(200);
        assertThat(withoutVaryingParts(forUnknown.body(), unknown)).isEqualTo(withoutVaryingParts(forKnown.body(), known));
        assertThat(mailTo(known, 1)).hasSize(1);
        assertThat(Arrays.stream(MAIL.getReceivedMessages()).map(AccountMailContract::recipient)).doesNotContain(unknown);
        assertThat(users.findByEmail(unknown)).isEmpty();

        // three requests per address an hour, for an address with an account or without: the fourth is refused alike
        for (String address : List.of(known, unknown)) {
            browser.post("/password-reset", "/password-reset", Map.of("email", address));
            browser.post("/password-reset", "/password-reset", Map.of("email", address));
            HttpResponse<String> refused = browser.post("/password-reset", "/password-reset", Map.of("email", address));
            assertThat(refused.statusCode()).as(address).isEqualTo(429);
            assertThat(refused.body()).contains("Too many requests for a password reset link: try again in 60 minutes");
        }
        assertThat(mailTo(known, 3)).as("no email for the refused request").hasSize(3);

        // ten requests an hour from one client, whatever the addresses
        clock.advance(PasswordResets.WINDOW);
        for (int i = 0; i < PasswordResets.MAX_PER_CLIENT; i++) {
            assertThat(browser.post("/password-reset", "/password-reset", Map.of("email", unique("spray") + "@example.com"))
                    .statusCode()).isEqualTo(200);
        }
        assertThat(browser.post("/password-reset", "/password-reset", Map.of("email", unique("spray") + "@example.com"))
                .statusCode()).isEqualTo(429);
        clock.advance(PasswordResets.WINDOW);
        assertThat(browser.post("/password-reset", "/password-reset", Map.of("email", "not an address")).statusCode())
                .isEqualTo(422);
    }

    boolean canLogIn(String email, String password) {
        return WebClient.location(new WebClient(baseUrl()).login(email, password)).endsWith("/");
    }

    /** A page without what differs between two requests anyway: the address asked for and the CSRF token. */
    static String withoutVaryingParts(String page, String email) {
        return page.replace(email, "EMAIL").replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "")
                .replaceAll("X-CSRF-TOKEN&quot;:&quot;[^&]+&quot;", "");
    }
}
