package io.bugmaster.alerting;

import io.bugmaster.alerting.AlertRuleDefinition.Action;
import io.bugmaster.alerting.actionlinks.ActionLinks;
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

    AlertActions(RuleEvaluation evaluation, AlertRecipients recipients, IssueMessages messages, NotificationQueue queue,
            AlertRuleStore store, ActionLinks actionLinks) {
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
}
