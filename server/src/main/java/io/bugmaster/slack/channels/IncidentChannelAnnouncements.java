package io.bugmaster.slack.channels;

import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.signals.Signal;
import io.bugmaster.signals.SignalConsumer;
import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackText;
import io.bugmaster.slack.calls.SlackCalls;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.install.SlackInstallations;
import io.bugmaster.slack.people.SlackPeople;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * An incident's own Slack channel follows the incident ({@code slack-incident-channels}): status
 * updates and role changes are announced there ({@code chat.postMessage}, queued with retries), and
 * whoever is paged, given a role or asked to respond is invited (after the transaction, as Slack may
 * have to be asked who they are).
 */
@Component
class IncidentChannelAnnouncements implements SignalConsumer {
    static final String STATUS_UPDATE = "incident.status_update";
    static final String ROLE_ASSIGNED = "incident.role_assigned";
    /** Signals after which the incident has people its channel may not have yet. */
    static final Set<String> NEW_PEOPLE = Set.of("incident.escalated", "incident.responders_added", ROLE_ASSIGNED);

    private final SlackIncidentChannels channels;
    private final SlackInstallations installations;
    private final SlackCalls calls;
    private final SlackPeople people;
    private final Incidents incidents;
    private final Directory directory;
    private final IncidentChannelSetup setup;
    private final SlackBackground background;

    IncidentChannelAnnouncements(SlackIncidentChannels channels, SlackInstallations installations, SlackCalls calls, SlackPeople people,
            Incidents incidents, Directory directory, IncidentChannelSetup setup, SlackBackground background) {
        this.channels = channels;
        this.installations = installations;
        this.calls = calls;
        this.people = people;
        this.incidents = incidents;
        this.directory = directory;
        this.setup = setup;
        this.background = background;
    }

    @Override
    public String name() {
        return "slack-incident-channels";
    }

    @Override
    public void handle(List<Signal> signals, Instant now) {
        Map<Long, Optional<SlackInstallation>> byOrg = new HashMap<>();
        for (Signal signal : signals) {
            boolean announce = signal.kind().equals(STATUS_UPDATE) || signal.kind().equals(ROLE_ASSIGNED);
            if (!signal.subject().is("incident") || !(announce || NEW_PEOPLE.contains(signal.kind()))) {
                continue;
            }
            Optional<SlackIncidentChannels.Channel> channel = channels.channelOf(signal.subject().number());
            Optional<Incident> incident = incidents.byId(signal.subject().number());
            if (channel.isEmpty() || incident.isEmpty()) {
                continue;
            }
            Optional<SlackInstallation> installation = byOrg.computeIfAbsent(signal.orgId(), installations::forOrg);
            if (installation.isEmpty()) {
                continue;
            }
            Incident i = incident.get();
            String text = switch (signal.kind()) {
                case STATUS_UPDATE -> statusUpdate(signal);
                case ROLE_ASSIGNED -> roleAssigned(signal);
                default -> null;
            };
            if (text != null) {
                calls.enqueue(i.orgId(), "chat.postMessage", SlackApi.object().put("channel", channel.get().channel()).put("text", text)
                        .put("unfurl_links", false), "announce:" + signal.id());
            }
            if (NEW_PEOPLE.contains(signal.kind())) {
                SlackInstallation slack = installation.get();
                background.submit("invite to incident " + i.id() + "'s channel", () -> setup.inviteResponders(slack, i, null));
            }
        }
    }

    /** The update in the words of its log line ({@code Status update (identified) by ana@…: …}), carried by the signal. */
    private static String statusUpdate(Signal signal) {
        String said = signal.text("said");
        return said == null ? null : ":loudspeaker: " + SlackText.escape(said);
    }

    /** {@code <@U…> is now Incident manager}: mentioned when linked (no Slack call here), else named. */
    private String roleAssigned(Signal signal) {
        String role = signal.text("role_name");
        String userId = signal.text("user_id");
        if (role == null || userId == null || !userId.matches("[0-9]{1,18}")) {
            return null;
        }
        long uid = Long.parseLong(userId);
        String who = people.links(signal.orgId()).entrySet().stream().filter(e -> e.getValue() == uid).map(e -> SlackText.mention(e.getKey()))
                .findFirst().orElseGet(() -> directory.memberEmail(signal.orgId(), uid).map(SlackText::escape).orElse("Someone"));
        String by = signal.text("by");
        return who + " is now " + SlackText.escape(role) + (by == null ? "" : " (assigned by " + SlackText.escape(by) + ")");
    }
}
