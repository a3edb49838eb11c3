package io.bugmaster.issues;

import io.bugmaster.common.Subject;
import io.bugmaster.events.EventService;
import io.bugmaster.signals.NewSignal;
import io.bugmaster.signals.Signals;
import io.bugmaster.storage.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Wakes ignored issues whose condition is met without waiting for an event: the time ran out,
 * enough events or users arrived within the window, or the issue is escalating. Each wake is a
 * claim (a conditional update on the issue's status and details), so two nodes never both act, and
 * writes an activity and a signal in the same transaction.
 */
@Service
public class IssueWakeups {
    public static final String SNOOZE_EXPIRED = IssueWorkflow.Signal.SNOOZE_EXPIRED.topic();
    public static final String ESCALATING = "issue.escalating";
    private static final int PAGE = 500;
    private static final long HOUR = 3_600_000L;

    private final IssueStore store;
    private final EventService events;
    private final Transactions tx;
    private final Signals signals;

    public IssueWakeups(IssueStore store, EventService events, Transactions tx, Signals signals) {
        this.store = store;
        this.signals = signals;
        this.events = events;
        this.tx = tx;
    }

    /** Ends snoozes that are due at {@code now}; returns how many issues woke. */
    public int expireSnoozes(Instant now) {
        return scan(now, false);
    }

    /** Moves issues archived until escalating that escalate at {@code now} to unresolved/escalating. */
    public int detectEscalations(Instant now) {
        return scan(now, true);
    }

    private int scan(Instant now, boolean escalation) {
        int woken = 0;
        long after = 0;
        while (true) {
            List<Issue> page = store.ignoredWithDetails(after, PAGE);
            for (Issue issue : page) {
                StatusDetails d = issue.statusDetails();
                if (d == null) {
                    continue;
                }
                String reason = escalation ? escalationReason(issue, d, now) : snoozeReason(issue, d, now);
                if (reason != null && wake(issue, escalation, reason, now)) {
                    woken++;
                }
            }
            if (page.size() < PAGE) {
                return woken;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    private String snoozeReason(Issue issue, StatusDetails d, Instant now) {
        if (d.ignoreUntil() != null && now.toEpochMilli() >= d.ignoreUntil()) {
            return "ignoreUntil";
        }
        if (d.ignoreCount() != null && d.ignoreWindow() != null
                && events.countSince(issue.id(), now.toEpochMilli() - d.ignoreWindow() * 60_000L) >= d.ignoreCount()) {
            return "ignoreCount";
        }
        if (d.ignoreUserCount() != null && d.ignoreUserWindow() != null
                && events.usersSince(issue.id(), now.toEpochMilli() - d.ignoreUserWindow() * 60_000L) >= d.ignoreUserCount()) {
            return "ignoreUserCount";
        }
        return null;
    }

    private String escalationReason(Issue issue, StatusDetails d, Instant now) {
        if (!Boolean.TRUE.equals(d.ignoreUntilEscalating())) {
            return null;
        }
        long hourAgo = now.toEpochMilli() - HOUR;
        long lastHour = events.countSince(issue.id(), hourAgo);
        if (lastHour < EscalationDetector.MIN_EVENTS) {
            return null;
        }
        long firstBaselineHour = (hourAgo - EscalationDetector.BASELINE_HOURS * HOUR) / HOUR * HOUR;
        long baseline = store.eventsInHours(issue.id(), firstBaselineHour, hourAgo / HOUR * HOUR);
        if (!EscalationDetector.isEscalating(lastHour, baseline)) {
            return null;
        }
        return lastHour + " events in the last hour; threshold " + EscalationDetector.threshold(baseline)
                + " from " + baseline + " events in the 7 days before";
    }

    private boolean wake(Issue issue, boolean escalation, String reason, Instant now) {
        return tx.write(() -> {
            if (!store.wake(issue.id(), issue.statusDetailsJson(), escalation ? "escalating" : "ongoing")) {
                return false;
            }
            long at = now.toEpochMilli();
            store.addActivity(issue.id(), escalation ? IssueWorkflow.SET_ESCALATING : IssueWorkflow.SET_UNRESOLVED, null,
                    escalation ? Map.of("reason", reason) : IssueWorkflow.wakeData(reason, issue.statusDetails()), at);
            signals.raise(new NewSignal(issue.orgId(), Subject.issue(issue.id()), escalation ? ESCALATING : SNOOZE_EXPIRED,
                    Map.of("issueId", issue.id(), "reason", reason)), now);
            return true;
        });
    }
}
