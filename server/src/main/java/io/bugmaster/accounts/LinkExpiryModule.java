package io.bugmaster.accounts;

import io.bugmaster.engine.EngineModule;
import io.bugmaster.storage.Transactions;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Engine module: setup links are marked expired at their expiry, and forgotten 30 days later. */
@Component
public class LinkExpiryModule implements EngineModule {
    static final Duration KEEP_ENDED = Duration.ofDays(30);

    private final OneTimeLinkStore links;
    private final Transactions tx;

    public LinkExpiryModule(OneTimeLinkStore links, Transactions tx) {
        this.links = links;
        this.tx = tx;
    }

    @Override
    public String name() {
        return "link-expiry";
    }

    @Override
    public void run(Instant now) {
        tx.write(() -> {
            links.expire(now);
            links.deleteEndedBefore(now.minus(KEEP_ENDED));
        });
    }
}
