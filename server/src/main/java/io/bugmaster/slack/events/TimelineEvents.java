package io.bugmaster.slack.events;

import io.bugmaster.slack.channels.SlackBackground;
import io.bugmaster.slack.channels.SlackIncidentChannels;
import io.bugmaster.slack.inbound.SlackHandlers;
import io.bugmaster.slack.inbound.SlackReply;
import io.bugmaster.slack.inbound.SlackRequest;
import io.bugmaster.slack.install.SlackInstallation;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The Events API: a message pinned ({@code pin_added}), or marked with the installation's timeline
 * reaction ({@code reaction_added}), in an incident's own channel goes to the incident's timeline.
 * Slack gets its answer at once; the note is written in the background. Everything else (other
 * channels, other reactions, the bot's own pins and reactions, other workspaces) is answered and ignored.
 */
@Component
class TimelineEvents implements SlackHandlers.Events {
    private final SlackIncidentChannels channels;
    private final SlackBackground background;
    private final TimelinePins pins;

    TimelineEvents(SlackIncidentChannels channels, SlackBackground background, TimelinePins pins) {
        this.channels = channels;
        this.background = background;
        this.pins = pins;
    }

    @Override
    public SlackReply event(SlackRequest request, JsonNode callback) {
        SlackInstallation installation = request.installation();
        if (!installation.teamId().equals(callback.path("team_id").asString(""))) {
            return SlackReply.EMPTY;
        }
        JsonNode event = callback.path("event");
        String by = event.path("user").asString("");
        if (by.isEmpty() || by.equals(installation.botUserId())) {
            return SlackReply.EMPTY;
        }
        JsonNode item = event.path("item");
        if (!item.path("type").asString("").equals("message")) {
            return SlackReply.EMPTY;
        }
        switch (event.path("type").asString("")) {
            case "pin_added" -> {
                JsonNode message = item.path("message");
                String channel = event.path("channel_id").asString(item.path("channel").asString(""));
                String ts = message.path("ts").asString("");
                incidentOf(installation, channel, ts).ifPresent(incident -> background.submit("pin in " + channel,
                        () -> pins.toTimeline(installation, incident, new TimelinePins.Marked(channel, ts, by,
                                new TimelinePins.Message(message.path("text").asString(""), message.path("user").asString(null),
                                        message.path("permalink").asString(null))))));
            }
            case "reaction_added" -> {
                if (!event.path("reaction").asString("").equals(installation.timelineReaction())) {
                    return SlackReply.EMPTY;
                }
                String channel = item.path("channel").asString("");
                String ts = item.path("ts").asString("");
                incidentOf(installation, channel, ts).ifPresent(incident -> background.submit("reaction in " + channel,
                        () -> pins.toTimeline(installation, incident, new TimelinePins.Marked(channel, ts, by, null))));
            }
            default -> {
                // not an event Bugmaster subscribes to for the timeline
            }
        }
        return SlackReply.EMPTY;
    }

    private Optional<Long> incidentOf(SlackInstallation installation, String channel, String ts) {
        return channel.isEmpty() || ts.isEmpty() ? Optional.empty() : channels.incidentOf(installation.orgId(), channel);
    }
}
