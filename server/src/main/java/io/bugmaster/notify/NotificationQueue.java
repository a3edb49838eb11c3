package io.bugmaster.notify;

import io.bugmaster.engine.Engine;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The way into delivery: alert evaluation enqueues here, inside the transaction that consumes the
 * signal, so a signal is never marked handled without its notifications being stored. The key
 * makes enqueueing idempotent: evaluating the same signal twice stores each notification once.
 * Once the row is committed the engine is poked, so the delivery worker sends within a second
 * instead of at its next tick.
 */
@Service
public class NotificationQueue {
    private final NotificationQueueStore store;
    private final Transactions transactions;
    private final Clock clock;
    private final ObjectProvider<Engine> engine;

    public NotificationQueue(NotificationQueueStore store, Transactions transactions, Clock clock, ObjectProvider<Engine> engine) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
        this.engine = engine;
    }

    /**
     * Stores the notification for delivery to the recipient as soon as the worker runs. Returns
     * false when a notification with the same idempotency key is already queued (a repeat, dropped).
     */
    public boolean enqueue(long orgId, Recipient recipient, Notification notification) {
        return transactions.write(() -> {
            boolean inserted;
            if (recipient instanceof Recipient.ToChannel c) {
                inserted = store.insertIfAbsent(orgId, c.channelId(), null, null, notification, clock.instant());
            } else if (recipient instanceof Recipient.ToEmail e) {
                inserted = store.insertIfAbsent(orgId, null, e.address(), null, notification, clock.instant());
            } else if (recipient instanceof Recipient.ToContactMethod m) {
                // on-call stores contact methods; the worker asks it (ContactMethodDirectory) how to reach one
                inserted = store.insertIfAbsent(orgId, null, null, m.contactMethodId(), notification, clock.instant());
            } else {
                throw new IllegalArgumentException("unknown recipient " + recipient.key());
            }
            if (inserted) {
                afterCommit(this::poke);
            }
            return inserted;
        });
    }

    /**
     * Skips, with the reason, the organization's notifications still waiting (for their first
     * attempt or a retry) whose idempotency key starts with {@code keyPrefix}: a page that was
     * answered must not wake anyone later. A notification being sent right now finishes. Returns
     * how many it skipped.
     */
    public int skipPending(long orgId, String keyPrefix, String reason) {
        return transactions.write(() -> store.skipPending(orgId, keyPrefix, reason));
    }

    /** A notification as it went: its key, its contact method (null for a channel or an address), how it ended and when. */
    public record Sent(String idempotencyKey, Long contactMethodId, QueuedNotification.State state, String lastError, Instant queuedAt,
            Instant lastAttemptAt) {}

    /**
     * The organization's notifications queued since {@code since} whose idempotency key starts with
     * {@code keyPrefix} (a page's messages: {@code <pageKey>:m}), oldest first, at most {@code limit}.
     * Rows older than the queue's retention are gone.
     */
    public java.util.List<Sent> sent(long orgId, String keyPrefix, Instant since, int limit) {
        return transactions.read(() -> store.sent(orgId, keyPrefix, since, limit));
    }

    /**
     * Queues a resolve about its subject to every channel of the organization that was sent an
     * issue alert about it since it was last resolved (or has one still queued), each under the
     * resolve's key plus {@code :c<channel>}. Channels that were never told about the issue get
     * nothing. The worker sends each after the channel's older messages about the issue, and skips
     * it, saying why, when no alert about the issue reached that channel after all. Alerts about
     * subjects merged into it ({@link #moveOpenAlerts}) get the resolve too, under their own subject.
     * Returns how many it queued.
     */
    public int enqueueResolved(long orgId, Notification resolve) {
        if (resolve.kind() != Notification.Kind.RESOLVE) {
            throw new IllegalArgumentException("not a resolve: " + resolve.kind());
        }
        return transactions.write(() -> {
            int queued = 0;
            Instant now = clock.instant();
            for (long channelId : store.followUpChannels(orgId, resolve.subjectPath())) {
                Notification one = resolve.withIdempotencyKey(resolve.idempotencyKey() + ":c" + channelId);
                if (store.insertIfAbsent(orgId, channelId, null, null, one, now)) {
                    queued++;
                }
            }
            // alerts of subjects merged into this one close with it, each under its own subject (PagerDuty's dedup_key)
            for (NotificationQueueStore.MergedAlert merged : store.mergedOpenAlerts(orgId, resolve.subjectPath())) {
                Notification one = resolve.aboutSubjectPath(merged.subjectKey())
                        .withIdempotencyKey(resolve.idempotencyKey() + ":c" + merged.channelId() + ":" + merged.subjectKey());
                if (store.insertIfAbsent(orgId, merged.channelId(), null, null, one, now)) {
                    queued++;
                }
            }
            if (queued > 0) {
                afterCommit(this::poke);
            }
            return queued;
        });
    }

    /**
     * The subject {@code from} was merged into {@code to} ({@code issue/42}), whose problem it now is:
     * the alerts open about {@code from} stay open, and the next resolve of {@code to} closes them
     * too. Returns how many were moved.
     */
    public int moveOpenAlerts(long orgId, String from, String to) {
        return transactions.write(() -> store.moveOpenAlerts(orgId, from, to));
    }

    /** Runs {@code action} once the current transaction (the caller's, if it opened one) has committed. */
    private static void afterCommit(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    private void poke() {
        Engine e = engine.getIfAvailable();
        if (e != null) {
            e.poke();
        }
    }
}
