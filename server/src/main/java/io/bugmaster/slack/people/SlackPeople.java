package io.bugmaster.slack.people;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackApiException;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Who a Slack person is in Bugmaster: a Slack user (workspace + user id) linked to a member of the
 * organization. Linked by email (Slack's verified address of the person, read with
 * {@code users.info}, or found with {@code users.lookupByEmail}, equal to a member's) or by the person
 * opening a one-time link while logged in. A link whose user is no longer a member counts for nothing.
 * Every action taken from Slack runs as {@link Linked#actor()}, so the person's role decides.
 */
@Service
public class SlackPeople {
    public static final String VIA_EMAIL = "email";
    public static final String VIA_LINK = "link";
    private static final Logger log = LoggerFactory.getLogger(SlackPeople.class);

    /** How long a one-time link to connect a Slack account stays valid. */
    public static final java.time.Duration CONNECT_LINK_LIFETIME = java.time.Duration.ofMinutes(30);
    private static final String CONNECT_VERSION = "sl1";

    private final SlackUserLinkStore store;
    private final Directory directory;
    private final SlackApi api;
    private final Transactions tx;
    private final Clock clock;

    private final byte[] connectKey;
    private final String baseUrl;

    SlackPeople(SlackUserLinkStore store, Directory directory, SlackApi api, Transactions tx, Clock clock, io.bugmaster.notify.SecretBox box,
            io.bugmaster.BugmasterProperties props) {
        this.connectKey = box.derive("slack-connect-link");
        this.baseUrl = props.baseUrlTrimmed();
        this.store = store;
        this.directory = directory;
        this.api = api;
        this.tx = tx;
        this.clock = clock;
    }

    /** A Slack person's Bugmaster user, a member of the installation's organization. */
    public record Linked(long userId, String email, String slackUserId, String via) {
        /** The person as the caller of a service: their role in the organization decides what they may do. */
        public Actor actor() {
            return Actor.session(userId, email);
        }
    }

    /**
     * The member this Slack person is: linked already, or else matched now by the email Slack has
     * for them ({@code users.info}). Empty for a person with no member of that email (they get the
     * one-time link instead); a failing Slack call is empty too, and logged.
     */
    public Optional<Linked> person(SlackInstallation installation, String slackUserId) {
        if (slackUserId == null || slackUserId.isBlank()) {
            return Optional.empty();
        }
        Optional<Linked> linked = linked(installation, slackUserId);
        if (linked.isPresent()) {
            return linked;
        }
        try {
            JsonNode user = api.call(installation.botToken(), "users.info", SlackApi.object().put("user", slackUserId)).path("user");
            String email = user.path("profile").path("email").asString("");
            if (user.path("deleted").asBoolean(false) || user.path("is_bot").asBoolean(false) || email.isEmpty()) {
                return Optional.empty();
            }
            Long userId = directory.memberIdsByEmail(installation.orgId(), List.of(email.toLowerCase(Locale.ROOT)))
                    .get(email.toLowerCase(Locale.ROOT));
            if (userId == null) {
                return Optional.empty();
            }
            link(installation, slackUserId, userId, VIA_EMAIL);
            return linked(installation, slackUserId);
        } catch (SlackApiException e) {
            log.info("Slack users.info for {} in organization {} failed: {}", slackUserId, installation.orgId(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The link already made, if its user is still a member. */
    public Optional<Linked> linked(SlackInstallation installation, String slackUserId) {
        return store.bySlackUser(installation.orgId(), installation.teamId(), slackUserId)
                .flatMap(l -> directory.memberEmail(installation.orgId(), l.userId())
                        .map(email -> new Linked(l.userId(), email, l.slackUserId(), l.via())));
    }

    /**
     * The Slack user id of a member (to mention or invite them): linked already, or else found now
     * with {@code users.lookupByEmail} and linked. Empty when Slack has no one with their email.
     */
    public Optional<String> slackUserId(SlackInstallation installation, long userId) {
        Optional<String> known = store.byUser(installation.orgId(), userId).stream()
                .filter(l -> l.teamId().equals(installation.teamId())).map(SlackUserLinkStore.Link::slackUserId).findFirst();
        if (known.isPresent()) {
            return known;
        }
        Optional<String> email = directory.memberEmail(installation.orgId(), userId);
        if (email.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode user = api.call(installation.botToken(), "users.lookupByEmail", SlackApi.object().put("email", email.get())).path("user");
            String id = user.path("id").asString("");
            if (id.isEmpty()) {
                return Optional.empty();
            }
            link(installation, id, userId, VIA_EMAIL);
            return Optional.of(id);
        } catch (SlackApiException e) {
            if (!e.error().equals("users_not_found")) {
                log.info("Slack users.lookupByEmail for user {} in organization {} failed: {}", userId, installation.orgId(), e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** Links a Slack person to a member (replacing an earlier link of that Slack person). */
    public void link(SlackInstallation installation, String slackUserId, long userId, String via) {
        tx.write(() -> store.save(new SlackUserLinkStore.Link(installation.orgId(), installation.teamId(), slackUserId, userId, via,
                clock.instant())));
    }

    /** Forgets a member's Slack links in the organization (they unlinked, or left). */
    public int unlink(long orgId, long userId) {
        return tx.write(() -> store.deleteOfUser(orgId, userId));
    }

    /** What a one-time connect link names: whose Slack account, in which organization's workspace, until when. */
    public record ConnectRequest(long orgId, String teamId, String slackUserId, java.time.Instant expiresAt, String nonce) {}

    /**
     * The one-time link ({@code <base>/slack/link?token=…}, valid {@link #CONNECT_LINK_LIFETIME}) that
     * an unlinked Slack person opens, logged in to Bugmaster, to connect their Slack account.
     */
    public String connectUrl(SlackInstallation installation, String slackUserId) {
        String payload = installation.orgId() + "|" + installation.teamId() + "|" + slackUserId + "|"
                + clock.instant().plus(CONNECT_LINK_LIFETIME).getEpochSecond() + "|" + java.util.UUID.randomUUID();
        return baseUrl + "/slack/link?token=" + io.bugmaster.common.SignedPayload.sign(connectKey, CONNECT_VERSION, payload);
    }

    /**
     * What a connect link's token names; {@link io.bugmaster.common.SignedPayload.Invalid} for a token
     * not made here or changed. Expiry and single use are the caller's to check ({@code expiresAt}, {@code nonce}).
     */
    public ConnectRequest connectRequest(String token) {
        String[] parts = io.bugmaster.common.SignedPayload.verify(connectKey, CONNECT_VERSION, token, 600).split("\\|", -1);
        if (parts.length != 5) {
            throw new io.bugmaster.common.SignedPayload.Invalid("not a connect link");
        }
        try {
            return new ConnectRequest(Long.parseLong(parts[0]), parts[1], parts[2], java.time.Instant.ofEpochSecond(Long.parseLong(parts[3])),
                    parts[4]);
        } catch (NumberFormatException e) {
            throw new io.bugmaster.common.SignedPayload.Invalid("not a connect link");
        }
    }

    /** Every link of the organization, Slack user id to Bugmaster user id. */
    public Map<String, Long> links(long orgId) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        store.all(orgId).forEach(l -> out.put(l.slackUserId(), l.userId()));
        return out;
    }
}
