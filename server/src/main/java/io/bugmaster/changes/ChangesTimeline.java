package io.bugmaster.changes;

import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.TimelineEntry;
import io.bugmaster.incidents.TimelineSource;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** The changes in an incident's window (the default 6 hours before it until it is resolved) are entries of its timeline, kind {@code change}. */
@Component
class ChangesTimeline implements TimelineSource {
    private final RecentChanges recent;

    ChangesTimeline(RecentChanges recent) {
        this.recent = recent;
    }

    @Override
    public List<TimelineEntry> entries(Incident incident, Instant now) {
        return recent.of(incident, ChangeWindow.DEFAULT_HOURS).rows().stream()
                .map(r -> new TimelineEntry("change:" + r.id(), r.at(), "change", null, r.who(), "changes", r.kindLabel() + ": " + r.what(),
                        r.links().isEmpty() ? null : r.links().get(0).href(), true, false))
                .toList();
    }
}
