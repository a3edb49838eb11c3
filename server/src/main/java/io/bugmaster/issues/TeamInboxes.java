package io.bugmaster.issues;

import io.bugmaster.accounts.Directory;
import io.bugmaster.oncall.triage.TriageInbox;
import io.bugmaster.storage.Transactions;
import io.bugmaster.web.Links;
import java.util.List;
import org.springframework.stereotype.Component;

/** What is left in a team's inbox, for the bugmaster's handoff notice (on-call asks through {@link TriageInbox}). */
@Component
class TeamInboxes implements TriageInbox {
    private final IssueStore store;
    private final Directory directory;
    private final Transactions tx;
    private final Links links;

    TeamInboxes(IssueStore store, Directory directory, Transactions tx, Links links) {
        this.store = store;
        this.directory = directory;
        this.tx = tx;
        this.links = links;
    }

    @Override
    public Left leftFor(long orgId, String orgSlug, long teamId, long userId) {
        return tx.read(() -> {
            List<Long> projectIds = directory.teamProjectIds(teamId);
            return new Left(store.inboxCount(projectIds), store.unresolvedAssignedCount(projectIds, userId), links.inbox(orgSlug));
        });
    }
}
