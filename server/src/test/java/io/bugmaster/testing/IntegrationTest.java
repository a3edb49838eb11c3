package io.bugmaster.testing;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.ApiTokens;
import io.bugmaster.accounts.Invitations;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.accounts.User;
import io.bugmaster.accounts.UserStore;
import io.bugmaster.engine.Engine;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Base of every test that needs the running server. A concrete class picks its database with
 * {@code @ContextConfiguration(initializers = SqliteTestDatabase.class)} or
 * {@code PostgresTestDatabase.class}; Spring then shares one server per database across the run,
 * so tests make their own organizations and users with unique names instead of expecting an
 * empty database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bugmaster.admin-email=" + IntegrationTest.ADMIN_EMAIL,
        "bugmaster.admin-password=" + IntegrationTest.ADMIN_PASSWORD,
        "bugmaster.admin-token=" + IntegrationTest.ADMIN_TOKEN,
        "bugmaster.engine-interval=1h",
        "bugmaster.base-url=http://localhost:8080",
        // notification tests send to receivers on this machine; production refuses loopback targets
        "bugmaster.outbound-allow=localhost,127.0.0.0/8,::1",
        // tests move the clock across weeks; only the weekly report's own tests turn it on
        "bugmaster.weekly-report=off",
        "logging.level.root=WARN", "logging.level.io.bugmaster=INFO"})
@Import(TestClockConfig.class)
public abstract class IntegrationTest {
    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    public static final String ADMIN_TOKEN = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @LocalServerPort
    protected int port;
    @Autowired
    protected MutableClock clock;
    @Autowired
    protected Engine engine;
    @Autowired
    protected OrganizationService organizations;
    @Autowired
    protected ApiTokens apiTokens;
    @Autowired
    protected UserStore users;
    @Autowired
    protected Invitations invitations;
    @Autowired
    protected PasswordEncoder passwordEncoder;

    /** Slack's Web API is the shared local fake ({@link FakeSlack}); each test makes its own workspace there. */
    @org.springframework.test.context.DynamicPropertySource
    static void slackApi(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("bugmaster.slack-api-url", () -> FakeSlack.shared().url());
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A unique lower-case name, for slugs and emails that must not collide with other tests. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    /** A person with a password, logged in nowhere yet. */
    protected User newUser(String password) {
        String email = unique("user") + "@example.com";
        return users.insert(email, "Test " + email, passwordEncoder.encode(password), false, clock.instant()).orElseThrow();
    }

    /** A new organization owned by a new user; returns the owner as a session caller. */
    protected Tenant newTenant() {
        User owner = newUser("password-" + UUID.randomUUID());
        Actor actor = Actor.session(owner.id(), owner.email());
        Organization org = organizations.create(actor, "Org " + unique("o"), unique("org"));
        return new Tenant(org, owner, actor, token(actor, List.copyOf(Scopes.ALL)));
    }

    /** An API token of the given caller with the given scopes. */
    protected String token(Actor actor, List<String> scopes) {
        return apiTokens.create(actor, "test", scopes, null).plainText();
    }

    /** Adds a new user with a role to a tenant's organization and returns a full-scope token of that user. */
    protected String memberToken(Tenant tenant, Role role) {
        User user = newUser("password-" + UUID.randomUUID());
        join(tenant.owner(), tenant.org().slug(), user, role);
        return token(Actor.session(user.id(), user.email()), List.copyOf(Scopes.ALL));
    }

    /**
     * Makes a user who has an account a member of an organization the way people do it: the inviter
     * invites the address, and the user, logged in, accepts through the link.
     */
    protected void join(Actor inviter, String orgSlug, User user, Role role, String... teamSlugs) {
        Invitations.Invited invited = organizations.addMember(inviter, orgSlug, user.email(), role.id(), List.of(teamSlugs));
        String link = invited.emailed() ? invitationLinkSentTo(user.email()) : invited.inviteLink();
        invitations.acceptAs(Actor.session(user.id(), user.email()), inviteToken(link));
    }

    /**
     * On a server with SMTP set up, the invitation link is only in the email to the invited address:
     * a test whose server sends email reads it from its mailbox here.
     */
    protected String invitationLinkSentTo(String email) {
        throw new IllegalStateException("this server emails invitation links (to " + email + "): override invitationLinkSentTo"
                + " to read the link from the test's mailbox");
    }

    /** The token at the end of an invitation link. */
    protected static String inviteToken(String inviteLink) {
        return inviteLink.substring(inviteLink.lastIndexOf('/') + 1);
    }

    /** An organization with its owner and the owner's full-scope token. */
    public record Tenant(Organization org, User user, Actor owner, String ownerToken) {}
}
