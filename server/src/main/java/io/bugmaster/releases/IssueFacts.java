package io.bugmaster.releases;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The little the suspect-commit search needs to know about an issue. The issues feature, which
 * depends on this one, provides it (so releases neither names the issues and events tables nor
 * depends on the issues feature).
 */
public interface IssueFacts {

    /** An issue's project, organization, first release and platform. */
    record Facts(long issueId, long projectId, long orgId, String orgSlug, String firstRelease, String platform) {}

    /** Empty for an unknown issue. */
    Optional<Facts> issue(long issueId);

    /** The payload of the issue's latest event; empty when it has none or it cannot be read. */
    Optional<JsonNode> latestEvent(long issueId);
}
