package io.bugmaster.slack.inbound;

import io.bugmaster.engine.EngineModule;
import io.bugmaster.slack.people.SlackPeople;
import io.bugmaster.storage.Transactions;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Forgets the signatures and event ids of requests older than the signature window (and a margin):
 * a request that old is refused by its timestamp anyway, so its signature no longer needs keeping.
 * Used connect links ({@code link:<nonce>}) are kept at least as long as a link is valid, so a used
 * link never works again.
 */
@Component
class SlackSeenRetention implements EngineModule {
    static final Duration KEEP = max(SlackSignatures.WINDOW.multipliedBy(2).plus(Duration.ofMinutes(50)),
            SlackPeople.CONNECT_LINK_LIFETIME.plus(Duration.ofMinutes(5)));

    private final SlackSeenStore store;
    private final Transactions tx;

    SlackSeenRetention(SlackSeenStore store, Transactions tx) {
        this.store = store;
        this.tx = tx;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
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
