package io.bugmaster.incidents.comms;

import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.notify.Channel;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import io.bugmaster.signals.Signal;
import io.bugmaster.signals.SignalConsumer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The engineers' channel ({@code incident-comms}): each technical note ({@code incident.note_added})
 * and each milestone of an incident (declared, stage and priority changes, roles, responders, the
 * fixing decision, resolved) is posted once to the incident's tech channel, under a key made of the
 * signal's id, so a signal handled twice queues one message. A milestone is told in the words its
 * signal carries ({@code said}) or else its log line's. It also restarts the update reminder's
 * clock when an incident is declared or its priority set.
 */
@Component
class TechChannelPosts implements SignalConsumer {
    /** What each signal is called in the message's title, and the log kinds whose line tells it in words. */
    record Milestone(String what, List<String> logKinds, String fallback) {}

    static final Map<String, Milestone> MILESTONES = Map.of(
            "incident.declared", new Milestone("Declared", List.of("declared", "triggered"), "Declared"),
            "incident.stage_changed", new Milestone("Stage", List.of("stage"), "The stage changed"),
            "incident.priority_changed", new Milestone("Priority", List.of("priority"), "The priority changed"),
            "incident.role_assigned", new Milestone("Role", List.of("role"), "A role was assigned"),
            "incident.responders_added", new Milestone("Responders", List.of("responder"), "Responders were added"),
            "incident.decision", new Milestone("Decision", List.of("decision"), "The fixing decision was recorded"),
            "incident.resolved", new Milestone("Resolved", List.of("resolved"), "Resolved"));
    static final String NOTE = "incident.note_added";

    private final IncidentComms comms;
    private final Incidents incidents;
    private final NotificationQueue queue;
    private final CommsStore store;
    private final Directory directory;

    TechChannelPosts(IncidentComms comms, Incidents incidents, NotificationQueue queue, CommsStore store, Directory directory) {
        this.comms = comms;
        this.incidents = incidents;
        this.queue = queue;
        this.store = store;
        this.directory = directory;
    }

    @Override
    public String name() {
        return "incident-comms";
    }

    @Override
    public void handle(List<Signal> signals, Instant now) {
        for (Signal signal : signals) {
            if (!signal.subject().is("incident")) {
                continue;
            }
            boolean note = NOTE.equals(signal.kind());
            Milestone milestone = MILESTONES.get(signal.kind());
            if (!note && milestone == null) {
                continue;
            }
            Optional<Incident> found = incidents.byId(signal.subject().number());
            if (found.isEmpty()) {
                continue;
            }
            Incident i = found.get();
            if (signal.kind().equals("incident.declared") || signal.kind().equals("incident.priority_changed")) {
                store.quietSince(i.id(), signal.createdAt());
            }
            Optional<Channel> channel = comms.techChannel(i);
            if (channel.isEmpty()) {
                continue;
            }
            String org = directory.orgSlug(i.orgId()).orElse("");
            CommsMessages.Facts facts = comms.facts(i, org);
            String by = signal.text("by");
            String key = i.subject() + ":tech:s" + signal.id() + ":c" + channel.get().id();
            var message = note
                    ? CommsMessages.techPost(key, facts, signal.kind(), "Note", "Note by " + (by == null ? "someone" : by),
                            text(signal.text("message"), "(empty note)"), now)
                    : CommsMessages.techPost(key, facts, signal.kind(), milestone.what(), milestone.fallback()
                            + (by == null ? "" : " by " + by), Optional.ofNullable(signal.text("said"))
                            .or(() -> store.logLine(i.id(), milestone.logKinds(), signal.createdAt()))
                            .orElse(milestone.fallback() + (by == null ? "" : " by " + by)), now);
            queue.enqueue(i.orgId(), Recipient.channel(channel.get().id()), message);
        }
    }

    private static String text(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
