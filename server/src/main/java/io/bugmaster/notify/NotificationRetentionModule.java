package io.bugmaster.notify;

import io.bugmaster.engine.EngineModule;
import io.bugmaster.storage.Transactions;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Engine step: forgets old notifications. Queue rows that are finished (delivered, failed, folded
 * into a digest) and recorded delivery attempts older than {@code BUGMASTER_NOTIFY_RETENTION}
 * (default 30 days) are deleted in small batches, each its own short transaction, so a large
 * backlog never holds the writer lock for long; what is left over goes in the next cycles.
 * Pending rows are never deleted here (the delivery worker gives up on them first).
 */
@Component
public class NotificationRetentionModule implements EngineModule {
    private static final Logger log = LoggerFactory.getLogger(NotificationRetentionModule.class);
    /** Rows one delete removes. */
    public static final int BATCH = 500;
    /** Batches per table per cycle. */
    public static final int MAX_BATCHES = 20;

    private final NotificationQueueStore queue;
    private final DeliveryStore deliveries;
    private final Transactions tx;
    private final DeliveryProperties props;

    public NotificationRetentionModule(NotificationQueueStore queue, DeliveryStore deliveries, Transactions tx, DeliveryProperties props) {
        this.queue = queue;
        this.deliveries = deliveries;
        this.tx = tx;
        this.props = props;
    }

    @Override
    public String name() {
        return "notification-retention";
    }

    @Override
    public void run(Instant now) {
        Instant before = now.minus(props.notifyRetention());
        int rows = inBatches(() -> tx.write(() -> queue.deleteFinishedBefore(before, BATCH)));
        int attempts = inBatches(() -> tx.write(() -> deliveries.deleteBefore(before, BATCH)));
        if (rows + attempts > 0) {
            log.debug("deleted {} notifications and {} delivery attempts from before {}", rows, attempts, before);
        }
    }

    /** Runs a batch delete until it deletes less than a full batch, at most {@link #MAX_BATCHES} times; returns the total. */
    public static int inBatches(IntSupplier batch) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES && !Thread.currentThread().isInterrupted(); i++) {
            int n = batch.getAsInt();
            total += n;
            if (n < BATCH) {
                break;
            }
        }
        return total;
    }
}
