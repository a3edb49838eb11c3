package io.bugmaster.alerting;

import io.bugmaster.engine.EngineModule;
import io.bugmaster.notify.DeliveryProperties;
import io.bugmaster.notify.NotificationRetentionModule;
import io.bugmaster.storage.Transactions;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Engine step: signals in the outbox become notifications; frequency triggers are checked. Signals
 * that snooze expiry and escalation raise are handled in the same cycle: those modules run first
 * (see {@link io.bugmaster.engine.EngineModules}).
 * Alerting is the outbox's consumer, so it also deletes the signals it processed longer ago than
 * {@code BUGMASTER_NOTIFY_RETENTION}, in small batches (unprocessed signals are never deleted).
 */
@Component
public class AlertingModule implements EngineModule {
    private final AlertDispatcher dispatcher;
    private final AlertRuleStore store;
    private final Transactions tx;
    private final DeliveryProperties retention;

    public AlertingModule(AlertDispatcher dispatcher, AlertRuleStore store, Transactions tx, DeliveryProperties retention) {
        this.dispatcher = dispatcher;
        this.store = store;
        this.tx = tx;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "alerting";
    }

    @Override
    public void run(Instant now) {
        dispatcher.handleSignals(now);
        dispatcher.checkFrequencies(now);
        pruneOutbox(now);
    }

    /** Deletes processed signals older than the retention, in batches; returns how many. */
    int pruneOutbox(Instant now) {
        Instant before = now.minus(retention.notifyRetention());
        return NotificationRetentionModule.inBatches(
                () -> tx.write(() -> store.deleteProcessedBefore(before, NotificationRetentionModule.BATCH)));
    }
}
