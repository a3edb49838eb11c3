package io.bugmaster.oncall.paging;

import io.bugmaster.engine.EngineModule;
import io.bugmaster.notify.NotificationJson;
import io.bugmaster.notify.NotificationQueue;
import io.bugmaster.notify.Recipient;
import io.bugmaster.storage.Transactions;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Engine step: queues the notification rules of pages that are due now ("after 5 minutes by SMS")
 * unless their page was stopped. Each step is taken with a conditional update in the transaction
 * that queues it, and queued under its own idempotency key, so two nodes never send it twice.
 */
@Component
class PageStepsModule implements EngineModule {
    static final int BATCH = 500;

    private final PageStore store;
    private final NotificationQueue queue;
    private final Transactions tx;

    PageStepsModule(PageStore store, NotificationQueue queue, Transactions tx) {
        this.store = store;
        this.queue = queue;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "page-steps";
    }

    @Override
    public void run(Instant now) {
        for (PageStore.DueStep step : tx.read(() -> store.due(now, BATCH))) {
            tx.write(() -> {
                if (store.claim(step.id())) {
                    queue.enqueue(step.orgId(), Recipient.contactMethod(step.contactMethodId()), NotificationJson.read(step.notification())
                            .withIdempotencyKey(RulePager.key(step.pageKey(), step.contactMethodId(), step.delayMinutes())));
                }
            });
        }
    }
}
