package io.bugmaster.alerting;

import io.bugmaster.accounts.Directory;
import io.bugmaster.alerting.AlertRuleDefinition.Trigger;
import io.bugmaster.common.Subject;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueService;
import io.bugmaster.issues.IssueWorkflow;
import io.bugmaster.issues.ownership.OwnershipService;
import io.bugmaster.monitors.MonitorSignals;
import io.bugmaster.signals.Signal;
import io.bugmaster.signals.SignalConsumer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Alert rules as a consumer of signals ({@code alerting}): for a new issue, automatic assignment
 * first (so the message names the assignee), then every enabled rule of the organization whose
 * scope holds the project; a resolved issue's signal queues a resolve to the channels alerted about
 * it, whatever the rules say now, and so does the signal of an issue deleted (or merged into another). A monitor's
 * signals go to {@link MonitorAlerts}. Runs in the signal bus's transaction: the notifications it queues
 * and the bus's cursor commit together.
 */
@Component
class SignalAlerts implements SignalConsumer {
    private final AlertRuleStore store;
    private final IssueService issues;
    private final OwnershipService ownership;
    private final IssueFactSources facts;
    private final AlertActions actions;
    private final ResolvedFollowUps followUps;
    private final Directory directory;
    private final MonitorAlerts monitors;

    SignalAlerts(AlertRuleStore store, IssueService issues, OwnershipService ownership, IssueFactSources facts,
            AlertActions actions, ResolvedFollowUps followUps, Directory directory, MonitorAlerts monitors) {
        this.monitors = monitors;
        this.store = store;
        this.issues = issues;
        this.ownership = ownership;
        this.facts = facts;
        this.actions = actions;
        this.followUps = followUps;
        this.directory = directory;
    }

    @Override
    public String name() {
        return "alerting";
    }

    @Override
    public void handle(List<Signal> signals, Instant now) {
        Map<Long, List<AlertRule>> rulesByOrg = new HashMap<>();
        RuleScopes scopes = new RuleScopes(directory);
        for (Signal signal : signals) {
            if (signal.subject().is(MonitorSignals.SUBJECT)) {
                monitors.handle(signal, rulesByOrg.computeIfAbsent(signal.orgId(), store::enabled), scopes, now);
                continue;
            }
            if (!signal.subject().is(Subject.ISSUE)) {
                continue;
            }
            long issueId = signal.subject().number();
            if (IssueWorkflow.Signal.RESOLVED.topic().equals(signal.kind())) {
                issues.issue(issueId).ifPresent(issue -> followUps.queue(signal, facts.of(issue, null, null, null), now));
                actions.resolvePages(signal.orgId(), issueId);
                continue;
            }
            if (IssueWorkflow.Signal.DELETED.topic().equals(signal.kind())) {
                followUps.queueGone(signal, now);
                actions.resolvePages(signal.orgId(), issueId);
                continue;
            }
            if (IssueWorkflow.Signal.MERGED.topic().equals(signal.kind())) {
                followUps.merged(signal, now);
                continue;
            }
            if (IssueWorkflow.Signal.CHANGED.topic().equals(signal.kind())) {
                continue; // a person changed it: nothing to alert about (Slack messages follow it elsewhere)
            }
            if (Trigger.NEW_ISSUE.topic().equals(signal.kind())) {
                ownership.autoAssign(issueId);
            }
            Optional<Issue> found = issues.issue(issueId);
            if (found.isEmpty()) {
                continue;
            }
            Issue issue = found.get();
            List<AlertRule> inScope = rulesByOrg.computeIfAbsent(issue.orgId(), store::enabled).stream()
                    .filter(r -> r.definition().hasSignalConditions())
                    .filter(r -> scopes.holds(r.definition().scope(), issue.projectId())).toList();
            if (inScope.isEmpty()) {
                continue;
            }
            IssueFacts ctx = facts.of(issue, signal.text("environment"), signal.text("release"), signal.text("reason"));
            for (AlertRule rule : inScope) {
                actions.fireIfDue(rule, ctx, signal.kind(), "s" + signal.id(), now);
            }
        }
    }
}
