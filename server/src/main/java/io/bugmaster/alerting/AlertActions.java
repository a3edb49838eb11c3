package io.bugmaster.alerting;

import io.bugmaster.alerting.AlertRuleDefinition.Action;
import io.bugmaster.alerting.actionlinks.ActionLinks;
import io.bugmaster.incidents.AlertIntake;
import io.bugmaster.incidents.IncidentIntake;
import io.bugmaster.web.Links;
import java.util.List;
import java.util.Map;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * One rule over one issue, from evaluation to queueing: does it fire (rule evaluation), whom does
 * each action notify (recipients), what does the message say (message building, with action links
 * signed for each recipient), and queue it with
 * an idempotency key of rule, occasion, issue and recipient, so that evaluating the same signal
 * twice queues nothing twice.
 */
@Component
class AlertActions {
    private final RuleEvaluation evaluation;
    private final AlertRecipients recipients;
    private final IssueMessages messages;
    private final NotificationQueue queue;
    private final AlertRuleStore store;
    private final ActionLinks actionLinks;
    private final IncidentIntake intake;
    private final Links links;

    AlertActions(RuleEvaluation evaluation, AlertRecipients recipients, IssueMessages messages, NotificationQueue queue,
            AlertRuleStore store, ActionLinks actionLinks, IncidentIntake intake, Links links) {
        this.intake = intake;
        this.links = links;
        this.actionLinks = actionLinks;
        this.evaluation = evaluation;
        this.recipients = recipients;
        this.messages = messages;
        this.queue = queue;
        this.store = store;
    }

    /**
     * @param topic the signal's kind, or null in the frequency check
     * @param occasion what the key says the rule fired on: {@code s<signal>} or {@code f<check time>}
     */
    void fireIfDue(AlertRule rule, IssueFacts ctx, String topic, String occasion, Instant now) {
        Optional<String> reason = evaluation.fires(rule, ctx, topic, now);
        if (reason.isEmpty()) {
            return;
        }
        store.fired(rule.id(), ctx.issue.id(), now);
        String keyPrefix = "alert:r" + rule.id() + ":" + occasion + ":i" + ctx.issue.id() + ":";
        Notification message = null;
        for (Action action : rule.definition().actions()) {
            if (action.kind() == AlertRuleDefinition.ActionKind.PAGE_SERVICE) {
                page(rule, action.serviceId(), ctx, reason.get());
                continue;
            }
            for (Recipient recipient : recipients.of(action, ctx)) {
                if (message == null) {
                    message = messages.alert(keyPrefix, ctx, reason.get(), rule.name(), now);
                }
                // "Resolve" and "Ignore for 1h" links signed for this recipient
                queue.enqueue(rule.orgId(), recipient, actionLinks.addTo(message.withIdempotencyKey(keyPrefix + recipient.key()),
                        rule.orgId(), ctx.issue.id(), recipient, now));
            }
        }
    }

    /**
     * Opens (or, while it is open, updates) an alert on the service, keyed {@code issue:<id>}: one
     * alert per issue and service, which resolving the issue resolves ({@link #resolvePages}).
     */
    private void page(AlertRule rule, Long serviceId, IssueFacts ctx, String reason) {
        var issue = ctx.issue;
        String title = issue.title() == null || issue.title().isBlank() ? issue.shortId() : issue.title();
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("issue", issue.shortId());
        details.put("link", links.issue(issue.orgSlug(), issue.id()));
        details.put("reason", reason);
        details.put("rule", rule.name());
        if (issue.culprit() != null) {
            details.put("culprit", issue.culprit());
        }
        AlertIntake.InboundAlert alert = new AlertIntake.InboundAlert(AlertIntake.Action.TRIGGER, dedupKey(issue.id()),
                title.length() > 1024 ? title.substring(0, 1024) : title, issue.projectSlug(), severity(issue.level()), null, issue.culprit(),
                ctx.signalEnvironment, null, details, List.of(new AlertIntake.Link(links.issue(issue.orgSlug(), issue.id()), issue.shortId())),
                "Bugmaster", links.issue(issue.orgSlug(), issue.id()));
        if (serviceId == null || intake.applyToService(rule.orgId(), serviceId, alert, "alert rule '" + rule.name() + "'").isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(AlertActions.class).warn("alert rule {} pages service {}, which no longer exists", rule.id(), serviceId);
        }
    }

    /** The issue is resolved (or gone): the alerts it opened on services are resolved, and their incidents with them when nothing else is open. */
    void resolvePages(long orgId, long issueId) {
        intake.resolveBugmasterAlerts(orgId, dedupKey(issueId), "issue resolved");
    }

    static String dedupKey(long issueId) {
        return "issue:" + issueId;
    }

    /** An issue's level as PagerDuty's severity: fatal is critical, error error, warning warning, anything else info. */
    static String severity(String level) {
        return switch (level == null ? "" : level) {
            case "fatal" -> "critical";
            case "error" -> "error";
            case "warning" -> "warning";
            default -> "info";
        };
    }
}
