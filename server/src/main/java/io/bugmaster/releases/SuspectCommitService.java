package io.bugmaster.releases;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Finds an issue's suspect commit: the newest commit of its first release (or, when that release
 * has no commits, of the nearest earlier release of the project that has some) that touched a file
 * of the in-app frames of the issue's latest event. See {@link SuspectCommits} for the matching.
 */
@Service
public class SuspectCommitService {
    private final OrganizationService organizations;
    private final IssueFacts issues;
    private final ReleaseStore releases;
    private final CommitStore commits;

    public SuspectCommitService(OrganizationService organizations, IssueFacts issues, ReleaseStore releases,
            CommitStore commits) {
        this.organizations = organizations;
        this.issues = issues;
        this.releases = releases;
        this.commits = commits;
    }

    /** For the API: the caller must belong to the issue's organization (else "not found") and may read events. */
    public Optional<SuspectCommit> suspectCommit(Actor actor, long issueId) {
        IssueFacts.Facts facts = issues.issue(issueId)
                .orElseThrow(() -> new NotFoundException("issue '" + issueId + "' not found"));
        OrgAccess access;
        try {
            access = organizations.access(actor, facts.orgSlug());
        } catch (NotFoundException notMember) {
            throw new NotFoundException("issue '" + issueId + "' not found");
        }
        access.require(Scopes.EVENT_READ);
        return find(facts);
    }

    /** For other features (issue pages, notifications): no caller checks. Empty for an unknown issue. */
    public Optional<SuspectCommit> suspectCommit(long issueId) {
        return issues.issue(issueId).flatMap(this::find);
    }

    private Optional<SuspectCommit> find(IssueFacts.Facts facts) {
        if (facts.firstRelease() == null) {
            return Optional.empty();
        }
        Optional<Release> release = releases.find(facts.orgId(), facts.firstRelease())
                .flatMap(first -> releases.withCommitsAtOrBefore(first, facts.projectId()));
        if (release.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> event = issues.latestEvent(facts.issueId());
        if (event.isEmpty()) {
            return Optional.empty();
        }
        String platform = event.get().path("platform").isString() ? event.get().path("platform").asString() : facts.platform();
        List<Map.Entry<Commit, Integer>> releaseCommits = commits.allOfRelease(release.get().id());
        Map<Long, Commit> byId = releaseCommits.stream().map(Map.Entry::getKey)
                .collect(Collectors.toMap(Commit::id, Function.identity(), (a, b) -> a));
        Map<Long, List<String>> paths = commits.pathsOf(byId.keySet());
        List<SuspectCommits.Candidate> candidates = releaseCommits.stream()
                .map(e -> new SuspectCommits.Candidate(e.getKey().id(), e.getKey().timestamp(), e.getValue(),
                        paths.getOrDefault(e.getKey().id(), List.of())))
                .toList();
        return SuspectCommits.suspect(SuspectCommits.frames(event.get()), platform, candidates)
                .map(match -> new SuspectCommit(byId.get(match.commitId()), release.get(), match.path(), match.frame()));
    }
}
