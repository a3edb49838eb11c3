package io.bugmaster.alerting.actionlinks;

import io.bugmaster.accounts.Directory;
import io.bugmaster.alerting.actionlinks.ActionToken.Claims;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueService;
import io.bugmaster.issues.IssueUpdate;
import io.bugmaster.issues.IssueWorkflow;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Recipient;
import io.bugmaster.notify.SecretBox;
import io.bugmaster.storage.Transactions;
import io.bugmaster.web.Links;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Action links: "Resolve" and "Ignore for 1h" in an issue alert, each a link signed for one
 * recipient (see {@link ActionToken}) that acts without a login. Opening one only shows what it
 * will do ({@link #check}): mail scanners and chat unfurlers open links by themselves. The page's
 * button posts back, and {@link #use} acts once, for the system, on behalf of the recipient: the
 * issue's activity says through which message.
 *
 * <p>A link acts only while all of this holds: action links are on, the token is this server's
 * and unchanged, it has not expired, it was not used, its issue still exists in its organization,
 * and its recipient is still there (the channel exists; the address is a member's).
 */
@Service
public class ActionLinks {
    static final String KEY_PURPOSE = "action-links";
    /** Uses are kept a day past their token's expiry, so a node whose clock runs behind still refuses a second use. */
    private static final Duration KEEP_USES = Duration.ofDays(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final ActionLinkProperties props;
    private final ActionLinkStore store;
    private final IssueService issues;
    private final ChannelService channels;
    private final Directory directory;
    private final Links links;
    private final Transactions tx;
    private final Clock clock;

    ActionLinks(SecretBox secrets, ActionLinkProperties props, ActionLinkStore store, IssueService issues, ChannelService channels,
            Directory directory, Links links, Transactions tx, Clock clock) {
        this.key = secrets.derive(KEY_PURPOSE);
        this.props = props;
        this.store = store;
        this.issues = issues;
        this.channels = channels;
        this.directory = directory;
        this.links = links;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The message for one recipient with the issue's action links after its own actions (Open):
     * unchanged when action links are off or the recipient is neither a channel nor an address.
     */
    public Notification addTo(Notification message, long orgId, long issueId, Recipient recipient, Instant now) {
        if (!props.actionLinks() || !(recipient instanceof Recipient.ToChannel || recipient instanceof Recipient.ToEmail)) {
            return message;
        }
        List<Notification.Action> actions = new ArrayList<>(message.actions());
        Instant expires = now.plus(props.actionLinkLifetime());
        actions.add(action(Notification.Action.Type.RESOLVE, ActionToken.Action.RESOLVE, orgId, issueId, recipient, expires));
        actions.add(action(Notification.Action.Type.SNOOZE, ActionToken.Action.IGNORE_1H, orgId, issueId, recipient, expires));
        return message.withActions(actions);
    }

    private Notification.Action action(Notification.Action.Type type, ActionToken.Action what, long orgId, long issueId,
            Recipient recipient, Instant expires) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        Claims claims = new Claims(what, orgId, issueId, recipient.key(), expires, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(id));
        return new Notification.Action(type, what.label(), links.action(ActionToken.sign(key, claims)));
    }

    /** How long a link works after its message was made. */
    public Duration lifetime() {
        return props.actionLinkLifetime();
    }

    /** Why a link does nothing; each has its HTTP status and says what to do instead. */
    public enum Refusal {
        TURNED_OFF(404), INVALID(404), EXPIRED(410), USED(409), ISSUE_GONE(404), RECIPIENT_GONE(403);

        private final int status;

        Refusal(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * What opening or using a link comes to.
     *
     * @param refusal why it does nothing, or null when it can act (or acted)
     * @param action what it does; null when the token could not be read
     * @param issue the issue as it is now (after the action, when it acted), when the token named an issue of its
     *        organization; null when unknown or gone
     * @param via where the link was sent, in words ("a Slack message to the channel “Ops”"); null when unknown
     * @param alreadyDone true when the issue already is as the action would make it (resolved): nothing to do
     * @param usedAt when the link was used (a refusal as used, or the use just made)
     */
    public record Outcome(Refusal refusal, ActionToken.Action action, Issue issue, String via, boolean alreadyDone, Instant usedAt) {
        static Outcome refused(Refusal why, ActionToken.Action action, Issue issue, String via, Instant usedAt) {
            return new Outcome(why, action, issue, via, false, usedAt);
        }

        public boolean refused() {
            return refusal != null;
        }
    }

    /** What the link would do, without doing it (GET). */
    public Outcome check(String token) {
        return tx.read(() -> examine(token, clock.instant()));
    }

    /** Acts once (POST): a second use, from any node, is refused as used. */
    public Outcome use(String token) {
        return tx.write(() -> {
            Instant now = clock.instant();
            Outcome checked = examine(token, now);
            if (checked.refused() || checked.alreadyDone()) {
                return checked;
            }
            Claims claims = ActionToken.verify(key, token);
            store.forgetExpired(now.minus(KEEP_USES));
            if (!store.use(claims, now)) {
                return Outcome.refused(Refusal.USED, claims.action(), checked.issue(), checked.via(),
                        store.usedAt(claims.id()).orElse(null));
            }
            IssueUpdate update = switch (claims.action()) {
                case RESOLVE -> IssueUpdate.resolve();
                case IGNORE_1H -> IssueUpdate.ignoreFor(60);
            };
            Optional<Issue> after = issues.changeStatusForSystem(claims.orgId(), claims.issueId(), update, checked.via());
            return new Outcome(null, claims.action(), after.orElse(null), checked.via(), false, now);
        });
    }

    private Outcome examine(String token, Instant now) {
        if (!props.actionLinks()) {
            return Outcome.refused(Refusal.TURNED_OFF, null, null, null, null);
        }
        Claims claims;
        try {
            claims = ActionToken.verify(key, token);
        } catch (ActionToken.Invalid e) {
            return Outcome.refused(Refusal.INVALID, null, null, null, null);
        }
        // an issue of another organization than the token's is no issue of this link
        Issue found = issues.issue(claims.issueId()).filter(i -> i.orgId() == claims.orgId()).orElse(null);
        if (claims.expired(now)) {
            return Outcome.refused(Refusal.EXPIRED, claims.action(), found, null, null);
        }
        if (found == null) {
            return Outcome.refused(Refusal.ISSUE_GONE, claims.action(), null, null, null);
        }
        Optional<String> via = via(claims);
        if (via.isEmpty()) {
            return Outcome.refused(Refusal.RECIPIENT_GONE, claims.action(), found, null, null);
        }
        Optional<Instant> usedAt = store.usedAt(claims.id());
        if (usedAt.isPresent()) {
            return Outcome.refused(Refusal.USED, claims.action(), found, via.get(), usedAt.get());
        }
        boolean done = claims.action() == ActionToken.Action.RESOLVE && IssueWorkflow.RESOLVED.equals(found.status());
        return new Outcome(null, claims.action(), found, via.get(), done, null);
    }

    /** Where the link was sent, in words, while that recipient is still there: a channel of the organization, or a member's address. */
    private Optional<String> via(Claims claims) {
        String recipient = claims.recipient();
        if (recipient.startsWith("c")) {
            long channelId;
            try {
                channelId = Long.parseLong(recipient.substring(1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            return channels.channel(channelId).filter(c -> c.orgId() == claims.orgId())
                    .map(c -> article(c.kind().title()) + " " + c.kind().title() + " message to the channel “" + c.name() + "”");
        }
        if (recipient.startsWith("e")) {
            String address = recipient.substring(1);
            return directory.isMember(claims.orgId(), address) ? Optional.of("an email to " + address) : Optional.empty();
        }
        return Optional.empty();
    }

    private static String article(String word) {
        return !word.isEmpty() && "AEIOUaeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }
}
