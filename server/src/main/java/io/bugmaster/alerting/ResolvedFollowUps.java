package io.bugmaster.alerting;

import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.signals.Signal;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When an issue is resolved, each channel that was sent an alert about it gets a resolve (PagerDuty
 * resolves its incident, webhooks get {@code issue.resolved}, chats and email channels a short
 * message), keyed by the signal and the channel.
 */
@Component
class ResolvedFollowUps {
    private static final Logger log = LoggerFactory.getLogger(ResolvedFollowUps.class);

    private final IssueMessages messages;
    private final NotificationQueue queue;

    ResolvedFollowUps(IssueMessages messages, NotificationQueue queue) {
        this.messages = messages;
        this.queue = queue;
    }

    void queue(Signal resolved, IssueFacts ctx, Instant now) {
        String reason = AlertReasons.resolved(resolved.text("activity"), resolved.text("version"), resolved.text("commit"),
                resolved.text("actor"));
        int queued = queue.enqueueResolved(ctx.issue.orgId(), messages.resolve("resolve:s" + resolved.id(), ctx, reason, now));
        if (queued > 0) {
            log.info("issue {} resolved: a resolve queued to {} channel(s) that were alerted about it", ctx.issue.id(), queued);
        }
    }
}
