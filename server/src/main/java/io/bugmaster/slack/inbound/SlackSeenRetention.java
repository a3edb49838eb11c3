package io.bugmaster.slack.inbound;

import io.bugmaster.engine.EngineModule;
import io.bugmaster.storage.Transactions;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Forgets the signatures and event ids of requests older than the signature window (and a margin):
 * a request that old is refused by its timestamp anyway, so its signature no longer needs keeping.
 */
@Component
class SlackSeenRetention implements EngineModule {
    private static final Duration KEEP = SlackSignatures.WINDOW.multipliedBy(2).plus(Duration.ofMinutes(50));

    private final SlackSeenStore store;
    private final Transactions tx;

    SlackSeenRetention(SlackSeenStore store, Transactions tx) {
        this.store = store;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "slack-seen-retention";
    }

    @Override
    public void run(Instant now) {
        tx.write(() -> store.forgetBefore(now.minus(KEEP)));
    }
}
