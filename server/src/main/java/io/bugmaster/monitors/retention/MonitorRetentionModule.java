package io.bugmaster.monitors.retention;

import io.bugmaster.engine.EngineModule;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.storage.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Engine step: forgets monitors' runs older than {@value #DAYS} days (the uptime bars' reach): job
 * check-ins and check results, in small batches, each its own short transaction. State changes
 * (monitor_flips) are kept: they are few, and they are the monitor's history.
 */
@Component
class MonitorRetentionModule implements EngineModule {
    static final int DAYS = 90;
    /** Rows one delete removes, and at most how many deletes per table per cycle (the rest goes in the next cycles). */
    static final int BATCH = 500;
    static final int MAX_BATCHES = 20;
    private static final Logger log = LoggerFactory.getLogger(MonitorRetentionModule.class);

    private final MonitorStore store;
    private final Transactions tx;

    MonitorRetentionModule(MonitorStore store, Transactions tx) {
        this.store = store;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "monitor-retention";
    }

    @Override
    public void run(Instant now) {
        Instant before = now.minus(Duration.ofDays(DAYS));
        int checkIns = inBatches(() -> tx.write(() -> store.deleteCheckInsBefore(before, BATCH)));
        int results = inBatches(() -> tx.write(() -> store.deleteResultsBefore(before, BATCH)));
        if (checkIns + results > 0) {
            log.debug("deleted {} check-ins and {} monitor results from before {}", checkIns, results, before);
        }
    }

    private static int inBatches(IntSupplier batch) {
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
