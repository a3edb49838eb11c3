package io.bugmaster.slack.inbound;

import io.bugmaster.storage.Transactions;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** The requests seen (signatures, event ids, used one-time links), kept as long as a replay could come. */
@Service
public class SlackRequestLog {
    private final SlackSeenStore store;
    private final Transactions tx;

    SlackRequestLog(SlackSeenStore store, Transactions tx) {
        this.store = store;
        this.tx = tx;
    }

    /** Records {@code key} ({@code link:<nonce>}); false when it was recorded before. */
    public boolean firstTime(String key, Instant now) {
        return tx.write(() -> store.firstTime(key, now));
    }

    public int forgetBefore(Instant before) {
        return tx.write(() -> store.forgetBefore(before));
    }
}
