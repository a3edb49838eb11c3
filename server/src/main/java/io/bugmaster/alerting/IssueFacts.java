package io.bugmaster.alerting;

import io.bugmaster.alerting.AlertRuleDefinition.Interval;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.ownership.OwnershipService;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What is known about an issue while a signal about it (or the frequency check) is handled: the
 * issue, what the signal said, and what rules and messages may need besides, each looked up once
 * and only when asked for.
 */
final class IssueFacts {
    final Issue issue;
    /** The environment and release of the event behind the signal; null in the frequency check. */
    final String signalEnvironment;
    final String signalRelease;
    /** A wake-up's or an escalation's reason from the signal, or null. */
    final String signalDetail;
    private final IssueFactSources sources;
    private JsonNode latest;
    private OwnershipService.Owners owners;
    private String latestRelease;
    private boolean latestReleaseLoaded;
    private String assigneeEmail;
    private boolean assigneeLoaded;
    private Set<Long> participants;
    private final Map<Interval, Long> eventCounts = new EnumMap<>(Interval.class);
    private final Map<Interval, Long> userCounts = new EnumMap<>(Interval.class);

    IssueFacts(Issue issue, String signalEnvironment, String signalRelease, String signalDetail, IssueFactSources sources) {
        this.issue = issue;
        this.signalEnvironment = signalEnvironment;
        this.signalRelease = signalRelease;
        this.signalDetail = signalDetail;
        this.sources = sources;
    }

    JsonNode latest() {
        if (latest == null) {
            latest = sources.latestEvent(issue.id());
        }
        return latest;
    }

    String environment() {
        return signalEnvironment != null ? signalEnvironment : EventFacts.text(latest(), "environment");
    }

    String release() {
        return signalRelease != null ? signalRelease : issue.lastRelease();
    }

    String latestRelease() {
        if (!latestReleaseLoaded) {
            latestRelease = sources.latestRelease(issue.projectId());
            latestReleaseLoaded = true;
        }
        return latestRelease;
    }

    OwnershipService.Owners owners() {
        if (owners == null) {
            owners = sources.owners(issue.id());
        }
        return owners;
    }

    String assigneeEmail() {
        if (!assigneeLoaded) {
            assigneeEmail = issue.assigneeUserId() == null ? null : sources.memberEmail(issue.orgId(), issue.assigneeUserId());
            assigneeLoaded = true;
        }
        return assigneeEmail;
    }

    /** The assignee as messages name it: a person's email or {@code #team}. */
    String assigneeLabel() {
        if (issue.assigneeUserId() != null) {
            return assigneeEmail();
        }
        if (issue.assigneeTeamId() != null) {
            return "#" + sources.teamSlug(issue.orgId(), issue.assigneeTeamId());
        }
        return null;
    }

    long events(Interval interval, Instant now) {
        return eventCounts.computeIfAbsent(interval, i -> sources.eventsSince(issue.id(), now.minus(i.duration())));
    }

    long users(Interval interval, Instant now) {
        return userCounts.computeIfAbsent(interval, i -> sources.usersSince(issue.id(), now.minus(i.duration())));
    }

    /** Who follows the issue (subscribed, mentioned, assigned, or in the assigned team): "only my issues" lets these through. */
    Set<Long> participants() {
        if (participants == null) {
            participants = new HashSet<>(sources.participants(issue));
        }
        return participants;
    }

    Map<String, String> tags() {
        return EventFacts.tags(latest());
    }

    Map<String, String> attributes() {
        return EventFacts.attributes(latest(), environment(), release(), issue.title(), issue.culprit(), issue.level());
    }

    Map<String, String> knownTags() {
        return EventFacts.knownTags(latest(), environment(), release(), issue.level());
    }
}
