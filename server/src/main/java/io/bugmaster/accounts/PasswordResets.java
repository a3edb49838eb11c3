package io.bugmaster.accounts;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Secrets;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * "Forgot your password?", when the server can send email. Asking for a link answers the same
 * whether or not the address has an account: the lookup, the link and the email happen after the
 * answer, on another thread, so neither the words nor the time of the answer tell. The link is
 * random, stored hashed, works once and for {@link #LIFETIME}; using it sets the password, ends
 * every web session of the account and every other reset link. Asking is limited per address
 * asked for and per client address, so the feature cannot flood a mailbox.
 */
@Component
public class PasswordResets {
    static final Duration LIFETIME = Duration.ofMinutes(30);
    /** The period over which requests are counted. */
    static final Duration WINDOW = Duration.ofHours(1);
    /** Requests per address asked for, and per client address, within {@link #WINDOW}. */
    static final int MAX_PER_EMAIL = 3;
    static final int MAX_PER_CLIENT = 10;
    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    private final UserStore users;
    private final OneTimeLinkStore links;
    private final AccountMail mail;
    private final PasswordEncoder passwordEncoder;
    private final TaskExecutor background;
    private final Transactions tx;
    private final Clock clock;
    private final String baseUrl;
    private final RequestLimit perEmail;
    private final RequestLimit perClient;

    public PasswordResets(UserStore users, OneTimeLinkStore links, AccountMail mail, PasswordEncoder passwordEncoder,
            TaskExecutor background, Transactions tx, Clock clock, BugmasterProperties props) {
        this.users = users;
        this.links = links;
        this.mail = mail;
        this.passwordEncoder = passwordEncoder;
        this.background = background;
        this.tx = tx;
        this.clock = clock;
        this.baseUrl = props.baseUrlTrimmed();
        this.perEmail = new RequestLimit(MAX_PER_EMAIL, WINDOW, clock);
        this.perClient = new RequestLimit(MAX_PER_CLIENT, WINDOW, clock);
    }

    /** Refused for now: too many requests for this address or from this client. */
    public static class TooMany extends RuntimeException {
        TooMany(Duration retryAfter) {
            super("too many requests for a password reset link: try again in " + RequestLimit.minutes(retryAfter) + " minutes");
        }
    }

    /** Whether people can reset a forgotten password by email here (SMTP is set up). */
    public boolean available() {
        return mail.enabled();
    }

    /**
     * Asks for a reset link for an address, on behalf of a client (its IP address). Returns the
     * normalized address; the same for every valid address, whether it has an account or not.
     */
    public String request(String email, String client) {
        String address = Validation.email("email", email);
        if (!available()) {
            throw new NotFoundException("this server cannot send email: ask the person who runs it to reset your password");
        }
        Optional<Duration> refused = perClient.take(client).or(() -> perEmail.take(address));
        if (refused.isPresent()) {
            throw new TooMany(refused.get());
        }
        background.execute(() -> issue(address));
        return address;
    }

    /** Makes a link for an active account of this address, if there is one, and emails it. */
    private void issue(String address) {
        try {
            Optional<String> link = tx.write(() -> users.findByEmail(address).filter(User::active).map(user -> {
                String token = Secrets.randomHex(32);
                Instant now = clock.instant();
                links.insert(OneTimeLink.Purpose.PASSWORD_RESET, Secrets.sha256Hex(token), null, user.id(), user.email(), null, now,
                        now.plus(LIFETIME));
                return baseUrl + "/password-reset/" + token;
            }));
            if (link.isEmpty()) {
                log.info("a password reset was asked for an address with no account; nothing sent");
                return;
            }
            mail.send(AccountMessages.passwordReset(address, link.get(), LIFETIME));
            log.info("password reset link emailed to {}", address);
        } catch (RuntimeException e) {
            log.warn("the password reset link for {} could not be sent: {}", address, e.getMessage());
        }
    }

    /** The address whose password a link resets, while the link works. */
    public String emailOf(String token) {
        return usable(token).email();
    }

    /**
     * Sets a new password through a link, once: the link is used up, the account's other reset
     * links stop working, and every web session of the account ends. Returns the account's email.
     */
    public String reset(String token, String password) {
        String hash = passwordEncoder.encode(Validation.password("password", password));
        return tx.write(() -> {
            OneTimeLink link = usable(token);
            if (!links.markUsed(link.id(), clock.instant())) {
                throw unusable();
            }
            users.setPassword(link.userId(), hash);
            users.endSessions(link.userId());
            links.revokeFor(OneTimeLink.Purpose.PASSWORD_RESET, link.userId());
            log.info("{} chose a new password through a reset link; their sessions ended", link.email());
            return link.email();
        });
    }

    private OneTimeLink usable(String token) {
        if (token == null || token.isBlank() || token.length() > 128) {
            throw unusable();
        }
        Instant now = clock.instant();
        return links.findByHash(Secrets.sha256Hex(token))
                .filter(l -> l.purpose() == OneTimeLink.Purpose.PASSWORD_RESET && l.userId() != null && l.usableAt(now))
                .orElseThrow(PasswordResets::unusable);
    }

    private static NotFoundException unusable() {
        return new NotFoundException("this password reset link is unknown, used or expired: ask for a new one");
    }
}
