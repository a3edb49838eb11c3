package io.bugmaster.alerting;

import io.bugmaster.accounts.Directory;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueActivityListener;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import io.bugmaster.notify.settings.NotificationSettingsService;
import io.bugmaster.web.Links;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Workflow emails: when someone comments on an issue, assigns it, or changes its status, the
 * people who follow it (subscribed, mentioned, assigned; a team just assigned counts its members)
 * get an email, unless they turned workflow emails off for the project, and never the person who
 * acted. Queued in the change's transaction, keyed per activity and recipient.
 */
@Component
class WorkflowEmails implements IssueActivityListener {
    private final NotificationSettingsService settings;
    private final NotificationQueue queue;
    private final Directory directory;
    private final Links links;
    private final Clock clock;

    WorkflowEmails(NotificationSettingsService settings, NotificationQueue queue, Directory directory, Links links, Clock clock) {
        this.settings = settings;
        this.queue = queue;
        this.directory = directory;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public void onActivity(IssueActivity activity) {
        Issue issue = activity.issue();
        Set<Long> participants = new LinkedHashSet<>(activity.participantUserIds());
        if (activity.assignedTeamId() != null) {
            directory.teamMembers(activity.assignedTeamId()).forEach(m -> participants.add(m.userId()));
        }
        if (participants.isEmpty()) {
            return;
        }
        String actor = activity.actorUserId() == null
                ? "Someone, through a link in " + (activity.via() == null ? "a message" : activity.via()) + ","
                : directory.memberEmail(issue.orgId(), activity.actorUserId()).orElse("someone");
        String what = WorkflowMessages.describe(activity.type(), actor,
                activity.assignedTeamId() == null ? assigneeEmail(issue) : "#" + directory.teamSlugs(issue.orgId())
                        .getOrDefault(activity.assignedTeamId(), "team"));
        for (Long userId : settings.workflowRecipients(issue.projectId(), participants, activity.actorUserId())) {
            directory.memberEmail(issue.orgId(), userId).ifPresent(email -> {
                String key = "workflow:a" + activity.activityId() + ":u" + userId;
                // what the person reads is what happened; the issue's counts are for alerts
                Notification n = IssueNotifications.workflow(key, new IssueNotifications.Snapshot(issue.id(), issue.orgSlug(),
                        issue.projectSlug(), null, issue.title(), issue.culprit(), issue.level(), 0, 0, null, null, null, null,
                        Map.of(), assigneeEmail(issue), links.issue(issue.orgSlug(), issue.id())), what,
                        WorkflowMessages.body(activity.text()), clock.instant());
                queue.enqueue(issue.orgId(), Recipient.email(email), n);
            });
        }
    }

    private String assigneeEmail(Issue issue) {
        return issue.assigneeUserId() == null ? null : directory.memberEmail(issue.orgId(), issue.assigneeUserId()).orElse(null);
    }
}
