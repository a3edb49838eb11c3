package io.bugmaster.events;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.RecentEvents;
import java.util.List;
import org.springframework.stereotype.Component;

/** The project settings' event pickers, from the stored events. */
@Component
class RecentProjectEvents implements RecentEvents {
    private final EventService events;

    RecentProjectEvents(EventService events) {
        this.events = events;
    }

    @Override
    public List<RecentEvent> of(Actor actor, String org, String project, int limit) {
        return events.recentForProject(actor, org, project, limit).stream()
                .map(e -> new RecentEvent(e.eventId(), e.title(), e.occurredAt())).toList();
    }
}
