package io.bugmaster.accounts;

import java.time.Instant;
import java.util.List;

/**
 * A project's newest events, for the pickers of the project settings ("test these rules against
 * this event"). The events feature, which depends on this one, provides it.
 */
public interface RecentEvents {

    /** An event as a picker lists it. */
    record RecentEvent(String eventId, String title, Instant occurredAt) {}

    /**
     * The project's newest events that made or joined an issue, newest first (at most {@code limit});
     * the caller needs {@code event:read} ({@link io.bugmaster.common.ForbiddenException} otherwise).
     */
    List<RecentEvent> of(Actor actor, String org, String project, int limit);
}
