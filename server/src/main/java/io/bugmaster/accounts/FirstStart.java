package io.bugmaster.accounts;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Secrets;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * First start on an empty database: creates the admin from BUGMASTER_ADMIN_EMAIL and
 * BUGMASTER_ADMIN_PASSWORD (and a full-scope API token from BUGMASTER_ADMIN_TOKEN), with the
 * default organization; without them, logs a one-time setup link instead.
 */
@Component
public class FirstStart implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    private final UserStore users;
    private final OneTimeLinkStore links;
    private final OrganizationService organizations;
    private final ApiTokens tokens;
    private final PasswordEncoder passwordEncoder;
    private final Transactions tx;
    private final Clock clock;
    private final BugmasterProperties props;

    public FirstStart(UserStore users, OneTimeLinkStore links, OrganizationService organizations, ApiTokens tokens,
            PasswordEncoder passwordEncoder, Transactions tx, Clock clock, BugmasterProperties props) {
        this.users = users;
        this.links = links;
        this.organizations = organizations;
        this.tokens = tokens;
        this.passwordEncoder = passwordEncoder;
        this.tx = tx;
        this.clock = clock;
        this.props = props;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        if (props.adminEmail() != null && !props.adminEmail().isBlank()) {
            if (props.adminPassword() == null || props.adminPassword().isBlank()) {
                throw new IllegalStateException("BUGMASTER_ADMIN_EMAIL is set but BUGMASTER_ADMIN_PASSWORD is not: set both, or neither to get a setup link");
            }
            User admin = createAdmin(props.adminEmail(), "Admin", props.adminPassword(), props.defaultOrganization());
            log.info("First start: {}", created(admin.email(), props.defaultOrganization(), props.adminToken()));
            log.info("Log in at {}/login", props.baseUrlTrimmed());
            return;
        }
        String link = newSetupLink();
        log.warn("""

                ============================================================
                No users yet. Create the admin account here (valid {} h, once):
                  {}
                Or restart with BUGMASTER_ADMIN_EMAIL and BUGMASTER_ADMIN_PASSWORD set.
                ============================================================""",
                props.setupLinkLifetime().toHours(), link);
    }

    /** A fresh setup link; any older one stops working, since only the newest was printed. */
    String newSetupLink() {
        return tx.write(() -> {
            Instant now = clock.instant();
            links.listActive(OneTimeLink.Purpose.SETUP).forEach(old -> links.revoke(old.id()));
            String token = Secrets.randomHex(32);
            links.insert(OneTimeLink.Purpose.SETUP, Secrets.sha256Hex(token), null, null, null, null, now,
                    now.plus(props.setupLinkLifetime()));
            return props.baseUrlTrimmed() + "/setup/" + token;
        });
    }

    /** Whether a setup link can still be used (it grants nothing once someone has set up): shown before the setup form. */
    public boolean setupLinkUsable(String token) {
        return setupPending() && findSetupLink(token) != null;
    }

    /** Completes setup from the link: the admin, the organization, the owner membership. Returns the admin. */
    public User completeSetup(String token, String email, String name, String password, String orgName) {
        String validEmail = Validation.email("email", email);
        String validName = Validation.name("name", name);
        String validPassword = Validation.password("password", password);
        String validOrgName = Validation.name("organization", orgName);
        User admin = tx.write(() -> {
            OneTimeLink link = findSetupLink(token);
            if (link == null || !links.markUsed(link.id(), clock.instant()) || users.count() > 0) {
                throw new NotFoundException("this setup link is unknown, used or expired; restart Bugmaster to get a new one");
            }
            return createAdmin(validEmail, validName, validPassword, Validation.slugify(validOrgName), validOrgName);
        });
        log.info("Setup completed: {}", created(admin.email(), Validation.slugify(validOrgName), null));
        return admin;
    }

    /**
     * What a first start created, for the log. Names the token only by its last characters: its
     * secret came from the environment, so whoever set it has it, and a log is no place for it.
     */
    static String created(String adminEmail, String orgSlug, String adminToken) {
        String token = adminToken == null || adminToken.isBlank() ? ""
                : ", and an API token with every scope from BUGMASTER_ADMIN_TOKEN (ending in '"
                        + adminToken.substring(adminToken.length() - 4) + "')";
        return "created the admin " + adminEmail + ", the organization '" + orgSlug + "' with its team '" + orgSlug
                + "' (the admin owns the organization and is on the team)" + token;
    }

    /** Whether nobody has set Bugmaster up yet: the login page then points to the setup link in the log. */
    public boolean setupPending() {
        return users.count() == 0;
    }

    private OneTimeLink findSetupLink(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        return links.findByHash(Secrets.sha256Hex(token))
                .filter(link -> link.purpose() == OneTimeLink.Purpose.SETUP && link.usableAt(clock.instant()))
                .orElse(null);
    }

    private User createAdmin(String email, String name, String password, String orgSlug) {
        return createAdmin(Validation.email("BUGMASTER_ADMIN_EMAIL", email), name,
                Validation.password("BUGMASTER_ADMIN_PASSWORD", password), Validation.slug("BUGMASTER_DEFAULT_ORGANIZATION", orgSlug),
                orgSlug.substring(0, 1).toUpperCase() + orgSlug.substring(1));
    }

    private User createAdmin(String email, String name, String password, String orgSlug, String orgName) {
        return tx.write(() -> {
            User admin = users.insert(email, name, passwordEncoder.encode(password), true, clock.instant()).orElseThrow();
            organizations.createWithOwner(admin.id(), orgName, orgSlug);
            if (props.adminToken() != null && !props.adminToken().isBlank()) {
                tokens.importToken(admin.id(), "admin token (BUGMASTER_ADMIN_TOKEN)", props.adminToken(), List.copyOf(Scopes.ALL));
            }
            return admin;
        });
    }
}
