package io.bugmaster.alerting;

import io.bugmaster.issues.IssueService;
import io.bugmaster.issues.IssueWorkflow;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.signals.Signal;
import io.bugmaster.web.Links;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When an issue is resolved, each channel that was sent an alert about it gets a resolve (PagerDuty
 * resolves its incident, webhooks get {@code issue.resolved}, chats and email channels a short
 * message), keyed by the signal and the channel. So does an issue that is gone: deleted, or merged
 * into another that is resolved ({@code issue.deleted}, {@code issue.merged}); its message says so,
 * and is made from what the signal tells of the issue, as the issue cannot be read any more. Merged
 * into an unresolved issue, its alerts wait for that issue's resolve.
 */
@Component
class ResolvedFollowUps {
    private static final Logger log = LoggerFactory.getLogger(ResolvedFollowUps.class);

    private final IssueMessages messages;
    private final NotificationQueue queue;

    private final Links links;

    private final IssueService issues;

    ResolvedFollowUps(IssueMessages messages, NotificationQueue queue, Links links, IssueService issues) {
        this.issues = issues;
        this.messages = messages;
        this.queue = queue;
        this.links = links;
    }

    void queue(Signal resolved, IssueFacts ctx, Instant now) {
        String reason = AlertReasons.resolved(resolved.text("activity"), resolved.text("version"), resolved.text("commit"),
                resolved.text("actor"));
        int queued = queue.enqueueResolved(ctx.issue.orgId(), messages.resolve("resolve:s" + resolved.id(), ctx, reason, now));
        if (queued > 0) {
            log.info("issue {} resolved: a resolve queued to {} channel(s) that were alerted about it", ctx.issue.id(), queued);
        }
    }

    /**
     * The issue of the signal was merged into another. While that one is unresolved the problem goes
     * on there: the open alerts stay open and close when it is resolved (or deleted), each under its
     * own dedup key. Into a resolved issue (or one gone since), they are closed now, saying where it went.
     */
    void merged(Signal merged, Instant now) {
        String target = merged.text("target");
        boolean goesOn = target != null && issues.issue(Long.parseLong(target))
                .filter(i -> !IssueWorkflow.RESOLVED.equals(i.status())).isPresent();
        if (!goesOn) {
            queueGone(merged, now);
            return;
        }
        int moved = queue.moveOpenAlerts(merged.orgId(), merged.subject().toString().replace(':', '/'), "issue/" + target);
        if (moved > 0) {
            log.info("issue {} merged into {}: {} open alert(s) now close with it", merged.subject().number(), target, moved);
        }
    }

    /** The issue of the signal was deleted or merged away: its open alerts are closed, saying which. */
    void queueGone(Signal gone, Instant now) {
        boolean merged = IssueWorkflow.Signal.MERGED.topic().equals(gone.kind());
        String org = gone.text("organization");
        String target = gone.text("target");
        String reason = merged ? AlertReasons.merged(gone.text("targetShortId"), gone.text("actor")) : AlertReasons.deleted(gone.text("actor"));
        // a merged issue's page is gone too: the message opens the issue it was merged into
        String link = merged && org != null && target != null ? links.issue(org, Long.parseLong(target)) : null;
        var snapshot = new IssueNotifications.Snapshot(gone.subject().number(), org, gone.text("project"), null,
                gone.text("title") == null ? gone.text("shortId") : gone.text("title"), gone.text("culprit"), gone.text("level"),
                gone.json().path("count").asLong(0), gone.json().path("users").asLong(0), null, null, null, null, Map.of(), null, link);
        int queued = queue.enqueueResolved(gone.orgId(), IssueNotifications.gone("resolve:s" + gone.id(), gone.kind(), snapshot, reason, now));
        if (queued > 0) {
            log.info("issue {} {}: a resolve queued to {} channel(s) that were alerted about it", gone.subject().number(),
                    merged ? "merged" : "deleted", queued);
        }
    }
}
