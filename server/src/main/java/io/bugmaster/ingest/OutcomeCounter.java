package io.bugmaster.ingest;

import io.bugmaster.engine.EngineModule;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * Counts what ingestion refused (rate limited, over quota, queue full) in memory, and writes the
 * counts to the outcomes table once per engine cycle: refusing must stay cheap under overload,
 * so a refused request never costs a database write.
 */
@Component
public class OutcomeCounter implements EngineModule {
    private record Key(long projectId, String outcome, String category, String reason) {}

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
    private final IngestStore store;

    public OutcomeCounter(IngestStore store) {
        this.store = store;
    }

    public void add(long projectId, String outcome, String category, String reason, long quantity) {
        counts.computeIfAbsent(new Key(projectId, outcome, category, reason), k -> new LongAdder()).add(quantity);
    }

    @Override
    public String name() {
        return "outcome-counts";
    }

    @Override
    public void run(Instant now) {
        for (Key key : counts.keySet()) {
            LongAdder adder = counts.remove(key);
            long quantity = adder == null ? 0 : adder.sumThenReset();
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
