package io.bugmaster.issues;

import io.bugmaster.events.EventService;
import io.bugmaster.releases.IssueFacts;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** What releases' suspect-commit search needs to know about an issue, from the issue and its events. */
@Component
class SuspectCommitFacts implements IssueFacts {
    private final IssueStore issues;
    private final EventService events;

    SuspectCommitFacts(IssueStore issues, EventService events) {
        this.issues = issues;
        this.events = events;
    }

    @Override
    public Optional<Facts> issue(long issueId) {
        return issues.find(issueId).map(i -> new Facts(i.id(), i.projectId(), i.orgId(), i.orgSlug(), i.firstRelease(), i.platform()));
    }

    @Override
    public Optional<JsonNode> latestEvent(long issueId) {
        try {
            return events.latestPayload(issueId);
        } catch (UncheckedIOException unreadable) {
            return Optional.empty();
        }
    }
}
