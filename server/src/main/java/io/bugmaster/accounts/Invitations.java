package io.bugmaster.accounts;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Secrets;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Invitations. Inviting an address makes a pending member and a link (shown once, stored hashed);
 * the invitation grants nothing until the link is used:
 * <ul>
 * <li>for an address without an account, whoever opens the link creates the account;</li>
 * <li>for an address that has an account, only someone logged in as that account can accept.</li>
 * </ul>
 * Without email delivery the inviter sees the link, so an account made through it proves nothing
 * about its mailbox: no account is ever added to an organization because of its address alone, and
 * a link never touches an existing account's password, name or other memberships. That is what
 * keeps one organization's admin out of another organization (docs/organizations.md, "Why it works
 * this way"). With SMTP set up the link goes only to the invited address ({@link #deliver}).
 */
@Component
public class Invitations {
    static final Duration LIFETIME = Duration.ofDays(7);
    /** Invitation emails one person may send an hour: enough to onboard a company, too few to spam from. */
    static final int MAX_EMAILS_PER_HOUR = 100;
    private static final Logger log = LoggerFactory.getLogger(Invitations.class);

    private final UserStore users;
    private final MemberStore members;
    private final OrganizationStore organizations;
    private final PasswordEncoder passwordEncoder;
    private final AccountMail mail;
    private final Transactions tx;
    private final Clock clock;
    private final String baseUrl;
    private final RequestLimit emailsPerInviter;

    public Invitations(UserStore users, MemberStore members, OrganizationStore organizations, PasswordEncoder passwordEncoder,
            AccountMail mail, Transactions tx, Clock clock, BugmasterProperties props) {
        this.users = users;
        this.members = members;
        this.organizations = organizations;
        this.passwordEncoder = passwordEncoder;
        this.mail = mail;
        this.tx = tx;
        this.clock = clock;
        this.baseUrl = props.baseUrlTrimmed();
        this.emailsPerInviter = new RequestLimit(MAX_EMAILS_PER_HOUR, Duration.ofHours(1), clock);
    }

    /**
     * The pending member and its invitation link: shown once to the admin who invited when email is
     * off; null when the link went by email to the invited address (then only its mailbox holds it).
     */
    public record Invited(Member member, String inviteLink) {
        public boolean emailed() {
            return inviteLink == null;
        }
    }

    /** Refused before anything is stored: this person sent too many invitation emails in the last hour. */
    public static class TooManyEmails extends RuntimeException {
        TooManyEmails(Duration retryAfter) {
            super("you sent " + MAX_EMAILS_PER_HOUR + " invitation emails in the last hour, the most one person may:"
                    + " try again in " + RequestLimit.minutes(retryAfter) + " minutes");
        }
    }

    /** The invitation is stored (pending, listed) but its email could not be sent; inviting again sends a new link. */
    public static class NotEmailed extends RuntimeException {
        NotEmailed(String email, AccountMail.NotSent cause) {
            super("the invitation for " + email + " is saved, but its email could not be sent: " + cause.getMessage()
                    + ". Check the server's SMTP settings, then invite " + email + " again to send a new link", cause);
        }
    }

    /** What the page behind a link shows: the invitation, its organization, and whether the address has an account. */
    public record Invitation(Member member, Organization org, boolean accountExists) {}

    /**
     * Invites an address (within the caller's transaction). Inviting an address that is already
     * invited gives the invitation a new link, role and inviter; the old link stops working. With
     * email on, one person sends at most {@link #MAX_EMAILS_PER_HOUR} invitations an hour.
     */
    Invited invite(Organization org, long inviterUserId, String email, Role role) {
        if (mail.enabled()) {
            emailsPerInviter.take(Long.toString(inviterUserId)).ifPresent(wait -> {
                throw new TooManyEmails(wait);
            });
        }
        Instant now = clock.instant();
        String token = Secrets.randomHex(32);
        String tokenHash = Secrets.sha256Hex(token);
        Instant expiresAt = now.plus(LIFETIME);
        long memberId = members.findByEmail(org.id(), email).map(existing -> {
            if (!existing.pending()) {
                throw new ConflictException("'" + email + "' is already a member of this organization");
            }
            members.renewInvitation(existing.id(), role, tokenHash, inviterUserId, expiresAt);
            return existing.id();
        }).orElseGet(() -> members.insertInvitation(org.id(), email, role, tokenHash, inviterUserId, now, expiresAt)
                .orElseThrow(() -> new ConflictException("'" + email + "' was invited at the same moment; try again")));
        return new Invited(members.findById(org.id(), memberId).orElseThrow(), baseUrl + "/accept/" + token);
    }

    /**
     * With email on, sends the link to the invited address (after the invitation is committed, so no
     * transaction waits on the SMTP server) and returns the invitation without it: the admin who
     * invited never sees it, so an account made through it proves its owner reads that mailbox.
     * With email off, returns it as it is, link included.
     */
    Invited deliver(Invited invited, Organization org, long inviterUserId) {
        if (!mail.enabled()) {
            return invited;
        }
        String inviter = users.findById(inviterUserId)
                .map(u -> u.name().equals(u.email()) ? u.email() : u.name() + " (" + u.email() + ")").orElse("An admin");
        String to = invited.member().email();
        try {
            mail.send(AccountMessages.invitation(to, org.name(), inviter, invited.inviteLink(), LIFETIME));
        } catch (AccountMail.NotSent e) {
            log.warn("the invitation email to {} for organization {} could not be sent: {}", to, org.id(), e.getMessage());
            throw new NotEmailed(to, e);
        }
        log.info("invitation to organization {} emailed to {}", org.id(), to);
        return new Invited(invited.member(), null);
    }

    /** Whether invitation links go by email (SMTP is configured) rather than to the admin who invites. */
    public boolean emailsLinks() {
        return mail.enabled();
    }

    /** The invitation behind a link, if the link still works. */
    public Invitation find(String token) {
        Member member = usable(token);
        Organization org = organizations.findById(member.orgId()).orElseThrow();
        return new Invitation(member, org, users.findByEmail(member.email()).isPresent());
    }

    /**
     * Accepts an invitation for an address that has no account yet: creates the account with this
     * name and password, as a member. Returns the new account's email, for logging in. An address
     * that has an account meanwhile is refused (ConflictException): only its owner can accept, by
     * logging in.
     */
    public String acceptWithNewAccount(String token, String name, String password) {
        String validName = Validation.name("name", name);
        String validPassword = Validation.password("password", password);
        String hash = passwordEncoder.encode(validPassword);
        return tx.write(() -> {
            Member invitation = usable(token);
            Instant now = clock.instant();
            User user = users.insert(invitation.email(), validName, hash, false, now)
                    .orElseThrow(() -> alreadyHasAccount(invitation.email()));
            claim(invitation, token, user.id(), now);
            log.info("{} created an account and joined organization {} through an invitation", user.email(), invitation.orgId());
            return user.email();
        });
    }

    /**
     * Accepts an invitation as the logged-in account, which must be the invited address's. Returns
     * the organization joined.
     */
    public Organization acceptAs(Actor actor, String token) {
        return tx.write(() -> {
            Member invitation = usable(token);
            User user = users.findById(actor.userId()).filter(User::active)
                    .orElseThrow(() -> new ForbiddenException("log in to accept this invitation"));
            if (!user.email().equals(invitation.email())) {
                throw new ForbiddenException("this invitation is for " + invitation.email() + " and you are logged in as "
                        + user.email() + ": log out, then open the link again and log in as " + invitation.email());
            }
            if (members.find(invitation.orgId(), user.id()).isPresent()) {
                members.delete(invitation.id());
            } else {
                claim(invitation, token, user.id(), clock.instant());
                log.info("{} joined organization {} through an invitation", user.email(), invitation.orgId());
            }
            return organizations.findById(invitation.orgId()).orElseThrow();
        });
    }

    private void claim(Member invitation, String token, long userId, Instant now) {
        if (!members.accept(invitation.id(), Secrets.sha256Hex(token), userId, now)) {
            throw unusable();
        }
    }

    private Member usable(String token) {
        if (token == null || token.isBlank() || token.length() > 128) {
            throw unusable();
        }
        Instant now = clock.instant();
        return members.findInvitation(Secrets.sha256Hex(token)).filter(m -> !m.expiredAt(now)).orElseThrow(Invitations::unusable);
    }

    static ConflictException alreadyHasAccount(String email) {
        return new ConflictException(email + " already has a Bugmaster account: log in as " + email + " to accept this invitation");
    }

    private static NotFoundException unusable() {
        return new NotFoundException(
                "this invitation link is unknown, used, withdrawn or expired; ask an admin of the organization for a new one");
    }
}
