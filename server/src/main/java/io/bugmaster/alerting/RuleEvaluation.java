package io.bugmaster.alerting;

import io.bugmaster.alerting.AlertRuleDefinition.Condition;
import io.bugmaster.alerting.AlertRuleDefinition.FilterKind;
import io.bugmaster.alerting.AlertRuleDefinition.Interval;
import io.bugmaster.alerting.AlertRuleDefinition.Trigger;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.IssueViews.Assignee;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rule evaluation: gathers the facts a rule's conditions and filters need (and only those) and asks
 * {@link AlertEvaluator} whether it fires. When it does, the answer is the reason its messages give.
 */
@Component
class RuleEvaluation {
    private static final Logger log = LoggerFactory.getLogger(RuleEvaluation.class);

    private final AlertRuleStore store;

    RuleEvaluation(AlertRuleStore store) {
        this.store = store;
    }

    /**
     * Why the rule fires for the issue now (in words a person woken by it understands), or empty.
     *
     * @param topic the signal's kind, or null in the frequency check
     */
    Optional<String> fires(AlertRule rule, IssueFacts ctx, String topic, Instant now) {
        AlertRuleDefinition d = rule.definition();
        Map<Interval, Long> eventCounts = new EnumMap<>(Interval.class);
        Map<Interval, Long> userCounts = new EnumMap<>(Interval.class);
        for (Condition c : d.conditions()) {
            if (c.trigger() == Trigger.EVENT_FREQUENCY) {
                eventCounts.put(c.interval(), ctx.events(c.interval(), now));
            } else if (c.trigger() == Trigger.USER_FREQUENCY) {
                userCounts.put(c.interval(), ctx.users(c.interval(), now));
            }
        }
        Set<String> ownerEmails = new HashSet<>();
        Set<Long> ownerTeams = new HashSet<>();
        if (d.filters().stream().anyMatch(f -> f.kind() == FilterKind.OWNED_BY)) {
            for (Assignee owner : ctx.owners().owners()) {
                if ("team".equals(owner.type())) {
                    ownerTeams.add(owner.id());
                } else if (owner.email() != null) {
                    ownerEmails.add(owner.email().toLowerCase(Locale.ROOT));
                }
            }
        }
        boolean needsEvent = d.filters().stream().anyMatch(f -> f.kind() == FilterKind.TAGGED_EVENT
                || f.kind() == FilterKind.EVENT_ATTRIBUTE) || ctx.signalEnvironment == null;
        Map<String, String> tags = needsEvent ? ctx.tags() : Map.of();
        Map<String, String> attributes = needsEvent ? ctx.attributes() : Map.of();
        String latestRelease = d.filters().stream().anyMatch(f -> f.kind() == FilterKind.LATEST_RELEASE) ? ctx.latestRelease() : null;
        Issue issue = ctx.issue;
        AlertEvaluator.Facts facts = new AlertEvaluator.Facts(topic, ctx.environment(), issue.level(), ctx.release(), latestRelease,
                tags, attributes, issue.firstSeen(), issue.timesSeen(), ctx.assigneeEmail(), issue.assigneeTeamId(), ownerEmails,
                ownerTeams, eventCounts, userCounts, store.lastFired(rule.id(), issue.id()).orElse(null), now);
        AlertEvaluator.Decision decision = AlertEvaluator.evaluate(d, facts);
        if (!decision.fire()) {
            log.debug("alert rule {} does not fire for issue {}: {}", rule.id(), issue.id(), decision.reasons());
            return Optional.empty();
        }
        log.info("alert rule {} fires for issue {}: {}", rule.id(), issue.id(), decision.reasons());
        return Optional.of(AlertReasons.of(decision.held(), facts, ctx.release(), ctx.signalDetail));
    }
}
