package io.bugmaster.accounts;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Secrets;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Invitations: an email that has no account yet becomes a pending member, and the invitation link
 * (shown once, stored hashed) lets that person choose a name and password.
 */
@Component
public class Invitations {
    static final Duration LIFETIME = Duration.ofDays(7);

    private final UserStore users;
    private final MemberStore members;
    private final OneTimeLinkStore links;
    private final PasswordEncoder passwordEncoder;
    private final Transactions tx;
    private final Clock clock;
    private final String baseUrl;

    public Invitations(UserStore users, MemberStore members, OneTimeLinkStore links, PasswordEncoder passwordEncoder,
            Transactions tx, Clock clock, BugmasterProperties props) {
        this.users = users;
        this.members = members;
        this.links = links;
        this.passwordEncoder = passwordEncoder;
        this.tx = tx;
        this.clock = clock;
        this.baseUrl = props.baseUrlTrimmed();
    }

    /** The new member, and the invitation link when the person has yet to set a password (else null). */
    public record Invited(Member member, String inviteLink) {}

    Invited invite(Organization org, String email, Role role) {
        Instant now = clock.instant();
        User user = users.findByEmail(email)
                .orElseGet(() -> users.insert(email, email.substring(0, email.indexOf('@')), null, false, now).orElseThrow());
        long memberId = members.insert(org.id(), user.id(), role, now)
                .orElseThrow(() -> new ConflictException("'" + email + "' is already a member of this organization"));
        Member member = members.findById(org.id(), memberId).orElseThrow();
        if (user.hasPassword()) {
            return new Invited(member, null);
        }
        String token = Secrets.randomHex(32);
        links.insert(OneTimeLink.Purpose.INVITE, Secrets.sha256Hex(token), org.id(), user.id(), email, role, now,
                now.plus(LIFETIME));
        return new Invited(member, baseUrl + "/accept/" + token);
    }

    /** The invitation behind a link, if it can still be used. */
    public OneTimeLink find(String token) {
        return links.findByHash(Secrets.sha256Hex(token))
                .filter(link -> link.purpose() == OneTimeLink.Purpose.INVITE && link.usableAt(clock.instant()))
                .orElseThrow(() -> new NotFoundException(
                        "this invitation link is unknown, used or expired; ask an admin of the organization for a new one"));
    }

    /** Accepts an invitation: sets the person's name and password. Returns the user's email, for logging in. */
    public String accept(String token, String name, String password) {
        String validName = Validation.name("name", name);
        String validPassword = Validation.password("password", password);
        return tx.write(() -> {
            OneTimeLink link = find(token);
            if (!links.markUsed(link.id(), clock.instant())) {
                throw new NotFoundException("this invitation link was used or has expired");
            }
            User user = users.findById(link.userId()).orElseThrow(() -> new InvalidInputException("token", "the invited user no longer exists"));
            if (!user.hasPassword()) {
                users.setPassword(user.id(), passwordEncoder.encode(validPassword));
                users.setName(user.id(), validName);
            }
            return user.email();
        });
    }
}
