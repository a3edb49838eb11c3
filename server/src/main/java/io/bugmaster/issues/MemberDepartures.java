package io.bugmaster.issues;

import io.bugmaster.accounts.MembershipListener;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When someone leaves an organization (or is removed), its issues let go of them, as in Sentry:
 * the issues assigned to them become unassigned, with an "unassigned" activity that says why, and
 * their subscriptions (and bookmarks and seen marks) on its issues are forgotten. So a person who
 * left is told nothing more about the organization's issues, and nobody waits on them.
 */
@Component
class MemberDepartures implements MembershipListener {
    static final String REASON = "the assignee left the organization";
    private static final Logger log = LoggerFactory.getLogger(MemberDepartures.class);

    private final IssueStore store;
    private final OrgDirectory directory;
    private final Clock clock;

    MemberDepartures(IssueStore store, OrgDirectory directory, Clock clock) {
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void memberLeft(long orgId, long userId) {
        long now = clock.millis();
        int unassigned = 0;
        List<Long> projectIds = directory.projectIds(orgId);
        for (long issueId : store.issuesAssignedTo(projectIds, userId)) {
            if (store.unassignUser(issueId, userId)) {
                store.addActivity(issueId, "unassigned", null, Map.of("reason", REASON), now);
                unassigned++;
            }
        }
        int forgotten = store.forgetUserState(projectIds, userId);
        log.info("user {} left organization {}: {} issues unassigned, their state on {} issues forgotten", userId, orgId,
                unassigned, forgotten);
    }
}
