package io.bugmaster.changes;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.List;

/**
 * A change to production someone posted: a deploy, a flag flip, a migration, an infrastructure or
 * configuration change. {@code environment} and {@code who} may be null; {@code who} is the poster's
 * own words (a person or a pipeline), {@code createdBy} the account that posted it.
 */
@PureLogic
public record Change(long id, long orgId, ChangeKind kind, String summary, String environment, String who, List<Link> links,
        Instant happenedAt, Instant createdAt, Long createdBy, List<Long> serviceIds, List<Long> projectIds) {

    /** A link to what changed (a pull request, a pipeline run, a dashboard); href is http or https. */
    public record Link(String href, String text) {}

    public Change {
        links = List.copyOf(links);
        serviceIds = List.copyOf(serviceIds);
        projectIds = List.copyOf(projectIds);
    }
}
