package io.bugmaster.notify;

import io.bugmaster.notify.discord.DiscordTransport;
import io.bugmaster.notify.email.EmailTransport;
import io.bugmaster.notify.mattermost.MattermostTransport;
import io.bugmaster.notify.pagerduty.PagerDutyTransport;
import io.bugmaster.notify.slack.SlackTransport;
import io.bugmaster.notify.teams.TeamsTransport;
import io.bugmaster.notify.webhook.WebhookTransport;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The registry: which transport sends for which kind of channel. One line per kind, kept explicit. */
@Component
public class Transports {
    private final Map<ChannelKind, Transport> byKind = new EnumMap<>(ChannelKind.class);

    public Transports(SlackTransport slack, MattermostTransport mattermost, DiscordTransport discord, TeamsTransport teams,
            EmailTransport email, WebhookTransport webhook, PagerDutyTransport pagerduty) {
        register(slack);
        register(mattermost);
        register(discord);
        register(teams);
        register(email);
        register(webhook);
        register(pagerduty);
        for (ChannelKind kind : ChannelKind.values()) {
            if (!byKind.containsKey(kind)) {
                throw new IllegalStateException("no transport registered for channel kind " + kind.id());
            }
        }
    }

    private void register(Transport transport) {
        if (byKind.put(transport.kind(), transport) != null) {
            throw new IllegalStateException("two transports for channel kind " + transport.kind().id());
        }
    }

    public Transport forKind(ChannelKind kind) {
        return byKind.get(kind);
    }
}
