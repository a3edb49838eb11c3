package io.bugmaster.slack.events;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.timeline.NoteRules;
import io.bugmaster.incidents.timeline.TimelineNotes;
import io.bugmaster.slack.SlackApi;
import io.bugmaster.slack.SlackApiException;
import io.bugmaster.slack.install.SlackInstallation;
import io.bugmaster.slack.people.SlackPeople;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Writes a Slack message of an incident's channel on the incident's timeline, once per message
 * (pinned twice, or pinned and marked: one note). The note is the linked member's when the person
 * who pinned it is one who may write on incidents; otherwise it is written under their Slack id.
 */
@Service
class TimelinePins {
    private static final Logger log = LoggerFactory.getLogger(TimelinePins.class);

    private final SlackApi api;
    private final SlackPeople people;
    private final Incidents incidents;
    private final TimelineNotes notes;
    private final SlackTimelineMessageStore store;
    private final Directory directory;
    private final Transactions tx;
    private final Clock clock;

    TimelinePins(SlackApi api, SlackPeople people, Incidents incidents, TimelineNotes notes, SlackTimelineMessageStore store,
            Directory directory, Transactions tx, Clock clock) {
        this.api = api;
        this.people = people;
        this.incidents = incidents;
        this.notes = notes;
        this.store = store;
        this.directory = directory;
        this.tx = tx;
        this.clock = clock;
    }

    /** A message as the event gave it: its text, author and permalink (null parts are fetched). */
    record Message(String text, String author, String permalink) {}

    /** Which message was marked, and by whom; {@code message} null when the event did not carry it (a reaction). */
    record Marked(String channel, String ts, String by, Message message) {}

    void toTimeline(SlackInstallation installation, long incidentId, Marked marked) {
        Optional<Incident> incident = incidents.byId(incidentId).filter(i -> i.orgId() == installation.orgId());
        if (incident.isEmpty()) {
            return;
        }
        if (store.known(installation.orgId(), marked.channel(), marked.ts())) {
            return; // on the timeline already: Slack is not asked for its text again
        }
        Message message = marked.message() != null ? marked.message() : fetch(installation, marked.channel(), marked.ts());
        if (message == null) {
            return;
        }
        String link = message.permalink() != null ? message.permalink() : permalink(installation, marked.channel(), marked.ts());
        Incident i = incident.get();
        Actor actor = people.person(installation, marked.by()).map(SlackPeople.Linked::actor).filter(a -> mayWrite(a, i)).orElse(null);
        TimelineNotes.NewNote note = new TimelineNotes.NewNote(TimelineMessage.note(message.text(), message.author()),
                TimelineMessage.placed(marked.ts(), i.createdAt(), clock.instant()), checked(link));
        tx.write(() -> {
            if (!store.firstTime(i.orgId(), marked.channel(), marked.ts(), i.id(), clock.instant())) {
                return;
            }
            if (actor != null) {
                notes.add(actor, directory.orgSlug(i.orgId()).orElseThrow(), Long.toString(i.number()), note, "Slack");
            } else {
                notes.addFromChat(i.id(), "Slack user " + marked.by(), note, "Slack");
            }
        });
    }

    private boolean mayWrite(Actor actor, Incident i) {
        try {
            incidents.require(actor, directory.orgSlug(i.orgId()).orElseThrow(), Long.toString(i.number()), Scopes.EVENT_WRITE);
            return true;
        } catch (ForbiddenException | NotFoundException e) {
            return false;
        }
    }

    /** The message at ts ({@code conversations.history}, the bot being in the channel); null when Slack has none. */
    private Message fetch(SlackInstallation installation, String channel, String ts) {
        try {
            JsonNode reply = api.call(installation.botToken(), "conversations.history", SlackApi.object().put("channel", channel)
                    .put("latest", ts).put("inclusive", true).put("limit", 1));
            for (JsonNode m : reply.path("messages")) {
                if (m.path("ts").asString("").equals(ts)) {
                    return new Message(m.path("text").asString(""), m.path("user").asString(null), null);
                }
            }
            log.info("Slack message {} of {} (organization {}) not found: a reply in a thread, or deleted", ts, channel, installation.orgId());
        } catch (SlackApiException e) {
            log.info("Slack conversations.history for {} in organization {} failed: {}", channel, installation.orgId(), e.getMessage());
        }
        return null;
    }

    private String permalink(SlackInstallation installation, String channel, String ts) {
        try {
            return api.call(installation.botToken(), "chat.getPermalink", SlackApi.object().put("channel", channel).put("message_ts", ts))
                    .path("permalink").asString(null);
        } catch (SlackApiException e) {
            log.info("Slack chat.getPermalink for {} in organization {} failed: {}", channel, installation.orgId(), e.getMessage());
            return null;
        }
    }

    /** The link when the timeline accepts it (an http(s) address), else none: the note is worth more than its link. */
    private static String checked(String link) {
        try {
            return NoteRules.link(link);
        } catch (InvalidInputException e) {
            return null;
        }
    }
}
