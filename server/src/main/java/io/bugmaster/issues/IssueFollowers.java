package io.bugmaster.issues;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Who follows an issue, and telling the listeners (workflow emails) about a change to it. */
@Component
class IssueFollowers {
    private final IssueStore store;
    private final org.springframework.beans.factory.ObjectProvider<IssueActivityListener> listeners;

    IssueFollowers(IssueStore store, org.springframework.beans.factory.ObjectProvider<IssueActivityListener> listeners) {
        this.store = store;
        this.listeners = listeners;
    }

    /**
     * Who follows an issue: those subscribed (explicitly, or by commenting or being mentioned) and the
     * assigned user unless they unsubscribed.
     */
    Set<Long> of(Issue issue) {
        Map<Long, Boolean> explicit = store.subscriptions(issue.id());
        Set<Long> out = new LinkedHashSet<>();
        explicit.forEach((user, subscribed) -> {
            if (subscribed) {
                out.add(user);
            }
        });
        if (issue.assigneeUserId() != null && !Boolean.FALSE.equals(explicit.get(issue.assigneeUserId()))) {
            out.add(issue.assigneeUserId());
        }
        return out;
    }

    /** Tells the listeners (workflow emails) about a change, in its transaction. */
    void tell(Issue issue, long activityId, String type, Acting actor, String text, Long assignedTeamId) {
        Set<Long> participants = of(issue);
        listeners.orderedStream().forEach(l -> l.onActivity(new IssueActivityListener.IssueActivity(issue, activityId, type,
                actor.userId(), actor.via(), text, participants, assignedTeamId)));
    }
}
