package io.bugmaster.incidents.roles;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a person asked to respond answered: the first entry of the incident's timeline made by them
 * at or after the request (an acknowledgement, a role, a note, a status update, anything they did).
 * Lines that only name them are not answers: being paged ({@code notified}).
 */
@PureLogic
final class Answers {
    private Answers() {}

    static Optional<Instant> answeredAt(long userId, Instant requestedAt, List<TimelineEntry> timeline) {
        return timeline.stream()
                .filter(e -> e.userId() != null && e.userId() == userId && !"notified".equals(e.kind()) && !e.at().isBefore(requestedAt))
                .map(TimelineEntry::at)
                .min(Instant::compareTo);
    }
}
