package io.bugmaster.slack.messages;

import io.bugmaster.accounts.Directory;
import io.bugmaster.common.Subject;
import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelKind;
import io.bugmaster.notify.Delivered;
import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.Transport;
import io.bugmaster.notify.slack.SlackMessages;
import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackApiException;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.install.SlackInstallations;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A channel of the organization's connected Slack workspace ({@code slack_app}): messages are posted
 * with {@code chat.postMessage} by the app's bot, an issue or an incident as its card with buttons,
 * and recorded in the {@link SlackMessageLog} so that every later change of their subject updates
 * them in place. The message that would close an issue's or incident's alert (a resolve) is not
 * posted: the card already shows it resolved. Other subjects (a monitor) post their resolve.
 */
@Component
class SlackAppTransport implements Transport {
    static final String CHANNEL = "channel";
    static final ChannelKind KIND = new ChannelKind("slack_app", "Slack app",
            "Connect the workspace first (Settings → Slack); then invite the app to the channel (/invite @Bugmaster) and give its id"
                    + " (channel name → About → Channel ID) or #name.",
            List.of(new ChannelKind.Setting(CHANNEL, "Slack channel", "C0123ABCD or #alerts-production",
                    ChannelKind.Setting.Type.SLACK_CHANNEL, "the channel's id (C0123ABCD) or #name")));

    private final SlackInstallations installations;
    private final SlackApi api;
    /** Lazily: the cards read issues and incidents, whose services reach the channels, which need the transports. */
    private final ObjectProvider<SlackCards> cards;
    private final SlackMessageLog log;
    private final Directory directory;

    SlackAppTransport(SlackInstallations installations, SlackApi api, ObjectProvider<SlackCards> cards, SlackMessageLog log, Directory directory) {
        this.directory = directory;
        this.installations = installations;
        this.api = api;
        this.cards = cards;
        this.log = log;
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public Optional<String> refusal(Notification notification) {
        // an issue's or an incident's card shows it resolved; anything else (a monitor) says so in a message of its own
        return notification.kind() == Notification.Kind.RESOLVE && hasCard(notification.subject())
                ? Optional.of("the alert's Slack message is updated in place instead of posting another")
                : Optional.empty();
    }

    @Override
    public List<String> warnings(Channel channel) {
        return installations.forOrg(channel.orgId()).isPresent() ? List.of() : List.of(notConnected(channel));
    }

    @Override
    public Delivered send(Channel channel, Notification notification) throws DeliveryException {
        SlackInstallation installation = installations.forOrg(channel.orgId())
                .orElseThrow(() -> DeliveryException.permanent(notConnected(channel)));
        ObjectNode args = message(notification);
        args.put("channel", channel.setting(CHANNEL));
        JsonNode reply;
        try {
            reply = api.call(installation.botToken(), "chat.postMessage", args);
        } catch (SlackApiException e) {
            throw failure(e, channel.setting(CHANNEL));
        }
        String posted = reply.path("channel").asString("");
        String ts = reply.path("ts").asString("");
        if (posted.isEmpty() || ts.isEmpty()) {
            throw DeliveryException.permanent("Slack accepted the message but did not say where it is (no channel and ts)");
        }
        if (cardSubject(notification).isPresent()) {
            log.record(channel.orgId(), notification.subject(), posted, ts);
        }
        return new Delivered(200, "posted to " + posted, posted + "/" + ts);
    }

    /** The message: the subject's card when it is an issue or an incident, else the notification's own blocks. */
    private ObjectNode message(Notification n) {
        Optional<Subject> subject = cardSubject(n);
        if (subject.isEmpty()) {
            return SlackMessages.blocks(n);
        }
        long id = Long.parseLong(subject.get().id());
        SlackCards.Card card = subject.get().type().equals("issue") ? cards.getObject().issue(id, n.why())
                : cards.getObject().incident(id, n.why());
        ObjectNode args = SlackApi.object();
        args.put("text", card.text());
        args.set("blocks", card.blocks());
        return args;
    }

    /**
     * The subject of an alert about an issue or an incident ({@code issue:42}, {@code incident:7}), which is posted as its
     * card; empty for every other message (a digest of many, a test, an incident's status update or note), whose own words
     * are the point and which are posted as they are.
     */
    static Optional<Subject> cardSubject(Notification n) {
        if (n.isDigest() || n.kind() != Notification.Kind.ALERT) {
            return Optional.empty();
        }
        try {
            Subject s = Subject.parse(n.subject());
            boolean card = (s.type().equals("issue") || s.type().equals("incident")) && s.id().matches("\\d{1,18}");
            return card ? Optional.of(s) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** True for the subjects whose alerts are posted as cards (issues, incidents): their cards show a resolve. */
    static boolean hasCard(String subject) {
        return subject != null && (subject.startsWith("issue:") || subject.startsWith("incident:"));
    }

    /** Slack's refusal in words that say what to do about it. */
    static DeliveryException failure(SlackApiException e, String channel) {
        String what = switch (e.error()) {
            case "not_in_channel" -> "the app is not in " + channel + ": type /invite @Bugmaster in that channel";
            case "channel_not_found" -> "Slack has no channel " + channel + " the app can see: check the channel id, and for a"
                    + " private channel type /invite @Bugmaster in it";
            case "is_archived" -> "the channel " + channel + " is archived: unarchive it or choose another";
            case "invalid_auth", "not_authed", "token_revoked", "account_inactive" ->
                    "Slack refused the app's token (" + e.error() + "): connect the workspace again in Settings → Slack";
            default -> null;
        };
        return what == null ? e.toDelivery() : DeliveryException.permanent("Slack: " + what + " (" + e.error() + ")");
    }

    private String notConnected(Channel channel) {
        return "this organization has no Slack workspace connected: connect Slack first at /orgs/"
                + directory.orgSlug(channel.orgId()).orElse("<organization>") + "/settings/slack";
    }
}
