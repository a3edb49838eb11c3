package io.bugmaster.incidents;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * An incident's timeline: its log (people's notes among it) and every {@link TimelineSource}'s entries, oldest first,
 * each marked pinned when someone pinned it. No access check: callers have done it.
 */
@Service
public class IncidentTimeline {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IncidentTimeline.class);
    static final int LOG_LIMIT = 2000;

    private final IncidentStore store;
    private final List<TimelineSource> sources;
    private final Clock clock;

    IncidentTimeline(IncidentStore store, List<TimelineSource> sources, Clock clock) {
        this.store = store;
        this.sources = sources;
        this.clock = clock;
    }

    public List<TimelineEntry> of(Incident incident) {
        List<TimelineEntry> out = new ArrayList<>(store.timeline(incident.id(), LOG_LIMIT));
        for (TimelineSource source : sources) {
            try {
                out.addAll(source.entries(incident, clock.instant()));
            } catch (RuntimeException e) {
                // one feature's failure must not take the incident's page down with it: the rest of the timeline still shows
                log.warn("Timeline source {} failed for incident {}", source.getClass().getSimpleName(), incident.id(), e);
            }
        }
        java.util.Set<String> pinned = store.pins(incident.id());
        out.replaceAll(e -> pinned.contains(e.id()) ? e.withPinned(true) : e);
        out.sort(Comparator.comparing(TimelineEntry::at)); // stable: the log keeps its written order within an instant
        return out;
    }
}
