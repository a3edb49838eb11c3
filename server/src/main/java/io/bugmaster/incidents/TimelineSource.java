package io.bugmaster.incidents;

import java.time.Instant;
import java.util.List;

/**
 * A feature that adds computed entries to every incident's timeline (changes before it, pages'
 * deliveries, linked issues' spikes). A Spring bean; {@link IncidentTimeline} asks each one.
 * Entries must be bounded in number (the timeline shows at most a few hundred).
 */
public interface TimelineSource {
    List<TimelineEntry> entries(Incident incident, Instant now);
}
