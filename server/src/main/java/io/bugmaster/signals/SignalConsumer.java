package io.bugmaster.signals;

import java.time.Instant;
import java.util.List;

/**
 * A feature that reacts to signals: alert rules today; paging, the incident timeline, outgoing
 * webhooks and Slack message updates tomorrow. Each consumer has its own cursor, so every consumer
 * sees every signal, in order, once it is committed, and a consumer that fails or falls behind
 * holds up no other. Its name is listed in {@link SignalConsumers}.
 */
public interface SignalConsumer {

    /** Stable name: its cursor's key, logs and metrics. */
    String name();

    /**
     * Handles signals in order, in a transaction that also moves the consumer's cursor past them: what
     * it writes and the cursor's move commit together, or neither does (the signals come again). It
     * may get a signal twice (after a crash between its work and the commit, never after a commit),
     * so what it writes is keyed to be idempotent. It does no network I/O here (that would hold the
     * transaction and every consumer after it): it queues work, such as notifications, instead.
     * Throwing rolls the batch back; the signals are then handed over one at a time, and one that
     * fails on its own is skipped for this consumer (and logged), so one bad signal cannot stop it.
     */
    void handle(List<Signal> signals, Instant now);
}
