package io.bugmaster.issues;

import java.util.Set;

/**
 * Told about a person's change to an issue (a comment, an assignment, a status change) inside the
 * transaction that records it, so what it queues (workflow emails) commits with the change or not
 * at all. Implemented by the feature that notifies people; the issues feature knows no transport.
 */
public interface IssueActivityListener {

    /**
     * @param issue the issue after the change
     * @param activityId the recorded activity (the idempotency of whatever the listener queues)
     * @param type {@code note}, {@code assigned}, {@code set_resolved}, {@code set_ignored}, {@code set_unresolved}, ...
     * @param actorUserId who made the change, or null when the system made it for someone without a session
     * @param via how the system made it ("a Slack message to the channel “Ops”"), or null for a person's change
     * @param text the comment's text, or null
     * @param participantUserIds who follows the issue: subscribed, mentioned, or the assignee (including a user just assigned)
     * @param assignedTeamId the team just assigned, or null
     */
    record IssueActivity(Issue issue, long activityId, String type, Long actorUserId, String via, String text, Set<Long> participantUserIds,
            Long assignedTeamId) {}

    void onActivity(IssueActivity activity);
}
