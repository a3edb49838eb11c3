package io.bugmaster.incidents.roles;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a person asked to respond answered: the first entry of the incident's timeline made by them
 * at or after the request (an acknowledgement, a role, a note, a status update, anything they did).
 * Lines that only name them are not answers: being paged ({@code notified}) and the page's delivery
 * to their phone ({@code delivery}, the timeline's entry for each message sent).
 */
@PureLogic
final class Answers {
    private static final java.util.Set<String> NOT_ANSWERS = java.util.Set.of("notified", "delivery");

    private Answers() {}

    static Optional<Instant> answeredAt(long userId, Instant requestedAt, List<TimelineEntry> timeline) {
        return timeline.stream()
                .filter(e -> e.userId() != null && e.userId() == userId && !NOT_ANSWERS.contains(e.kind()) && !e.at().isBefore(requestedAt))
                .map(TimelineEntry::at)
                .min(Instant::compareTo);
    }
}
