package io.bugmaster.slack.channels;

import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The Slack channel each incident got of its own ({@code #inc-7-checkout-down}): where its card,
 * announcements and the messages people pin for its timeline are, and which incident a command
 * typed in a channel is about.
 */
@Service
public class SlackIncidentChannels {
    private final SlackIncidentChannelStore store;
    private final Transactions tx;
    private final Clock clock;

    SlackIncidentChannels(SlackIncidentChannelStore store, Transactions tx, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    /** An incident's channel: Slack's id ({@code C…}) and the name it was created with. */
    public record Channel(long incidentId, long orgId, String channel, String name, Instant createdAt) {}

    public Optional<Channel> channelOf(long incidentId) {
        return store.byIncident(incidentId);
    }

    /** The incident whose channel this is, in the organization's workspace. */
    public Optional<Long> incidentOf(long orgId, String channel) {
        if (channel == null || channel.isBlank()) {
            return Optional.empty();
        }
        return store.byChannel(orgId, channel).map(Channel::incidentId);
    }

    public void record(long orgId, long incidentId, String channel, String name) {
        tx.write(() -> store.save(orgId, incidentId, channel, name, clock.instant()));
    }
}
