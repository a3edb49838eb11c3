package io.bugmaster.incidents.postmortems;

import io.bugmaster.common.PureLogic;
import java.time.Instant;

/** An incident's postmortem as stored. {@code version} grows with every save; a save names the version it edited. */
@PureLogic
public record Postmortem(long id, long orgId, long incidentId, long incidentNumber, String title, String body, PostmortemState state, long version,
        Long createdBy, Instant createdAt, Long updatedBy, Instant updatedAt, Instant publishedAt) {}
