package io.bugmaster.alerting;

import io.bugmaster.accounts.Directory;
import io.bugmaster.events.EventService;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueService;
import io.bugmaster.issues.ownership.OwnershipService;
import io.bugmaster.releases.ReleaseService;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Where {@link IssueFacts} looks things up: the features that own them, through their services. */
@Component
class IssueFactSources {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IssueService issues;
    private final EventService events;
    private final OwnershipService ownership;
    private final ReleaseService releases;
    private final Directory directory;

    IssueFactSources(IssueService issues, EventService events, OwnershipService ownership, ReleaseService releases,
            Directory directory) {
        this.issues = issues;
        this.events = events;
        this.ownership = ownership;
        this.releases = releases;
        this.directory = directory;
    }

    /** The facts of an issue that still exists, as the frequency check and signals without detail see it. */
    Optional<IssueFacts> of(long issueId) {
        return issues.issue(issueId).map(issue -> new IssueFacts(issue, null, null, null, this));
    }

    IssueFacts of(Issue issue, String environment, String release, String detail) {
        return new IssueFacts(issue, environment, release, detail, this);
    }

    JsonNode latestEvent(long issueId) {
        return events.latestPayload(issueId).orElse(JSON.createObjectNode());
    }

    String latestRelease(long projectId) {
        return releases.recentVersionsOfProject(projectId, 1).stream().findFirst().orElse(null);
    }

    OwnershipService.Owners owners(long issueId) {
        return ownership.ownersOfIssue(issueId);
    }

    String memberEmail(long orgId, long userId) {
        return directory.memberEmail(orgId, userId).orElse(null);
    }

    String teamSlug(long orgId, long teamId) {
        return directory.teamSlugs(orgId).getOrDefault(teamId, "team-" + teamId);
    }

    long eventsSince(long issueId, Instant since) {
        return events.countSince(issueId, since.toEpochMilli());
    }

    long usersSince(long issueId, Instant since) {
        return events.usersSince(issueId, since.toEpochMilli());
    }

    Set<Long> participants(Issue issue) {
        Set<Long> participants = new HashSet<>(issues.participantUserIds(issue));
        if (issue.assigneeTeamId() != null) {
            directory.teamMembers(issue.assigneeTeamId()).forEach(m -> participants.add(m.userId()));
        }
        return participants;
    }
}
