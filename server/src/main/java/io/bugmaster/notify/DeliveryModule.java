package io.bugmaster.notify;

import io.bugmaster.accounts.Directory;
import io.bugmaster.engine.EngineModule;
import io.bugmaster.engine.KeyedWorkers;
import io.bugmaster.notify.QueuedNotification.State;
import io.bugmaster.storage.Transactions;
import io.bugmaster.engine.Engine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Engine step: the delivery worker. Each cycle it takes the due rows of the notification queue and
 * hands them, grouped by receiver (a channel, or an email address), to its own sender threads
 * ({@code BUGMASTER_NOTIFY_WORKERS}), and returns: sending never holds up the engine loop. A
 * receiver's rows are sent one after another by one sender, and a receiver that is still busy gets
 * no sender for its newer rows until it answers, so a slow receiver holds one sender and delays no
 * other receiver's messages. A sender claims each row (a lease taken with a conditional update, so
 * two nodes never send the same row), sends it outside any transaction (never holding SQLite's
 * writer lock during a slow HTTP call), records the attempt, and then: delivered is done; a temporary failure waits (exponential backoff with a cap,
 * honouring Retry-After) unless the notification is too old; a permanent failure is final and
 * counts against the channel, which is turned off with a visible reason after too many in a row.
 * Storms fold a channel's surplus issue alerts into one digest per minute. Which channels hold an
 * open alert about an issue (a delivered alert, no resolve since) is kept here, where deliveries
 * are known; a resolve with nothing open on its channel is skipped, saying why.
 */
@Component
public class DeliveryModule implements EngineModule, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(DeliveryModule.class);
    static final String NOT_A_MEMBER = "not sent: the recipient is no longer a member of the organization";

    private final NotificationQueueStore queue;
    private final ChannelStore channelStore;
    private final ChannelService channels;
    private final Transactions tx;
    private final DeliveryProperties props;
    private final RetryPolicy retries;
    private final Duration lease;
    private final Directory directory;
    private final ContactMethodDirectory contactMethods;
    private final Clock clock;
    private final ObjectProvider<Engine> engine;
    /** One sender per receiver at a time; a receiver whose rows came due while busy gets a cycle when it is free. */
    private final KeyedWorkers<String> senders;

    public DeliveryModule(NotificationQueueStore queue, ChannelStore channelStore, ChannelService channels, Transactions tx,
            DeliveryProperties props, NotifyProperties notify, Directory directory, ContactMethodDirectory contactMethods, Clock clock,
            ObjectProvider<Engine> engine) {
        this.directory = directory;
        this.contactMethods = contactMethods;
        this.clock = clock;
        this.engine = engine;
        this.senders = new KeyedWorkers<>("notification-sender", props.notifyWorkers(), () -> {
            Engine e = engine.getIfAvailable();
            if (e != null) {
                e.poke();
            }
        });
        this.queue = queue;
        this.channelStore = channelStore;
        this.channels = channels;
        this.tx = tx;
        this.props = props;
        this.retries = props.retryPolicy();
        // long enough for one send to time out (connect + answer) and its result to be written
        this.lease = notify.notifyTimeout().multipliedBy(3).plusSeconds(30);
    }

    @Override
    public String name() {
        return "notification-delivery";
    }

    /** Hands the due rows to the senders, a receiver's rows to one sender, and returns without waiting for them. */
    @Override
    public void run(Instant now) {
        List<NotificationQueueStore.Due> due = queue.due(now, props.notifyBatch());
        Map<String, List<Long>> byReceiver = new LinkedHashMap<>();
        due.forEach(d -> byReceiver.computeIfAbsent(d.receiver(), r -> new ArrayList<>()).add(d.id()));
        byReceiver.forEach(this::handOver);
        if (!due.isEmpty()) {
            tx.write(() -> queue.pruneWindows(Storms.windowStart(now).minus(Duration.ofHours(1))));
        }
    }

    /** Gives a receiver's rows to a sender, unless one is still busy with that receiver: then they wait for it. */
    private void handOver(String receiver, List<Long> ids) {
        senders.handOver(receiver, () -> {
            try {
                for (long id : ids) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    deliverOne(id, clock.instant());
                }
            } catch (RuntimeException e) {
                log.error("sending to {} failed; its rows are tried again when their lease runs out", receiver, e);
            }
        });
    }

    /** Waits until the senders have sent what they were handed (at most the lease: a send cannot take longer). */
    @Override
    public void awaitIdle() throws InterruptedException {
        senders.awaitIdle(lease);
    }

    /** Stops the senders; a row being sent is sent again by the next start or node when its lease runs out. */
    @Override
    public void destroy() {
        senders.shutdown();
    }

    /** One row: claim, decide (storm?), send outside a transaction, record the outcome. */
    void deliverOne(long id, Instant now) {
        Instant leaseUntil = now.plus(lease);
        Optional<NotificationQueueStore.Row> claimed = tx.write(() -> queue.claim(id, now, leaseUntil) ? queue.find(id) : Optional.empty());
        if (claimed.isEmpty()) {
            return;
        }
        NotificationQueueStore.Row row = claimed.get();
        int attempt = row.attempts() + 1;
        ChannelService.Attempt result;
        Long channelId = row.channelId();
        if (channelId != null) {
            Optional<Channel> channel = channels.channel(channelId);
            if (channel.isEmpty()) {
                finish(row, leaseUntil, State.FAILED, row.attempts(), now, "the channel was deleted");
                return;
            }
            if (!channel.get().enabled()) {
                finish(row, leaseUntil, State.FAILED, row.attempts(), now, disabledMessage(channel.get()));
                return;
            }
            Notification notification;
            if (row.digestWindow() != null) {
                notification = Storms.digest(row.idempotencyKey(), channelId, Instant.ofEpochMilli(row.digestWindow()),
                        props.notifyStormLimit(), tx.read(() -> queue.folded(row.idempotencyKey())));
            } else {
                notification = NotificationQueueStore.fromJson(row.notification());
                if (row.attempts() == 0 && foldedIntoStorm(row, notification, leaseUntil, now)) {
                    return;
                }
            }
            if (notification.kind() == Notification.Kind.RESOLVE
                    && !tx.read(() -> queue.hasOpenAlert(channelId, notification.subjectPath()))) {
                // the alert it was queued behind was folded into a storm digest or never delivered: nothing to close
                result = channels.skip(channel.get(), notification, attempt, NOTHING_TO_RESOLVE);
            } else if (notification.kind() == Notification.Kind.RESOLVE && !channel.get().sendsResolved()) {
                // the alert is closed all the same: nothing stays open about the subject on this channel
                tx.write(() -> queue.closeAlert(channelId, notification.subjectPath()));
                result = channels.skip(channel.get(), notification, attempt, RESOLVED_OFF);
            } else {
                result = channels.deliver(channel.get(), notification, attempt);
            }
            record(row, leaseUntil, attempt, result, notification, now);
        } else if (row.contactMethodId() != null) {
            deliverToContactMethod(row, leaseUntil, attempt, now);
        } else {
            // a person hears of an organization's issues only while a member: not after leaving, however long retries last
            if (!directory.isMember(row.orgId(), row.email())) {
                finish(row, leaseUntil, State.FAILED, row.attempts(), now, NOT_A_MEMBER);
                return;
            }
            result = channels.deliverToEmail(row.orgId(), row.email(), NotificationQueueStore.fromJson(row.notification()), attempt);
            record(row, leaseUntil, attempt, result, null, now);
        }
    }

    static final String CONTACT_METHOD_GONE = "not sent: the contact method was deleted";
    static final String CONTACT_METHOD_OFF = "not sent: the contact method is turned off";

    /** A row to a person's contact method: on-call says how to reach it; it hears back how it went. */
    private void deliverToContactMethod(NotificationQueueStore.Row row, Instant leaseUntil, int attempt, Instant now) {
        long methodId = row.contactMethodId();
        Optional<ContactMethodDirectory.Target> target = contactMethods.find(methodId);
        if (target.isEmpty()) {
            finish(row, leaseUntil, State.FAILED, row.attempts(), now, CONTACT_METHOD_GONE);
            return;
        }
        if (!target.get().enabled()) {
            finish(row, leaseUntil, State.FAILED, row.attempts(), now, CONTACT_METHOD_OFF);
            return;
        }
        // a person is paged about an organization's incidents only while a member
        if (directory.memberEmail(row.orgId(), target.get().userId()).isEmpty()) {
            finish(row, leaseUntil, State.FAILED, row.attempts(), now, NOT_A_MEMBER);
            return;
        }
        ChannelService.Attempt result = channels.deliverToContactMethod(row.orgId(), methodId, target.get(),
                NotificationQueueStore.fromJson(row.notification()), attempt);
        record(row, leaseUntil, attempt, result, null, now);
        switch (result.delivery().status()) {
            case DELIVERED -> contactMethods.delivered(methodId);
            case FAILED_PERMANENT -> contactMethods.failed(methodId, result.detail());
            default -> {
                // a temporary failure is retried; a skip says nothing about the method
            }
        }
    }

    static final String NOTHING_TO_RESOLVE = "not sent: no alert about this issue reached this channel since it was last "
            + "resolved (it failed, or went out in a storm digest), so there is nothing to resolve";

    static final String RESOLVED_OFF = "not sent: this channel is set not to get “Resolved” messages (sendResolved is off)";

    /** Counts an issue alert against its channel's minute; past the limit it is folded into the minute's digest. */
    private boolean foldedIntoStorm(NotificationQueueStore.Row row, Notification notification, Instant leaseUntil, Instant now) {
        if (notification.kind() != Notification.Kind.ALERT) {
            return false;
        }
        Instant window = Storms.windowStart(now);
        return tx.write(() -> {
            long sent = queue.countInWindow(row.channelId(), window);
            if (Storms.decide(notification.kind(), sent, props.notifyStormLimit()) == Storms.Decision.SEND) {
                return false;
            }
            String digestKey = Storms.digestKey(row.channelId(), window);
            queue.insertDigest(row.orgId(), row.channelId(), digestKey, window, props.notifyStormLimit(), Storms.windowEnd(window), now);
            return queue.fold(row.id(), leaseUntil, digestKey);
        });
    }

    /**
     * Writes how the attempt went. A delivered issue alert (not a digest) opens an alert about its
     * subject on the channel and a delivered resolve closes it: a later resolve goes only where an
     * alert is open. {@code notification} is null for rows to an email address or a contact method.
     */
    private void record(NotificationQueueStore.Row row, Instant leaseUntil, int attempt, ChannelService.Attempt result,
            Notification notification, Instant now) {
        DeliveryStatus status = result.delivery().status();
        switch (status) {
            case DELIVERED -> tx.write(() -> {
                finishInTx(row, leaseUntil, State.DELIVERED, attempt, now, null);
                if (row.channelId() != null) {
                    channelStore.resetFailures(row.channelId());
                    if (notification.kind() == Notification.Kind.ALERT && !notification.isDigest()) {
                        queue.openAlert(row.channelId(), notification.subjectPath(), now);
                    } else if (notification.kind() == Notification.Kind.RESOLVE) {
                        queue.closeAlert(row.channelId(), notification.subjectPath());
                    }
                }
            });
            case SKIPPED -> finish(row, leaseUntil, State.SKIPPED, attempt, now, result.detail());
            case FAILED_TEMPORARY -> {
                RetryPolicy.Decision next = retries.afterTemporaryFailure(row.idempotencyKey(), attempt, row.createdAt(), now,
                        result.retryAfter());
                if (next.givesUp()) {
                    finish(row, leaseUntil, State.FAILED, attempt, now, next.giveUpReason() + "; the last: " + result.detail());
                } else {
                    finish(row, leaseUntil, State.PENDING, attempt, next.retryAt(), result.detail());
                }
            }
            case FAILED_PERMANENT -> tx.write(() -> {
                finishInTx(row, leaseUntil, State.FAILED, attempt, now, result.detail());
                if (row.channelId() != null) {
                    int inARow = channelStore.countPermanentFailure(row.channelId());
                    if (inARow >= props.notifyDisableAfter()) {
                        String reason = "turned off after " + inARow + " permanent delivery failures in a row; the last: "
                                + result.detail();
                        channelStore.disable(row.channelId(), reason);
                        int failed = queue.failPending(row.channelId(), "channel turned off: " + reason);
                        log.warn("Notification channel {} turned off after {} permanent failures ({} queued notifications failed): {}",
                                row.channelId(), inARow, failed, result.detail());
                    }
                }
            });
        }
    }

    private static String disabledMessage(Channel channel) {
        return "channel turned off" + (channel.disabledReason() == null ? "" : ": " + channel.disabledReason());
    }

    private void finish(NotificationQueueStore.Row row, Instant leaseUntil, State state, int attempts, Instant next, String error) {
        tx.write(() -> finishInTx(row, leaseUntil, state, attempts, next, error));
    }

    private void finishInTx(NotificationQueueStore.Row row, Instant leaseUntil, State state, int attempts, Instant next, String error) {
        if (!queue.finish(row.id(), leaseUntil, state, attempts, next, error)) {
            log.warn("Notification {} was taken over by another worker after its lease ran out; its outcome here is dropped",
                    row.idempotencyKey());
        }
    }
}
