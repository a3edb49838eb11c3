package io.bugmaster.slack.channels;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentLog;
import io.bugmaster.incidents.IncidentStatus;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.incidents.roles.IncidentRoles;
import io.bugmaster.incidents.roles.Responders;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.slack.SlackActions;
import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackApiException;
import io.bugmaster.slack.SlackText;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.messages.SlackCards;
import io.bugmaster.slack.messages.SlackMessageLog;
import io.bugmaster.slack.people.SlackPeople;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What follows a declaration from Slack: the incident's own channel ({@code #inc-7-checkout-down},
 * its topic, the declarer, assignees and role holders invited, the incident's card posted and kept
 * up to date), then a word to the declarer of where it all is. A Slack call that fails is logged and
 * written on the incident's timeline; the declaration itself is never undone.
 */
@Service
public class IncidentChannelSetup {
    /** How many taken names are tried ({@code inc-7-x}, {@code inc-7-x-2}…) before giving up. */
    static final int NAME_ATTEMPTS = 10;
    static final int TOPIC_MAX = 250;
    private static final Logger log = LoggerFactory.getLogger(IncidentChannelSetup.class);

    private final SlackApi api;
    private final SlackIncidentChannels channels;
    private final SlackPeople people;
    private final SlackMessageLog messages;
    private final IncidentRoles roles;
    private final Responders responders;
    private final Incidents incidents;
    private final Services services;
    private final EscalationPolicies policies;
    private final IncidentLog incidentLog;
    private final Directory directory;
    private final Transactions tx;
    private final Clock clock;
    private final String baseUrl;

    private final SlackCards cards;

    IncidentChannelSetup(SlackApi api, SlackIncidentChannels channels, SlackPeople people, SlackMessageLog messages, IncidentRoles roles,
            Responders responders, Incidents incidents, Services services, EscalationPolicies policies, IncidentLog incidentLog,
            Directory directory, Transactions tx, Clock clock, BugmasterProperties props, SlackCards cards) {
        this.cards = cards;
        this.api = api;
        this.channels = channels;
        this.people = people;
        this.messages = messages;
        this.roles = roles;
        this.responders = responders;
        this.incidents = incidents;
        this.services = services;
        this.policies = policies;
        this.incidentLog = incidentLog;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
        this.baseUrl = props.baseUrlTrimmed();
    }

    /** Where the declarer typed the command: the channel, and the command's {@code response_url} (either may be null). */
    public record Origin(String channelId, String responseUrl) {}

    /**
     * Creates the incident's channel when asked, then tells the declarer. Runs after Slack got its
     * answer ({@link SlackBackground}).
     */
    public void afterDeclared(SlackInstallation installation, Incidents.View declared, String declarerSlackId, boolean createChannel,
            Origin origin) {
        Incident i = declared.incident();
        String orgSlug = directory.orgSlug(i.orgId()).orElseThrow();
        String url = baseUrl + "/orgs/" + orgSlug + "/incidents/" + i.number();
        String channel = createChannel ? createChannel(installation, declared, declarerSlackId, url) : null;
        String text = "Incident " + SlackText.link(url, "#" + i.number() + " " + SlackText.cut(i.title(), 150)) + " declared"
                + (channel == null ? "." : " in <#" + channel + ">.");
        tellDeclarer(installation, i, declarerSlackId, origin, text);
    }

    /** When Bugmaster was too busy to start {@link #afterDeclared}: said on the incident's timeline. */
    public void notStarted(Incident i, boolean createChannel) {
        if (createChannel) {
            failed(i, "Slack channel could not be created: Bugmaster was too busy; create it by hand", null);
        }
    }

    private String createChannel(SlackInstallation installation, Incidents.View declared, String declarerSlackId, String url) {
        Incident i = declared.incident();
        String channel = null;
        String name = null;
        for (int attempt = 1; attempt <= NAME_ATTEMPTS && channel == null; attempt++) {
            name = ChannelNames.of(i.number(), i.title(), attempt);
            try {
                JsonNode created = api.call(installation.botToken(), "conversations.create", SlackApi.object().put("name", name)
                        .put("is_private", false));
                channel = created.path("channel").path("id").asString("");
            } catch (SlackApiException e) {
                if (!e.error().equals("name_taken") || attempt == NAME_ATTEMPTS) {
                    failed(i, "Slack channel #" + name + " could not be created: " + e.error(), e);
                    return null;
                }
            }
        }
        if (channel == null || channel.isEmpty()) {
            return null;
        }
        channels.record(i.orgId(), i.id(), channel, name);
        String topic = SlackText.cut((declared.priority() == null ? "" : declared.priority().label() + " · ") + i.title(),
                TOPIC_MAX - url.length() - 3) + " · " + url;
        try {
            api.call(installation.botToken(), "conversations.setTopic", SlackApi.object().put("channel", channel)
                    .put("topic", SlackText.cut(topic, TOPIC_MAX)));
        } catch (SlackApiException e) {
            failed(i, "The topic of Slack channel #" + name + " could not be set: " + e.error(), e);
        }
        invite(installation, incidents.view(i, false), declarerSlackId, channel, name); // fresh: the first page may have gone out since
        try {
            JsonNode posted = api.call(installation.botToken(), "chat.postMessage", card(i).put("channel", channel));
            messages.record(i.orgId(), i.subject(), channel, posted.path("ts").asString(""));
        } catch (SlackApiException e) {
            failed(i, "The incident's card could not be posted in Slack channel #" + name + ": " + e.error(), e);
        }
        return channel;
    }

    /**
     * Invites the incident's people to its channel: the assignees, the role holders and the
     * responders asked, and {@code alsoSlackId} (the declarer); one by one when Slack refuses them
     * together. People Slack does not know by their email are left out, and said on the timeline.
     */
    public void inviteResponders(SlackInstallation installation, Incident i, String alsoSlackId) {
        channels.channelOf(i.id()).ifPresent(c -> invite(installation, incidents.view(i, false), alsoSlackId, c.channel(), c.name()));
    }

    private void invite(SlackInstallation installation, Incidents.View view, String alsoSlackId, String channel, String name) {
        Incident i = view.incident();
        Set<String> ids = new LinkedHashSet<>();
        if (alsoSlackId != null && !alsoSlackId.isBlank()) {
            ids.add(alsoSlackId);
        }
        List<Long> members = new ArrayList<>();
        view.assignees().forEach(p -> members.add(p.id()));
        if (view.assignees().isEmpty() && i.status() == IncidentStatus.TRIGGERED) {
            members.addAll(pagedFirst(i)); // declared a moment ago: the engine pages them next
        }
        roles.holders(i).stream().filter(h -> h.holder() != null && h.holder().user() != null).forEach(h -> members.add(h.holder().user().id()));
        responders.of(i).stream().filter(r -> r.user() != null).forEach(r -> members.add(r.user().id()));
        for (long userId : new LinkedHashSet<>(members)) {
            people.slackUserId(installation, userId).ifPresent(ids::add);
        }
        ids.remove(installation.botUserId());
        if (ids.isEmpty()) {
            return;
        }
        try {
            api.call(installation.botToken(), "conversations.invite", SlackApi.object().put("channel", channel).put("users", String.join(",", ids)));
            return;
        } catch (SlackApiException e) {
            if (ids.size() == 1 && e.error().equals("already_in_channel")) {
                return;
            }
            log.info("Slack conversations.invite of {} people to {} failed ({}); inviting them one by one", ids.size(), channel, e.error());
        }
        List<String> refused = new ArrayList<>();
        for (String id : ids) {
            try {
                api.call(installation.botToken(), "conversations.invite", SlackApi.object().put("channel", channel).put("users", id));
            } catch (SlackApiException e) {
                if (!e.error().equals("already_in_channel")) {
                    refused.add("<@" + id + "> (" + e.error() + ")");
                }
            }
        }
        if (!refused.isEmpty()) {
            failed(i, "Not invited to Slack channel #" + name + ": " + String.join(", ", refused), null);
        }
    }

    /** Whom the incident's current level (the first, before any page) reaches now, by its service's escalation policy. */
    private List<Long> pagedFirst(Incident i) {
        return services.service(i.orgId(), i.serviceId()).map(ServiceDefinition::escalationPolicyId)
                .flatMap(id -> policies.policy(i.orgId(), id))
                .filter(p -> !p.rules().isEmpty())
                .map(p -> policies.reach(p, Math.min(Math.max(1, i.level()), p.rules().size()), clock.instant(), false).stream()
                        .map(EscalationPolicies.Reached::userId).toList())
                .orElse(List.of());
    }

    /** The incident's card in its channel: the same card as everywhere, kept up to date by the message log. */
    ObjectNode card(Incident i) {
        SlackCards.Card card = cards.incident(i.id(), null);
        ObjectNode message = SlackApi.object().put("text", card.text());
        message.set("blocks", card.blocks());
        return message;
    }

    private void tellDeclarer(SlackInstallation installation, Incident i, String declarerSlackId, Origin origin, String text) {
        try {
            if (origin.responseUrl() != null) {
                api.respond(origin.responseUrl(), SlackApi.object().put("response_type", "ephemeral").put("text", text));
            } else if (origin.channelId() != null) {
                api.call(installation.botToken(), "chat.postEphemeral", SlackApi.object().put("channel", origin.channelId())
                        .put("user", declarerSlackId).put("text", text));
            }
        } catch (SlackApiException e) {
            log.info("Telling the declarer of incident {} in Slack failed: {}", i.id(), e.getMessage());
        }
    }

    private void failed(Incident i, String line, SlackApiException e) {
        log.info("Incident {} of organization {}: {}{}", i.id(), i.orgId(), line, e == null ? "" : " (" + e.getMessage() + ")");
        tx.write(() -> incidentLog.append(i.id(), clock.instant(), "slack", null, "Slack", "Slack", line));
    }
}
