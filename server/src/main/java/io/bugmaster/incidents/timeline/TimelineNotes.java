package io.bugmaster.incidents.timeline;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Subject;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentTimeline;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.TimelineEntry;
import io.bugmaster.signals.NewSignal;
import io.bugmaster.signals.Signals;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * An incident's timeline for people: read it (whole, or only what was pinned), add notes, correct a
 * note's text or time, pin any entry, delete a note. Reading needs {@code event:read}; writing and
 * pinning {@code event:write} (every member); changing or deleting a note is for its author or an
 * admin of the organization. Automatic entries (what the system wrote or computed) are never
 * edited, only pinned.
 */
@Service
public class TimelineNotes {
    public static final String NOTE_ADDED = "incident.note_added";
    private static final String LOG_PREFIX = "log:";

    private final Incidents incidents;
    private final IncidentTimeline timeline;
    private final NoteStore store;
    private final Signals signals;
    private final Transactions tx;
    private final Clock clock;

    TimelineNotes(Incidents incidents, IncidentTimeline timeline, NoteStore store, Signals signals, Transactions tx, Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.store = store;
        this.signals = signals;
        this.tx = tx;
        this.clock = clock;
    }

    /** A new note: its text, its time (null: now) and an optional link. */
    public record NewNote(String message, Instant at, String link) {}

    /** A change to an entry; null leaves a part as it is, an empty link removes it. Only {@code pinned} may change on an automatic entry. */
    public record Change(String message, Instant at, String link, Boolean pinned) {
        boolean editsNote() {
            return message != null || at != null || link != null;
        }
    }

    /** The incident's timeline, oldest first; only its pinned entries when {@code pinnedOnly}. */
    public List<TimelineEntry> list(Actor actor, String orgSlug, String number, boolean pinnedOnly) {
        Incident i = incidents.require(actor, orgSlug, number, Scopes.EVENT_READ).incident();
        List<TimelineEntry> all = timeline.of(i);
        return pinnedOnly ? all.stream().filter(TimelineEntry::pinned).toList() : all;
    }

    /** Adds a note and raises {@code incident.note_added} (its text cut at 500 characters) for the engineers' channel. */
    public TimelineEntry add(Actor actor, String orgSlug, String number, NewNote note, String via) {
        Incident i = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE).incident();
        return insert(i, actor.userId(), actor.email(), note, via);
    }

    /**
     * A note from a chat message sent to the timeline by someone who does not write as a member (a
     * Slack message pinned in the incident's own channel by a person whose account is not linked, or
     * whose role may not write): written under {@code author}, with no user. No access check: the
     * caller verified where it came from.
     */
    public TimelineEntry addFromChat(long incidentId, String author, NewNote note, String via) {
        Incident i = incidents.byId(incidentId).orElseThrow(() -> new NotFoundException("incident " + incidentId + " not found"));
        return insert(i, null, author, note, via);
    }

    private TimelineEntry insert(Incident i, Long userId, String by, NewNote note, String via) {
        String message = NoteRules.message(note.message());
        String link = NoteRules.link(note.link());
        Instant now = clock.instant();
        Instant at = note.at() == null ? now : NoteRules.checkAt(note.at(), i.createdAt(), now);
        Instant originalAt = at.equals(now) ? null : now;
        long id = tx.write(() -> {
            long row = store.insert(i.id(), at, userId, by, via, message, link, originalAt);
            signals.raise(new NewSignal(i.orgId(), Subject.of("incident", i.id()), NOTE_ADDED, Map.of("number", i.number(),
                    "entry_id", LOG_PREFIX + row, "by", by, "message", NoteRules.forSignal(message))), now);
            return row;
        });
        return entry(i, LOG_PREFIX + id);
    }

    /** Changes a note (text, time, link; its author or an admin) and pins or unpins any entry. */
    public TimelineEntry update(Actor actor, String orgSlug, String number, String entryId, Change change) {
        if (!change.editsNote() && change.pinned() == null) {
            throw new InvalidInputException("message", "nothing to change: send message, at, link or pinned");
        }
        Incidents.Found found = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE);
        Incident i = found.incident();
        TimelineEntry current = entry(i, entryId);
        if (change.editsNote()) {
            if (!current.note()) {
                throw new InvalidInputException(change.message() != null ? "message" : change.at() != null ? "at" : "link",
                        "this entry was written by Bugmaster and cannot be edited; only 'pinned' can change (add a note to correct it)");
            }
            NoteStore.Line line = ownNote(found, actor, i, entryId);
            String message = change.message() == null ? line.message() : NoteRules.message(change.message());
            String link = change.link() == null ? line.link() : NoteRules.link(change.link());
            Instant now = clock.instant();
            Instant at = change.at() == null ? line.at() : NoteRules.checkAt(change.at(), i.createdAt(), now);
            // the time it was written stays known once its time is corrected
            Instant originalAt = line.originalAt() != null || at.equals(line.at()) ? line.originalAt() : line.at();
            tx.write(() -> store.update(line.id(), message, at, link, originalAt, now));
        }
        if (change.pinned() != null) {
            tx.write(() -> {
                if (change.pinned()) {
                    store.pin(i.id(), current.id(), actor.userId(), clock.instant());
                } else {
                    store.unpin(i.id(), current.id());
                }
            });
        }
        return entry(i, entryId);
    }

    /** Deletes a note (its author or an admin); automatic entries stay. */
    public void delete(Actor actor, String orgSlug, String number, String entryId) {
        Incidents.Found found = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE);
        Incident i = found.incident();
        TimelineEntry current = entry(i, entryId);
        if (!current.note()) {
            throw new InvalidInputException("entry_id", "this entry was written by Bugmaster and cannot be deleted; only notes can");
        }
        NoteStore.Line line = ownNote(found, actor, i, entryId);
        tx.write(() -> store.delete(i.id(), line.id(), current.id()));
    }

    private TimelineEntry entry(Incident i, String entryId) {
        return timeline.of(i).stream().filter(e -> e.id().equals(entryId)).findFirst()
                .orElseThrow(() -> new NotFoundException("timeline entry '" + entryId + "' not found in incident #" + i.number()));
    }

    private NoteStore.Line ownNote(Incidents.Found found, Actor actor, Incident i, String entryId) {
        long id = Long.parseLong(entryId.substring(LOG_PREFIX.length())); // a note's id is always log:<row>
        NoteStore.Line line = tx.read(() -> store.find(i.id(), id))
                .orElseThrow(() -> new NotFoundException("timeline entry '" + entryId + "' not found in incident #" + i.number()));
        if (!mayChange(line.userId(), actor, found.access())) {
            throw new ForbiddenException("only the author of a note or an admin of the organization may change or delete it");
        }
        return line;
    }

    /** Whether the actor may change or delete this entry: a note they wrote, or any note for an admin (the page shows its form only then). */
    public static boolean mayChange(TimelineEntry e, Actor actor, OrgAccess access) {
        return e.note() && mayChange(e.userId(), actor, access);
    }

    private static boolean mayChange(Long authorId, Actor actor, OrgAccess access) {
        Role role = access.member().role();
        boolean admin = (role == Role.ADMIN || role == Role.OWNER) && access.has(Scopes.EVENT_ADMIN);
        return admin || authorId != null && authorId == actor.userId();
    }
}
