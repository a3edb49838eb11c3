package io.bugmaster.issues;

import io.bugmaster.common.Subject;
import io.bugmaster.signals.Signals;
import io.bugmaster.storage.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
    private final Signals signals;
    private final IssueChanges changes;

    IssueService(IssueStore store, IssueFollowers followers, Transactions tx, Signals signals, IssueChanges changes) {
        this.store = store;
        this.followers = followers;
        this.tx = tx;
        this.signals = signals;
        this.changes = changes;
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
    public ProjectWeek projectWeek(long orgId, long projectId, Instant from, Instant to, int top) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        // an issue regressed in the week when a regression signal about it was raised in the week
        List<Long> regressed = signals.raised(orgId, IssueWorkflow.Signal.REGRESSION.topic(), from, to).stream()
                .filter(s -> s.is(Subject.ISSUE)).map(Subject::number).toList();
        return tx.read(() -> {
            List<Long> ofProject = store.ofProjectMostSeenFirst(projectId, regressed);
            List<Issue> topRegressed = new ArrayList<>(store.findAll(ofProject.subList(0, Math.min(top, ofProject.size()))));
            topRegressed.sort(Comparator.comparingInt(i -> ofProject.indexOf(i.id())));
            return new ProjectWeek(store.countFirstSeenBetween(projectId, f, t), store.firstSeenBetween(projectId, f, t, top),
                    ofProject.size(), topRegressed, store.countUnassignedUnresolved(projectId), store.unassignedUnresolved(projectId, top));
        });
    }

    /** An issue that appeared ({@code new}) or came back ({@code regressed}) at a time: a suspect of an incident. */
    public record Appeared(Issue issue, String how, Instant at) {}

    /**
     * Issues of these projects that were new (first seen) or regressed in [from, to]: the first {@code limit}
     * to appear, the latest first. The suspects of an incident. For other features acting for the system; no caller checks.
     */
    public List<Appeared> newOrRegressed(long orgId, java.util.Collection<Long> projectIds, Instant from, Instant to, int limit) {
        if (projectIds.isEmpty()) {
            return List.of();
        }
        java.util.Map<Long, Instant> regressedAt = new java.util.LinkedHashMap<>();
        signals.firstRaised(orgId, IssueWorkflow.Signal.REGRESSION.topic(), from, to).forEach((subject, at) -> {
            if (subject.is(Subject.ISSUE)) {
                regressedAt.put(subject.number(), at);
            }
        });
        return tx.read(() -> {
            List<Appeared> out = new ArrayList<>();
            for (Issue i : store.firstSeenBetween(projectIds, from.toEpochMilli(), to.toEpochMilli(), limit)) {
                out.add(new Appeared(i, "new", i.firstSeen()));
            }
            // the organization's regressions in the window, narrowed to these projects before any issue is read
            List<Long> ofProjects = new ArrayList<>();
            for (long projectId : projectIds) {
                ofProjects.addAll(store.ofProjectMostSeenFirst(projectId, regressedAt.keySet()));
            }
            for (Issue i : store.findAll(ofProjects)) {
                out.add(new Appeared(i, "regressed", regressedAt.get(i.id())));
            }
            // the first to appear are kept (the closest to what caused them), then shown the latest first
            out.sort(Comparator.comparing(Appeared::at).thenComparing(a -> a.issue().id()));
            List<Appeared> first = new ArrayList<>(out.subList(0, Math.min(limit, out.size())));
            java.util.Collections.reverse(first);
            return List.copyOf(first);
        });
    }

    /**
     * Changes an issue's status for someone without a session, whose right to do so the caller
     * checked (an action link): see {@link IssueChanges#changeStatusForSystem}.
     */
    public Optional<Issue> changeStatusForSystem(long orgId, long issueId, IssueUpdate update, String via) {
        return changes.changeStatusForSystem(orgId, issueId, update, via);
    }

    /** An issue's events in a window, by hour: the first hour that has any, the busiest one and its count, and the total. */
    public record HourlyPeak(Instant firstHour, Instant busiestHour, long busiestCount, long total) {}

    static final long HOUR_MILLIS = 3_600_000L;

    /**
     * For other features acting for the system (an incident's timeline): the issue's events in the
     * hours that overlap [from, to), or empty when it had none there. No caller checks.
     */
    public Optional<HourlyPeak> hourlyPeak(long issueId, Instant from, Instant to) {
        long first = Math.floorDiv(from.toEpochMilli(), HOUR_MILLIS) * HOUR_MILLIS;
        Map<Long, Long> counts = tx.read(() -> store.hourly(List.of(issueId), first, to.toEpochMilli())).getOrDefault(issueId, Map.of());
        Long firstHour = null;
        Long busiest = null;
        long total = 0;
        for (Map.Entry<Long, Long> e : new java.util.TreeMap<>(counts).entrySet()) {
            if (e.getValue() <= 0) {
                continue;
            }
            total += e.getValue();
            firstHour = firstHour == null ? e.getKey() : firstHour;
            busiest = busiest == null || e.getValue() > counts.get(busiest) ? e.getKey() : busiest;
        }
        return busiest == null ? Optional.empty()
                : Optional.of(new HourlyPeak(Instant.ofEpochMilli(firstHour), Instant.ofEpochMilli(busiest), counts.get(busiest), total));
    }

    /** For other features acting for the system (alert evaluation): the issue, no caller checks. */
    public Optional<Issue> issue(long issueId) {
        return store.find(issueId);
    }
}
