package io.bugmaster.incidents.postmortems;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentLog;
import io.bugmaster.incidents.IncidentPriorities;
import io.bugmaster.incidents.IncidentTimeline;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.ServiceDefinition;
import io.bugmaster.incidents.Services;
import io.bugmaster.incidents.TimelineEntry;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueService;
import io.bugmaster.storage.Transactions;
import io.bugmaster.web.Links;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Postmortems: one per incident, drafted from what the incident recorded, edited as Markdown,
 * reviewed (draft, in review, published) with comments, published into the organization's library.
 * Reading needs {@code event:read}; writing, commenting and publishing {@code event:write} (every
 * member: the people who ran the incident write it). A save names the version it edited: a save
 * over someone else's newer one is refused, never merged or lost.
 */
@Service
public class Postmortems {
    /** 200 KB of Markdown, counted in UTF-8 bytes. */
    public static final int MAX_BODY_BYTES = 200 * 1024;
    public static final int MAX_TITLE = 200;
    public static final int MAX_COMMENT = 5_000;
    static final int COMMENTS_SHOWN = 500;
    static final int MAX_QUERY = 200;

    private final OrganizationService organizations;
    private final Incidents incidents;
    private final IncidentTimeline timeline;
    private final IncidentPriorities priorities;
    private final IncidentLog log;
    private final Services services;
    private final IssueService issues;
    private final Directory directory;
    private final Links links;
    private final PostmortemLinks pages;
    private final PostmortemStore store;
    private final ActionItemStore items;
    private final Transactions tx;
    private final Clock clock;

    Postmortems(OrganizationService organizations, Incidents incidents, IncidentTimeline timeline, IncidentPriorities priorities,
            IncidentLog log, Services services, IssueService issues, Directory directory, Links links, PostmortemLinks pages, PostmortemStore store,
            ActionItemStore items, Transactions tx, Clock clock) {
        this.organizations = organizations;
        this.incidents = incidents;
        this.timeline = timeline;
        this.priorities = priorities;
        this.log = log;
        this.services = services;
        this.issues = issues;
        this.directory = directory;
        this.links = links;
        this.pages = pages;
        this.store = store;
        this.items = items;
        this.tx = tx;
        this.clock = clock;
    }

    /** A postmortem with its incident. */
    public record Found(Incident incident, Postmortem postmortem) {}

    /** A comment with its author's name (null once the account is gone). */
    public record Comment(PostmortemComment comment, Directory.Person author) {}

    /** What a save changes: each field null to keep it. {@code version} is the version the editor started from. */
    public record Edit(String title, String body, String state, Long version) {}

    /** Drafts the incident's postmortem from its record. Refused when it has one already. */
    public Found draft(Actor actor, String orgSlug, String number) {
        Incidents.Found found = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE);
        Incident i = found.incident();
        Instant now = clock.instant();
        String body = markdown(found.access(), i, now);
        String title = PostmortemDraft.title(i.number(), i.title());
        tx.write(() -> {
            if (!store.insert(i.orgId(), i.id(), cut(title, MAX_TITLE), body, actor.userId(), now)) {
                throw new ConflictException("incident #" + i.number() + " already has a postmortem; open it to edit it");
            }
            log.append(i.id(), now, "postmortem", actor.userId(), actor.email(), via(actor), "Postmortem drafted by " + actor.email());
        });
        return new Found(i, store.ofIncident(i.id()).orElseThrow());
    }

    public Found get(Actor actor, String orgSlug, String number) {
        Incidents.Found found = incidents.require(actor, orgSlug, number, Scopes.EVENT_READ);
        return new Found(found.incident(), require(found.incident()));
    }

    /** The incident and its postmortem if it has one (null otherwise): for the incident page. */
    public Postmortem ofIncident(Incident incident) {
        return store.ofIncident(incident.id()).orElse(null);
    }

    /** Saves title, body and state as one change; refused when {@code version} is not the current one. */
    public Found save(Actor actor, String orgSlug, String number, Edit edit) {
        Incidents.Found found = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE);
        Incident i = found.incident();
        if (edit.version() == null) {
            throw new InvalidInputException("version", "is required: the version of the postmortem this edit started from"
                    + " (a save over a newer version is refused)");
        }
        String title = edit.title() == null ? null : edit.title().strip();
        if (title != null && (title.isEmpty() || title.length() > MAX_TITLE)) {
            throw new InvalidInputException("title", "must be 1 to " + MAX_TITLE + " characters");
        }
        if (edit.body() != null && edit.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new InvalidInputException("body", "is " + edit.body().getBytes(StandardCharsets.UTF_8).length / 1024
                    + " KB; a postmortem holds at most " + MAX_BODY_BYTES / 1024 + " KB of Markdown");
        }
        PostmortemState wanted = edit.state() == null ? null : PostmortemState.parse(edit.state().strip()).orElseThrow(
                () -> new InvalidInputException("state", "unknown state '" + edit.state() + "'; use draft, in_review or published"));
        Instant now = clock.instant();
        tx.write(() -> {
            Postmortem p = require(i);
            if (p.version() != edit.version()) {
                throw new ConflictException(stale(p));
            }
            PostmortemState to = wanted == null ? p.state() : wanted;
            if (!p.state().mayMoveTo(to)) {
                throw new InvalidInputException("state", "a postmortem that is " + p.state().label().toLowerCase(java.util.Locale.ROOT)
                        + " can move to " + String.join(" or ", p.state().next().stream().map(PostmortemState::id).sorted().toList())
                        + ", not to " + to.id());
            }
            Instant publishedAt = to == PostmortemState.PUBLISHED ? (p.state() == PostmortemState.PUBLISHED ? p.publishedAt() : now)
                    : p.publishedAt();
            if (!store.update(p.id(), p.version(), Objects.requireNonNullElse(title, p.title()), Objects.requireNonNullElse(edit.body(),
                    p.body()), to, actor.userId(), now, publishedAt)) {
                throw new ConflictException(stale(store.ofIncident(i.id()).orElseThrow()));
            }
            if (to != p.state()) {
                log.append(i.id(), now, "postmortem", actor.userId(), actor.email(), via(actor), "Postmortem " + switch (to) {
                    case DRAFT -> "back to draft";
                    case IN_REVIEW -> "sent for review";
                    case PUBLISHED -> "published";
                } + " by " + actor.email());
            }
        });
        return new Found(i, store.ofIncident(i.id()).orElseThrow());
    }

    public Comment comment(Actor actor, String orgSlug, String number, String text) {
        Incidents.Found found = incidents.require(actor, orgSlug, number, Scopes.EVENT_WRITE);
        String body = text == null ? "" : text.strip();
        if (body.isEmpty() || body.length() > MAX_COMMENT) {
            throw new InvalidInputException("comment", "must be 1 to " + MAX_COMMENT + " characters");
        }
        Postmortem p = require(found.incident());
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as stored
        long id = tx.write(() -> store.addComment(p.id(), actor.userId(), body, now));
        return new Comment(new PostmortemComment(id, p.id(), actor.userId(), body, now),
                directory.people(List.of(actor.userId())).get(actor.userId()));
    }

    public List<Comment> comments(Actor actor, String orgSlug, String number) {
        return comments(get(actor, orgSlug, number).postmortem());
    }

    List<Comment> comments(Postmortem p) {
        List<PostmortemComment> all = store.comments(p.id(), COMMENTS_SHOWN);
        Map<Long, Directory.Person> people = directory.people(all.stream().map(PostmortemComment::userId).filter(Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet()));
        return all.stream().map(c -> new Comment(c, c.userId() == null ? null : people.get(c.userId()))).toList();
    }

    /**
     * The organization's published postmortems, newest first: {@code query} words must all appear in
     * the title or the body (any case); {@code serviceId} keeps those whose incident impaired that service.
     */
    public Page<Postmortem> library(Actor actor, String orgSlug, String query, String serviceId, int offset, int limit) {
        OrgAccess access = organizations.access(actor, orgSlug).require(Scopes.EVENT_READ);
        String q = query == null ? "" : query.strip();
        if (q.length() > MAX_QUERY) {
            throw new InvalidInputException("query", "is at most " + MAX_QUERY + " characters");
        }
        List<String> words = Arrays.stream(q.split("\\s+")).filter(w -> !w.isEmpty()).limit(10).toList();
        Long service = null;
        if (serviceId != null && !serviceId.isBlank()) {
            try {
                service = Long.parseLong(serviceId.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("service", "a service id is a number, got '" + serviceId + "'");
            }
        }
        return Page.of(store.published(access.org().id(), words, service, offset, limit + 1), offset, limit);
    }

    /** The published postmortems of the incidents an error issue is linked to (for the issue's page). */
    public List<Postmortem> publishedForIssue(long orgId, long issueId) {
        return store.publishedForIssue(orgId, issueId, 20);
    }

    /** The published postmortems of the incidents that impaired a service (for the service's page). */
    public List<Postmortem> publishedForService(long orgId, long serviceId) {
        return store.published(orgId, List.of(), serviceId, 0, 20);
    }

    /** The file a download of the postmortem is saved as. */
    public static String fileName(Postmortem p) {
        return "postmortem-incident-" + p.incidentNumber() + ".md";
    }

    private Postmortem require(Incident i) {
        return store.ofIncident(i.id()).orElseThrow(() -> new NotFoundException("incident #" + i.number()
                + " has no postmortem yet; draft one first"));
    }

    private static String stale(Postmortem current) {
        return "the postmortem was saved by someone else since you opened it (it is now at version " + current.version()
                + "); your text was not saved: copy it, reload, and apply your changes again";
    }

    private static String via(Actor actor) {
        return actor.viaToken() ? "api" : "web";
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The first draft: the incident's record in seed 003's sections. */
    private String markdown(OrgAccess access, Incident i, Instant now) {
        String org = access.org().slug();
        List<String> serviceNames = new ArrayList<>();
        for (long id : incidents.impactedServiceIds(i.id())) {
            services.service(i.orgId(), id).map(ServiceDefinition::name).ifPresent(serviceNames::add);
        }
        String priority = i.priority() == null ? null : priorities.find(i.orgId(), i.priority())
                .map(p -> p.label() + " (" + p.description() + ")").orElse("P" + i.priority());
        List<PostmortemDraft.IssueImpact> impacts = new ArrayList<>();
        for (long issueId : incidents.linkedIssueIds(i.id())) {
            issues.issue(issueId).filter(x -> x.orgId() == i.orgId()).ifPresent((Issue x) -> impacts.add(new PostmortemDraft.IssueImpact(
                    x.shortId(), x.title(), links.issue(org, x.id()), x.timesSeen(), x.userCount())));
        }
        List<TimelineEntry> entries = timeline.of(i);
        Set<Long> userIds = new HashSet<>();
        entries.stream().map(TimelineEntry::userId).filter(Objects::nonNull).forEach(userIds::add);
        List<ActionItem> actions = items.ofIncident(i.id(), ActionItems.MAX_PER_INCIDENT);
        actions.stream().map(ActionItem::ownerUserId).filter(Objects::nonNull).forEach(userIds::add);
        Map<Long, Directory.Person> people = directory.people(userIds);
        Map<Long, String> names = new java.util.HashMap<>();
        people.forEach((id, p) -> names.put(id, ActionItems.name(p)));
        List<PostmortemDraft.ActionLine> lines = actions.stream().map(a -> new PostmortemDraft.ActionLine(a.title(),
                a.ownerUserId() == null ? null : names.get(a.ownerUserId()), a.dueDate(), a.done(), a.externalUrl())).toList();
        return PostmortemDraft.markdown(new PostmortemDraft.Facts(i.number(), i.title(), pages.incident(org, i.number()), i.description(),
                i.createdAt(), i.acknowledgedAt(), i.resolvedAt(), priority, serviceNames, store.stages(i.id()), impacts, entries, names,
                lines, now));
    }
}
