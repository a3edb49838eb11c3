package io.bugmaster.incidents.metrics;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What to measure: incidents created in [from, to), those impairing a service or a team's service
 * and of a priority when given (null: any), with weeks and nights read in {@code zone}.
 * {@code priority} is a level (1 = P1) or {@link #NO_PRIORITY} for incidents without one.
 */
@PureLogic
public record MetricsQuery(Instant from, Instant to, ZoneId zone, Long serviceId, Long teamId, Integer priority) {
    /** The priority filter that picks incidents nobody gave a priority. */
    public static final int NO_PRIORITY = 0;

    public MetricsQuery {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    boolean counts(CountedIncident i) {
        return !i.createdAt().isBefore(from) && i.createdAt().isBefore(to)
                && (serviceId == null || i.serviceIds().contains(serviceId))
                && (teamId == null || i.teamIds().contains(teamId))
                && (priority == null || (priority == NO_PRIORITY ? i.priority() == null : priority.equals(i.priority())));
    }
}
