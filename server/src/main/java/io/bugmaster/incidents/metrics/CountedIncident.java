package io.bugmaster.incidents.metrics;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.IncidentStage;
import java.time.Instant;
import java.util.List;

/**
 * An incident as the metrics count it: when it was created (triggered), first acknowledged and
 * resolved (null while not), its priority (null: none set), the services it impairs and their
 * teams, every stage it entered, and every page sent to a person about it.
 */
@PureLogic
public record CountedIncident(long id, long number, String title, Instant createdAt, Instant firstAcknowledgedAt, Instant resolvedAt,
        Integer priority, List<Long> serviceIds, List<Long> teamIds, List<StageEntered> stages, List<PageSent> pages) {

    public record StageEntered(IncidentStage stage, Instant at) {}

    public record PageSent(long userId, Instant at) {}

    public CountedIncident {
        serviceIds = List.copyOf(serviceIds);
        teamIds = List.copyOf(teamIds);
        stages = List.copyOf(stages);
        pages = List.copyOf(pages);
    }

    public boolean acknowledged() {
        return firstAcknowledgedAt != null;
    }

    public boolean resolved() {
        return resolvedAt != null;
    }
}
