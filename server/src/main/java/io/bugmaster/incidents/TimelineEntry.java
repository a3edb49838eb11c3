package io.bugmaster.incidents;

import io.bugmaster.common.PureLogic;
import java.time.Instant;

/**
 * One entry of an incident's timeline: a line of its log, or an entry a {@link TimelineSource}
 * computes (a change in the window before it, a linked issue's spike, a page's delivery).
 * {@code id} is unique within the timeline ("log:12", "change:4"); {@code link} may be null;
 * {@code automatic} entries cannot be edited (people's notes can); {@code pinned} entries are shown first.
 */
@PureLogic
public record TimelineEntry(String id, Instant at, String kind, Long userId, String actor, String via, String message, String link,
        boolean automatic, boolean pinned) {

    static TimelineEntry of(IncidentLogEntry e) {
        return new TimelineEntry("log:" + e.id(), e.at(), e.kind(), e.userId(), e.actor(), e.via(), e.message(), null, true, false);
    }
}
