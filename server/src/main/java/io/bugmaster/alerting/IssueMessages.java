package io.bugmaster.alerting;

import io.bugmaster.issues.Issue;
import io.bugmaster.notify.Notification;
import io.bugmaster.releases.SuspectCommit;
import io.bugmaster.releases.SuspectCommitService;
import io.bugmaster.web.Links;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Message building: an issue's facts as a notification (an alert, or the resolve that follows it). */
@Component
class IssueMessages {
    private final AlertRuleStore store;
    private final SuspectCommitService suspects;
    private final Links links;

    IssueMessages(AlertRuleStore store, SuspectCommitService suspects, Links links) {
        this.store = store;
        this.suspects = suspects;
        this.links = links;
    }

    /** An issue alert; {@code key} is replaced per recipient by the caller. */
    Notification alert(String key, IssueFacts ctx, String reason, String rule, Instant now) {
        return IssueNotifications.alert(key, snapshot(ctx), reason, rule, now);
    }

    /** The follow-up that tells a channel the issue it was alerted about is resolved. */
    Notification resolve(String key, IssueFacts ctx, String reason, Instant now) {
        return IssueNotifications.resolve(key, snapshot(ctx), reason, now);
    }

    /** What the messages tell of the issue: its facts, its suspect commit and the tags its project shows. */
    private IssueNotifications.Snapshot snapshot(IssueFacts ctx) {
        Issue issue = ctx.issue;
        Optional<SuspectCommit> suspect = suspects.suspectCommit(issue.id());
        String commit = suspect.map(s -> s.commit().key()).map(k -> k.length() > 12 ? k.substring(0, 12) : k).orElse(null);
        String author = suspect.map(s -> s.commit().authorName() != null ? s.commit().authorName() : s.commit().authorEmail())
                .orElse(null);
        Map<String, String> tags = AlertTags.select(tagKeys(issue.projectId()), ctx.tags(), ctx.knownTags());
        return new IssueNotifications.Snapshot(issue.id(), issue.orgSlug(), issue.projectSlug(), ctx.environment(), issue.title(),
                issue.culprit(), issue.level(), issue.timesSeen(), issue.userCount(), issue.firstSeen(), ctx.release(), commit, author,
                tags, ctx.assigneeLabel(), links.issue(issue.orgSlug(), issue.id()));
    }

    /** The tag keys the project chose to show, or the default. */
    private List<String> tagKeys(long projectId) {
        try {
            return store.alertTags(projectId).map(AlertTags::parse).orElse(AlertTags.DEFAULT);
        } catch (RuntimeException e) {
            return AlertTags.DEFAULT;
        }
    }
}
