package io.bugmaster.ingest;

import io.bugmaster.engine.EngineModule;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts what ingestion refused (rate limited, over quota, queue full) in memory, and writes the
 * counts to the outcomes table once per engine cycle: refusing must stay cheap under overload,
 * so a refused request never costs a database write. Counts are plain values merged and removed
 * atomically, so an add racing a flush lands in this flush or the next, never in a discarded adder.
 */
@Component
public class OutcomeCounter implements EngineModule {
    private record Key(long projectId, String outcome, String category, String reason) {}

    private final Map<Key, Long> counts = new ConcurrentHashMap<>();
    private final IngestStore store;

    public OutcomeCounter(IngestStore store) {
        this.store = store;
    }

    public void add(long projectId, String outcome, String category, String reason, long quantity) {
        counts.merge(new Key(projectId, outcome, category, reason), quantity, Long::sum);
    }

    @Override
    public String name() {
        return "outcome-counts";
    }

    /** The counts live in this process: each node writes its own, whoever holds the cluster's locks. */
    @Override
    public boolean perNode() {
        return true;
    }

    @Override
    public void run(Instant now) {
        for (Key key : counts.keySet()) {
            Long removed = counts.remove(key);
            long quantity = removed == null ? 0 : removed;
            if (quantity == 0) {
                continue;
            }
            try {
                store.recordOutcome(key.projectId(), new IngestStore.Outcome(key.outcome(), key.category(), key.reason(), quantity), now);
            } catch (RuntimeException e) {
                add(key.projectId(), key.outcome(), key.category(), key.reason(), quantity);
                throw e;
            }
        }
    }
}
