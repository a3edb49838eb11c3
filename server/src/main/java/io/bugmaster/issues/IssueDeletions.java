package io.bugmaster.issues;

import io.bugmaster.events.EventService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Deletes issues with everything kept for them: their own rows go by cascade (events included),
 * and each {@link IssueDeletionListener} is told the events' ids first, a chunk at a time, so an
 * issue of millions of events is never held in memory. Call inside the deleting transaction.
 */
@Component
class IssueDeletions {
    /** Event ids told to a listener per call (and held at once). */
    private static final int CHUNK = 500;

    private final IssueStore store;
    private final EventService events;
    private final ObjectProvider<IssueDeletionListener> listeners;

    IssueDeletions(IssueStore store, EventService events, ObjectProvider<IssueDeletionListener> listeners) {
        this.store = store;
        this.events = events;
        this.listeners = listeners;
    }

    void delete(List<Issue> issues) {
        // events that join the issues while theirs are listed would go by cascade unlisted (PostgreSQL; SQLite has one writer)
        store.lock(issues.stream().map(Issue::id).toList());
        Map<Long, List<Long>> byProject = new LinkedHashMap<>();
        issues.forEach(i -> byProject.computeIfAbsent(i.projectId(), p -> new ArrayList<>()).add(i.id()));
        byProject.forEach((projectId, issueIds) -> {
            List<IssueDeletionListener> keeping = listeners.orderedStream().filter(l -> l.keepsEventData(projectId)).toList();
            if (!keeping.isEmpty()) {
                events.forEachEventIdOfIssues(issueIds, CHUNK, chunk -> keeping.forEach(l -> l.eventsDeleted(projectId, chunk)));
            }
        });
        store.delete(issues.stream().map(Issue::id).toList());
    }
}
