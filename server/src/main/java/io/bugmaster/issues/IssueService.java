package io.bugmaster.issues;

import io.bugmaster.storage.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Issues for other features acting for the system (alert evaluation, the weekly report): no caller
 * checks. Callers acting for a person use {@link IssueQueries}, {@link IssueChanges} and
 * {@link IssueComments}, which check the caller's organization and scopes.
 */
@Service
public class IssueService {
    private final IssueStore store;
    private final IssueFollowers followers;
    private final Transactions tx;

    IssueService(IssueStore store, IssueFollowers followers, Transactions tx) {
        this.store = store;
        this.followers = followers;
        this.tx = tx;
    }

    /**
     * Who follows an issue: those subscribed (explicitly, or by commenting or being mentioned) and the
     * assigned user unless they unsubscribed. No caller checks.
     */
    public Set<Long> participantUserIds(Issue issue) {
        return followers.of(issue);
    }

    /** A project's week for the weekly report: new and regressed issues in [from, to), and the unassigned unresolved ones now. */
    public record ProjectWeek(long newCount, List<Issue> topNew, long regressedCount, List<Issue> topRegressed,
            long unassignedCount, List<Issue> topUnassigned) {}

    /** For other features acting for the system (the weekly report); no caller checks. */
    public ProjectWeek projectWeek(long projectId, Instant from, Instant to, int top) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        return tx.read(() -> new ProjectWeek(store.countFirstSeenBetween(projectId, f, t), store.firstSeenBetween(projectId, f, t, top),
                store.countRegressedBetween(projectId, f, t), store.regressedBetween(projectId, f, t, top),
                store.countUnassignedUnresolved(projectId), store.unassignedUnresolved(projectId, top)));
    }

    /** For other features acting for the system (alert evaluation): the issue, no caller checks. */
    public Optional<Issue> issue(long issueId) {
        return store.find(issueId);
    }
}
