package io.bugmaster.incidents;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/** An incident's timeline: its log and every {@link TimelineSource}'s entries, oldest first. No access check: callers have done it. */
@Service
public class IncidentTimeline {
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
        List<TimelineEntry> out = new ArrayList<>();
        store.log(incident.id(), 0, LOG_LIMIT).forEach(e -> out.add(TimelineEntry.of(e)));
        for (TimelineSource source : sources) {
            out.addAll(source.entries(incident, clock.instant()));
        }
        out.sort(Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::id));
        return out;
    }
}
