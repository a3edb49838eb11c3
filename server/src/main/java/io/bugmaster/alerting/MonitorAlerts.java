package io.bugmaster.alerting;

import io.bugmaster.alerting.AlertRuleDefinition.Action;
import io.bugmaster.alerting.AlertRuleDefinition.ActionKind;
import io.bugmaster.incidents.IncidentIntake;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorSignals;
import io.bugmaster.monitors.messages.MonitorMessages;
import io.bugmaster.monitors.messages.MonitorNotifications;
import io.bugmaster.monitors.paging.MonitorPages;
import io.bugmaster.notify.ChannelService;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import io.bugmaster.notify.pagerduty.PagerDutyTransport;
import io.bugmaster.signals.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Alert rules over monitors' signals: every enabled rule of the organization with a monitor trigger,
 * whose scope holds the monitor's project and whose monitor filters pass, does its actions.
 * <ul>
 * <li>monitor.down / monitor.failing: the message to the rule's channels and people, an alert on the
 * services it pages (keyed {@code monitor:<id>}).</li>
 * <li>The same while the monitor is already down ({@code still}: it fails differently now) is an update
 * of the open alert, not news: PagerDuty channels and paged services get it (PagerDuty updates the
 * incident with the same dedup key), chat channels and people do not.</li>
 * <li>monitor.up: every channel told about the monitor gets the resolve, whatever the rules say now,
 * and the services' alerts are resolved; rules with {@code monitor_recovered} also tell their people
 * and channels. A muted monitor's recovery tells no one new.</li>
 * </ul>
 * Messages about one signal share a key per recipient ({@code monitor:<id>:s<signal>:c<channel>}),
 * so two rules that name the same channel send it once.
 */
@Component
class MonitorAlerts {
    private static final Logger log = LoggerFactory.getLogger(MonitorAlerts.class);

    private final MonitorMessages messages;
    private final AlertRecipients recipients;
    private final ChannelService channels;
    private final NotificationQueue queue;
    private final IncidentIntake intake;

    MonitorAlerts(MonitorMessages messages, AlertRecipients recipients, ChannelService channels, NotificationQueue queue,
            IncidentIntake intake) {
        this.messages = messages;
        this.recipients = recipients;
        this.channels = channels;
        this.queue = queue;
        this.intake = intake;
    }

    void handle(Signal signal, List<AlertRule> orgRules, RuleScopes scopes, Instant now) {
        Optional<MonitorNotifications.Facts> found = messages.facts(signal);
        if (found.isEmpty()) {
            return;
        }
        MonitorNotifications.Facts facts = found.get();
        Monitor m = facts.monitor();
        Notification message = MonitorNotifications.of(facts);
        boolean up = MonitorSignals.UP.equals(signal.kind());
        if (up) {
            queue.enqueueResolved(m.orgId(), message.withReason("Monitor recovered", null, now));
            intake.resolveBugmasterAlerts(m.orgId(), MonitorPages.dedupKey(m), "monitor recovered");
            if (m.muted()) {
                return;
            }
        }
        AlertEvaluator.MonitorFacts ruleFacts = new AlertEvaluator.MonitorFacts(signal.kind(), m.slug(), m.kind().id());
        for (AlertRule rule : orgRules) {
            if (!rule.definition().hasMonitorConditions() || !scopes.holds(rule.definition().scope(), m.projectId())) {
                continue;
            }
            AlertEvaluator.Decision decision = AlertEvaluator.evaluateMonitor(rule.definition(), ruleFacts);
            if (!decision.fire()) {
                log.debug("alert rule {} does not fire for monitor {}: {}", rule.id(), m.id(), decision.reasons());
                continue;
            }
            log.info("alert rule {} fires for monitor {}: {}", rule.id(), m.id(), decision.reasons());
            String reason = facts.still() ? MonitorNotifications.stillFailing(facts) : decision.held().isEmpty() ? null
                    : AlertReasons.trigger(decision.held().get(0), null, null, null);
            fire(rule, facts, message.withReason(reason, rule.name(), now), up);
        }
    }

    private void fire(AlertRule rule, MonitorNotifications.Facts facts, Notification message, boolean up) {
        Monitor m = facts.monitor();
        for (Action action : rule.definition().actions()) {
            if (action.kind() == ActionKind.PAGE_SERVICE) {
                if (!up) {
                    page(rule, action.serviceId(), facts, message);
                }
                continue;
            }
            for (Recipient recipient : recipients.ofMonitor(action, m)) {
                if (facts.still() && !isPagerDuty(recipient)) {
                    continue; // an update of what they were told: only PagerDuty updates its incident in place
                }
                queue.enqueue(rule.orgId(), recipient, message.withIdempotencyKey(MonitorNotifications.key(facts) + ":" + recipient.key()));
            }
        }
    }

    private void page(AlertRule rule, Long serviceId, MonitorNotifications.Facts facts, Notification message) {
        if (serviceId == null || intake.applyToService(rule.orgId(), serviceId, MonitorPages.alert(facts, message),
                "alert rule '" + rule.name() + "'").isEmpty()) {
            log.warn("alert rule {} pages service {}, which no longer exists", rule.id(), serviceId);
        }
    }

    private boolean isPagerDuty(Recipient recipient) {
        return recipient instanceof Recipient.ToChannel c
                && channels.channel(c.channelId()).filter(ch -> PagerDutyTransport.KIND.id().equals(ch.kind().id())).isPresent();
    }
}
