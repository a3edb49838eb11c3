package io.bugmaster.events;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Event retrieval, always through the issue's (or project's) organization with the caller's
 * access, and the few event moves the issue workflow needs (merging issues).
 */
@Service
public class EventService {
    private static final Pattern EVENT_ID = Pattern.compile("[0-9a-f]{32}");

    private final EventStore store;
    private final IssueScopes issues;
    private final OrganizationService organizations;
    private final Directory directory;

    public EventService(EventStore store, IssueScopes issues, OrganizationService organizations, Directory directory) {
        this.store = store;
        this.issues = issues;
        this.organizations = organizations;
        this.directory = directory;
    }

    /** A project of the organization whose events the caller may read: "not found" before "forbidden". */
    private long readableProject(Actor actor, String orgSlug, String projectSlug) {
        OrgAccess access = organizations.access(actor, orgSlug);
        long projectId = directory.projectId(access.org().id(), projectSlug)
                .orElseThrow(() -> new NotFoundException("project '" + projectSlug + "' not found"));
        access.require(Scopes.EVENT_READ);
        return projectId;
    }

    /** An issue's events, newest first; {@code full} adds the entries (stack traces, breadcrumbs, request). */
    public Page<ObjectNode> listForIssue(Actor actor, String orgSlug, String issueId, boolean full, int offset, int limit) {
        long id = issues.readable(actor, orgSlug, issueId).id();
        Page<StoredEvent> page = Page.of(store.listForIssue(id, offset, limit + 1), offset, limit);
        List<ObjectNode> rendered = page.items().stream().map(e -> full ? render(e)
                : EventDocument.summary(e, EventDocument.payload(e), e.issueId())).toList();
        return new Page<>(rendered, page.offset(), page.limit(), page.hasMore());
    }

    /** {@code which} is latest, oldest, recommended (= latest) or an event id. */
    public ObjectNode forIssue(Actor actor, String orgSlug, String issueId, String which) {
        var issue = issues.readable(actor, orgSlug, issueId);
        long id = issue.id();
        Optional<StoredEvent> event = switch (which) {
            case "latest", "recommended" -> store.latest(id);
            case "oldest" -> store.oldest(id);
            default -> store.find(issue.projectId(), normalize(which)).filter(e -> e.issueId() != null && e.issueId() == id);
        };
        return render(event.orElseThrow(() -> new NotFoundException("event '" + which + "' not found")));
    }

    public ObjectNode forProject(Actor actor, String orgSlug, String projectSlug, String eventId) {
        long projectId = readableProject(actor, orgSlug, projectSlug);
        return render(store.find(projectId, normalize(eventId))
                .orElseThrow(() -> new NotFoundException("event '" + eventId + "' not found")));
    }

    /** An event as a picker lists it. */
    public record RecentEvent(String eventId, String title, java.time.Instant occurredAt) {}

    /** The project's newest events that made or joined an issue, newest first (at most {@code limit}). */
    public List<RecentEvent> recentForProject(Actor actor, String orgSlug, String projectSlug, int limit) {
        long projectId = readableProject(actor, orgSlug, projectSlug);
        return store.recentWithIssue(projectId, Math.max(1, Math.min(limit, 100)));
    }

    /** The event's stored (normalized, scrubbed) JSON, as ingestion kept it: for re-running grouping on it. */
    public JsonNode payloadForProject(Actor actor, String orgSlug, String projectSlug, String eventId) {
        long projectId = readableProject(actor, orgSlug, projectSlug);
        return EventDocument.payload(store.find(projectId, normalize(eventId))
                .orElseThrow(() -> new NotFoundException("event '" + eventId + "' not found")));
    }

    /** For other features (ownership, alerting): the stored payload of an issue's latest event, no caller checks. */
    public Optional<JsonNode> latestPayload(long issueId) {
        return store.latest(issueId).map(EventDocument::payload);
    }

    /** For other features (user feedback of an issue): which of these event ids of a project are the issue's; no caller checks. */
    public java.util.Set<String> eventIdsOfIssue(long projectId, long issueId, java.util.Collection<String> eventIds) {
        return eventIds.isEmpty() ? java.util.Set.of() : store.eventIdsOfIssue(projectId, issueId, eventIds);
    }

    /** The grouping explanation stored with the issue's latest event, if the ingest stored one. */
    public Optional<Grouping> latestGrouping(long issueId) {
        return store.latest(issueId).map(e -> new Grouping(e.eventId(), EventDocument.grouping(EventDocument.payload(e))));
    }

    public record Grouping(String eventId, JsonNode explanation) {}

    /** Moves the events of merged issues to the issue that absorbs them; call inside the merge's transaction. */
    public void moveToIssue(List<Long> fromIssues, long toIssue) {
        if (!fromIssues.isEmpty()) {
            store.moveToIssue(fromIssues, toIssue);
        }
    }

    /**
     * For deleting issues: the event ids of the issues' events, at most {@code chunk} at a time (read
     * page by page, so an issue of millions of events is never held). Call inside the deleting
     * transaction, before the issues go; no caller checks.
     */
    public void forEachEventIdOfIssues(java.util.Collection<Long> issueIds, int chunk, Consumer<List<String>> action) {
        for (long issueId : issueIds) {
            EventStore.EventKey after = EventStore.EventKey.FIRST;
            List<EventStore.EventKey> page;
            do {
                page = store.eventKeysAfter(issueId, after, chunk);
                if (!page.isEmpty()) {
                    action.accept(page.stream().map(EventStore.EventKey::eventId).toList());
                    after = page.get(page.size() - 1);
                }
            } while (page.size() == chunk);
        }
    }

    /** Events of an issue that occurred at or after {@code sinceMillis}. */
    public long countSince(long issueId, long sinceMillis) {
        return store.countSince(issueId, sinceMillis);
    }

    /**
     * For alerting: the issues (with their project) of the given projects that received events in
     * ({@code fromMillis}, {@code toMillis}], by the time the server received them. No caller checks.
     */
    public Map<Long, Long> issuesReceivedBetween(java.util.Collection<Long> projectIds, long fromMillis, long toMillis) {
        return projectIds.isEmpty() ? Map.of() : store.issuesReceivedBetween(projectIds, fromMillis, toMillis);
    }

    /** Distinct users of an issue's events at or after {@code sinceMillis}. */
    public long usersSince(long issueId, long sinceMillis) {
        return store.usersSince(issueId, sinceMillis);
    }

    private ObjectNode render(StoredEvent event) {
        String previous = event.issueId() == null ? null : store.neighbour(event, false).orElse(null);
        String next = event.issueId() == null ? null : store.neighbour(event, true).orElse(null);
        return EventDocument.full(event, EventDocument.payload(event), new EventDocument.Context(event.issueId(), previous, next));
    }

    /** Event ids are 32 hex digits; a UUID with dashes or capitals means the same event. */
    static String normalize(String eventId) {
        String id = eventId.replace("-", "").toLowerCase(Locale.ROOT);
        if (!EVENT_ID.matcher(id).matches()) {
            throw new InvalidInputException("event_id", "expected 32 hexadecimal digits (or a UUID), got '" + eventId + "'");
        }
        return id;
    }
}
