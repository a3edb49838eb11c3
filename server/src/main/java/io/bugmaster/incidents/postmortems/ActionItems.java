package io.bugmaster.incidents.postmortems;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.WebAddresses;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentLog;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The preventative actions of incidents: each has an owner (a member of the organization), a due
 * day, open or done, and the address of the ticket that tracks it (http or https only). Reading
 * needs {@code event:read}, changing {@code event:write}. An item is addressed through its
 * incident: another incident's or organization's item is "not found".
 */
@Service
public class ActionItems {
    static final int MAX_PER_INCIDENT = 200;
    public static final int MAX_TITLE = 300;
    public static final int MAX_URL = 2_000;
    static final int OPEN_SHOWN = 500;

    private final OrganizationService organizations;
    private final Incidents incidents;
    private final IncidentLog log;
    private final Directory directory;
    private final ActionItemStore store;
    private final Transactions tx;
    private final Clock clock;

    ActionItems(OrganizationService organizations, Incidents incidents, IncidentLog log, Directory directory, ActionItemStore store,
            Transactions tx, Clock clock) {
        this.organizations = organizations;
        this.incidents = incidents;
        this.log = log;
        this.directory = directory;
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    /** What a form or API body says; on an update each null field keeps its value (an empty due date or link removes it). */
    public record Input(String title, String ownerId, String dueDate, String status, String externalUrl) {}

    /** An item as shown: its owner (null once they left), its incident, and whether it is overdue today (UTC). */
    public record Row(ActionItem item, Directory.Person owner, long incidentNumber, String incidentTitle, boolean overdue) {}

    public List<Row> list(Actor actor, String orgSlug, String number) {
        Incident i = incidents.require(actor, orgSlug, number, Scopes.EVENT_READ).incident();
        return rows(store.ofIncident(i.id(), MAX_PER_INCIDENT));
    }

    /** The incident's items, for its page (the caller has checked access). */
    public List<Row> ofIncident(Incident i) {
        return rows(store.ofIncident(i.id(), MAX_PER_INCIDENT));
    }

    /** The organization's open items, the earliest due first. */
    public List<Row> open(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_READ);
        return rows(store.openOf(access.org().id(), OPEN_SHOWN));
    }

    public Row create(Actor actor, String orgSlug, String number, Input in) {
        Incident i = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE).incident();
        String title = title(in.title());
        if (title == null) {
            throw new InvalidInputException("title", "is required: what needs doing so this does not happen again");
        }
        if (in.ownerId() == null || in.ownerId().isBlank()) {
            throw new InvalidInputException("owner_id", "is required: the member who sees the action through");
        }
        long owner = owner(i.orgId(), in.ownerId());
        LocalDate due = due(in.dueDate());
        String url = url(in.externalUrl());
        if (in.status() != null && !in.status().isBlank() && !status(in.status()).equals("open")) {
            throw new InvalidInputException("status", "a new action item is open; mark it done once it is");
        }
        Instant now = clock.instant();
        long id = tx.write(() -> {
            if (store.ofIncident(i.id(), MAX_PER_INCIDENT).size() >= MAX_PER_INCIDENT) {
                throw new ConflictException("incident #" + i.number() + " has " + MAX_PER_INCIDENT + " action items, the most it may have");
            }
            long created = store.insert(i.orgId(), i.id(), title, owner, due, url, actor.userId(), now);
            log.append(i.id(), now, "action_item", actor.userId(), actor.email(), via(actor), "Action item added: " + title);
            return created;
        });
        return row(store.find(i.id(), id).orElseThrow());
    }

    public Row update(Actor actor, String orgSlug, String number, String id, Input in) {
        Incident i = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE).incident();
        ActionItem current = find(i, id);
        String title = in.title() == null ? current.title() : title(in.title());
        if (title == null) {
            throw new InvalidInputException("title", "cannot be empty");
        }
        long owner = in.ownerId() == null ? Objects.requireNonNullElse(current.ownerUserId(), -1L) : owner(i.orgId(), in.ownerId());
        if (owner < 0) {
            throw new InvalidInputException("owner_id", "is required: its owner left the organization; name another member");
        }
        LocalDate due = in.dueDate() == null ? current.dueDate() : due(in.dueDate());
        String url = in.externalUrl() == null ? current.externalUrl() : url(in.externalUrl());
        boolean done = in.status() == null || in.status().isBlank() ? current.done() : status(in.status()).equals("done");
        Instant now = clock.instant();
        tx.write(() -> {
            Instant doneAt = done ? (current.done() ? current.doneAt() : now) : null;
            store.update(current.id(), title, owner, due, done, url, doneAt);
            if (done != current.done()) {
                log.append(i.id(), now, "action_item", actor.userId(), actor.email(), via(actor),
                        (done ? "Action item done: " : "Action item reopened: ") + title);
            }
        });
        return row(store.find(i.id(), current.id()).orElseThrow());
    }

    public void delete(Actor actor, String orgSlug, String number, String id) {
        Incident i = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE).incident();
        ActionItem current = find(i, id);
        Instant now = clock.instant();
        tx.write(() -> {
            store.delete(i.id(), current.id());
            log.append(i.id(), now, "action_item", actor.userId(), actor.email(), via(actor), "Action item removed: " + current.title());
        });
    }

    /** A person as the items name them: their name, or their email when they have none. */
    static String name(Directory.Person p) {
        return p.name() == null || p.name().isBlank() ? p.email() : p.name();
    }

    private ActionItem find(Incident i, String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no action item " + id + " on incident #" + i.number());
        }
        return store.find(i.id(), n).orElseThrow(() -> new NotFoundException("no action item " + id + " on incident #" + i.number()));
    }

    private Row row(ActionItem item) {
        return rows(List.of(item)).get(0);
    }

    private List<Row> rows(List<ActionItem> items) {
        Map<Long, Directory.Person> owners = items.isEmpty() ? Map.of() : directory.joinedMembers(items.get(0).orgId(),
                items.stream().map(ActionItem::ownerUserId).filter(Objects::nonNull).collect(Collectors.toSet()));
        Map<Long, Incident> byId = new HashMap<>();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return items.stream().map(a -> {
            Incident i = byId.computeIfAbsent(a.incidentId(), id -> incidents.byId(id).orElseThrow());
            return new Row(a, a.ownerUserId() == null ? null : owners.get(a.ownerUserId()), i.number(), i.title(), a.overdue(today));
        }).toList();
    }

    private long owner(long orgId, String ownerId) {
        long id;
        try {
            id = Long.parseLong(ownerId.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("owner_id", "a user id is a number, got '" + ownerId + "'");
        }
        if (directory.joinedMember(orgId, id).isEmpty()) {
            throw new InvalidInputException("owner_id", "no member of this organization has user id " + id);
        }
        return id;
    }

    private static String title(String title) {
        String t = title == null ? "" : title.strip();
        if (t.length() > MAX_TITLE) {
            throw new InvalidInputException("title", "is at most " + MAX_TITLE + " characters");
        }
        return t.isEmpty() ? null : t;
    }

    private static LocalDate due(String due) {
        if (due == null || due.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(due.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("due_date", "is a day written as 2026-12-31, got '" + due + "'");
        }
    }

    private static String status(String status) {
        String s = status.strip().toLowerCase(Locale.ROOT);
        if (!s.equals("open") && !s.equals("done")) {
            throw new InvalidInputException("status", "unknown status '" + status + "'; use open or done");
        }
        return s;
    }

    /** The ticket's address: http or https with a host, or nothing. */
    static String url(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.strip();
        if (u.length() > MAX_URL) {
            throw new InvalidInputException("external_url", "is at most " + MAX_URL + " characters");
        }
        if (WebAddresses.isHttp(u)) {
            return u;
        }
        throw new InvalidInputException("external_url", "must be an http or https address such as https://tracker.example.com/TICKET-1,"
                + " got '" + u + "'");
    }

    private static String via(Actor actor) {
        return actor.viaToken() ? "api" : "web";
    }
}
