package io.bugmaster.slack.install;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.notify.SecretBox;
import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackApiException;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * The organizations' Slack workspaces: connecting one (the bot token is checked with
 * {@code auth.test}, which also names the workspace and the bot user), changing its settings,
 * disconnecting it, and finding the installation a request or a channel belongs to. Secrets are
 * stored encrypted, bound to the organization; a workspace belongs to one organization at a time.
 */
@Service
public class SlackInstallations {
    private static final Pattern BOT_TOKEN = Pattern.compile("xoxb-[A-Za-z0-9-]{8,250}");
    private static final Pattern SIGNING_SECRET = Pattern.compile("[A-Za-z0-9]{16,128}");
    private static final Pattern REACTION = Pattern.compile("[a-z0-9_+'-]{1,64}");

    /** How long the decrypted installations are kept in memory. */
    static final java.time.Duration REREAD = java.time.Duration.ofSeconds(10);
    private static final String ALL = "all";

    private final com.github.benmanes.caffeine.cache.Cache<String, List<SlackInstallation>> cache;
    private final SlackInstallationStore store;
    private final OrganizationService organizations;
    private final SlackApi api;
    private final SecretBox box;
    private final Transactions tx;
    private final Clock clock;

    SlackInstallations(SlackInstallationStore store, OrganizationService organizations, SlackApi api, SecretBox box, Transactions tx,
            Clock clock) {
        this.store = store;
        this.organizations = organizations;
        this.api = api;
        this.box = box;
        this.tx = tx;
        this.clock = clock;
        this.cache = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                .ticker(() -> java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(REREAD).build();
    }

    /** What is asked to change; null leaves a value as it is (a blank secret too: the page shows them masked). */
    public record Settings(String botToken, String signingSecret, String timelineReaction, Boolean incidentChannels) {}

    /** The organization's installation as an org admin may read it (the caller masks the secrets). */
    public Optional<SlackInstallation> get(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_READ);
        return forOrg(access.org().id());
    }

    /**
     * Connects the workspace of {@code settings.botToken} (first time: token and secret required) or
     * changes the connection. The token is checked with {@code auth.test} before anything is stored.
     */
    public SlackInstallation save(Actor actor, String orgSlug, Settings settings) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        long orgId = access.org().id();
        Optional<SlackInstallation> current = forOrg(orgId);
        String token = blank(settings.botToken()) ? current.map(SlackInstallation::botToken).orElse(null) : settings.botToken().strip();
        String secret = blank(settings.signingSecret()) ? current.map(SlackInstallation::signingSecret).orElse(null)
                : settings.signingSecret().strip();
        if (token == null) {
            throw new InvalidInputException("bot_token", "is required: the app's Bot User OAuth Token (xoxb-…), from OAuth & Permissions");
        }
        if (!BOT_TOKEN.matcher(token).matches()) {
            throw new InvalidInputException("bot_token", "must be a bot token: xoxb- followed by letters, digits and dashes"
                    + " (OAuth & Permissions → Bot User OAuth Token; a user token xoxp- will not do)");
        }
        if (secret == null) {
            throw new InvalidInputException("signing_secret", "is required: the app's Signing Secret, from Basic Information → App Credentials");
        }
        if (!SIGNING_SECRET.matcher(secret).matches()) {
            throw new InvalidInputException("signing_secret", "must be the app's Signing Secret (letters and digits, from Basic Information"
                    + " → App Credentials), not the client secret or a token");
        }
        String reaction = settings.timelineReaction() == null
                ? current.map(SlackInstallation::timelineReaction).orElse(SlackInstallation.DEFAULT_REACTION)
                : settings.timelineReaction().strip().replace(":", "");
        if (!REACTION.matcher(reaction).matches()) {
            throw new InvalidInputException("timeline_reaction", "must be an emoji name such as pushpin or memo (without colons)");
        }
        boolean channels = settings.incidentChannels() != null ? settings.incidentChannels()
                : current.map(SlackInstallation::incidentChannels).orElse(true);
        JsonNode who;
        try {
            who = api.call(token, "auth.test", SlackApi.object());
        } catch (SlackApiException e) {
            throw new InvalidInputException("bot_token", switch (e.error()) {
                case "invalid_auth", "not_authed", "token_revoked", "account_inactive" ->
                        "Slack refused this token (" + e.error() + "): copy the Bot User OAuth Token again, after installing the app to the workspace";
                case "refused" -> "Bugmaster may not call Slack's API here: " + e.getMessage();
                default -> "Slack could not check this token now (" + e.error() + "): try again in a minute";
            });
        }
        String teamId = who.path("team_id").asString("");
        if (teamId.isEmpty()) {
            throw new InvalidInputException("bot_token", "Slack's auth.test did not name the workspace: is this a bot token?");
        }
        Instant now = clock.instant();
        SlackInstallation saved = tx.write(() -> {
            store.byTeam(teamId).filter(r -> r.orgId() != orgId).ifPresent(other -> {
                throw new ConflictException("this Slack workspace (" + who.path("team").asString(teamId)
                        + ") is connected to another organization here; disconnect it there first");
            });
            Instant created = current.map(SlackInstallation::createdAt).orElse(now);
            store.save(new SlackInstallationStore.Row(orgId, teamId, who.path("team").asString(null), who.path("user_id").asString(null),
                    box.encrypt(token, context(orgId)), box.encrypt(secret, context(orgId)), reaction, channels,
                    current.isPresent() ? current.get().installedBy() : Long.valueOf(actor.userId()), created, now));
            forget();
            return open(store.find(orgId).orElseThrow());
        });
        forget(); // again after the commit: a request between the two must not keep what it read before
        return saved;
    }

    /** Disconnects the workspace: Bugmaster forgets the token and the secret (Slack keeps the app until someone removes it there). */
    public void remove(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.ORG_WRITE);
        boolean removed = tx.write(() -> store.delete(access.org().id()));
        forget();
        if (!removed) {
            throw new NotFoundException("this organization has no Slack workspace connected");
        }
    }

    /** The organization's installation, secrets decrypted. */
    public Optional<SlackInstallation> forOrg(long orgId) {
        return all().stream().filter(i -> i.orgId() == orgId).findFirst();
    }

    /**
     * Every installation, secrets decrypted: each request to the Slack URLs, signed or not, is checked
     * against each one's signing secret, so they are read and decrypted at most once per
     * {@link #REREAD} (and again at once after a change here; another node's change is seen within it).
     */
    public List<SlackInstallation> all() {
        return cache.get(ALL, k -> store.all().stream().map(this::open).toList());
    }

    private void forget() {
        cache.invalidateAll();
    }

    private SlackInstallation open(SlackInstallationStore.Row r) {
        return new SlackInstallation(r.orgId(), r.teamId(), r.teamName(), r.botUserId(), box.decrypt(r.botToken(), context(r.orgId())),
                box.decrypt(r.signingSecret(), context(r.orgId())), r.timelineReaction(), r.incidentChannels(), r.installedBy(),
                r.createdAt(), r.updatedAt());
    }

    private static String context(long orgId) {
        return "slack-installation:" + orgId;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
