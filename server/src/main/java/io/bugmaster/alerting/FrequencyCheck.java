package io.bugmaster.alerting;

import io.bugmaster.accounts.Directory;
import io.bugmaster.events.EventService;
import io.bugmaster.storage.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The periodic check of the frequency triggers: every issue of a project in some frequency rule's
 * scope that received events since the last check is counted and evaluated.
 */
@Component
class FrequencyCheck {
    static final String NAME = "frequency";
    static final Duration MAX_LOOKBACK = Duration.ofHours(1);
    static final Duration OVERLAP = Duration.ofMinutes(1);

    private final AlertRuleStore store;
    private final EventService events;
    private final IssueFactSources facts;
    private final AlertActions actions;
    private final Directory directory;
    private final Transactions tx;

    FrequencyCheck(AlertRuleStore store, EventService events, IssueFactSources facts, AlertActions actions, Directory directory,
            Transactions tx) {
        this.store = store;
        this.events = events;
        this.facts = facts;
        this.actions = actions;
        this.directory = directory;
        this.tx = tx;
    }

    void run(Instant now) {
        tx.write(() -> {
            long to = now.toEpochMilli();
            List<AlertRule> rules = store.allEnabled().stream().filter(r -> r.definition().hasFrequencyConditions()).toList();
            if (rules.isEmpty()) {
                return; // nothing to check, and nothing to write
            }
            // after a pause (no rules, or the server was down) look back a bounded time: counts still include older events.
            // The window overlaps the previous one: an event is stamped when received but visible only once its batch
            // commits, so one received just before the last check may not have been seen by it. Seeing an issue twice
            // is harmless: the action interval (5 minutes at least) keeps a rule from firing twice for it.
            long from = Math.max(store.checkedTo(NAME).orElse(0L), to - MAX_LOOKBACK.toMillis()) - OVERLAP.toMillis();
            RuleScopes scopes = new RuleScopes(directory);
            Set<Long> projects = new HashSet<>();
            rules.forEach(rule -> projects.addAll(scopes.projects(rule)));
            Map<Long, Long> touched = events.issuesReceivedBetween(projects, from, to);
            for (var entry : touched.entrySet()) {
                long projectId = entry.getValue();
                List<AlertRule> inScope = rules.stream().filter(r -> scopes.holds(r.definition().scope(), projectId)).toList();
                if (inScope.isEmpty()) {
                    continue;
                }
                Optional<IssueFacts> ctx = facts.of(entry.getKey());
                if (ctx.isEmpty()) {
                    continue;
                }
                for (AlertRule rule : inScope) {
                    if (rule.orgId() == ctx.get().issue.orgId()) {
                        actions.fireIfDue(rule, ctx.get(), null, "f" + to, now);
                    }
                }
            }
            store.setCheckedTo(NAME, to);
        });
    }
}
