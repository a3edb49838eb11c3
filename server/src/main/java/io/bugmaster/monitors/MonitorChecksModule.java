package io.bugmaster.monitors;

import io.bugmaster.engine.Engine;
import io.bugmaster.engine.EngineModule;
import io.bugmaster.engine.KeyedWorkers;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs the checks that are due (SQL, metric, event volume): claims each (so two nodes never run one
 * twice) and hands it to a worker of its own ({@value #WORKERS} threads, one run per monitor at a
 * time), so a slow replica never holds up the engine. One data source has at most
 * {@value #PER_SOURCE} runs at a time: a replica that hangs (each run waits for its statement
 * timeout) holds those workers only, and the checks on other data sources keep their schedule; its
 * other due checks wait, unclaimed, for the next cycle. The result is stored and applied to the
 * monitor's state in one transaction, and the check is due again at its schedule's next time.
 */
@Component
class MonitorChecksModule implements EngineModule, DisposableBean {
    static final int WORKERS = 4;
    static final int BATCH = 100;
    static final int PER_SOURCE = 2;
    /** Longer than any check may take (their statement and HTTP timeouts are far shorter). */
    private static final Duration CLAIM = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(MonitorChecksModule.class);

    private final MonitorStore store;
    private final MonitorService monitors;
    private final Transactions tx;
    private final Clock clock;
    private final Map<MonitorKind, CheckRunner> runners = new EnumMap<>(MonitorKind.class);
    private final KeyedWorkers<Long> workers;
    /** Runs handed over per data source id (checks without one, event volume, are not counted). */
    private final Map<Long, Integer> perSource = new HashMap<>();

    MonitorChecksModule(MonitorStore store, MonitorService monitors, Transactions tx, Clock clock, List<CheckRunner> runners,
            ObjectProvider<Engine> engine) {
        this.store = store;
        this.monitors = monitors;
        this.tx = tx;
        this.clock = clock;
        runners.forEach(r -> this.runners.put(r.kind(), r));
        this.workers = new KeyedWorkers<>("monitor-check", WORKERS, () -> {
            Engine e = engine.getIfAvailable();
            if (e != null) {
                e.poke();
            }
        });
    }

    @Override
    public String name() {
        return "monitor-checks";
    }

    @Override
    public void run(Instant now) {
        tx.write(() -> store.releaseStale(now.minus(CLAIM)));
        for (Monitor m : store.dueChecks(now, BATCH)) {
            CheckRunner runner = runners.get(m.kind());
            if (runner == null || workers.busy(m.id())) {
                continue;
            }
            Long source = dataSource(m);
            if (!takeSlot(source)) {
                continue;
            }
            if (!tx.write(() -> store.claim(m.id(), now))) {
                giveSlot(source);
                continue;
            }
            if (!workers.handOver(m.id(), () -> {
                try {
                    runAndApply(runner, m);
                } finally {
                    giveSlot(source);
                }
            })) {
                giveSlot(source);
                tx.write(() -> store.release(m.id()));
            }
        }
    }

    private static Long dataSource(Monitor m) {
        return m.config().sql() != null ? Long.valueOf(m.config().sql().dataSourceId())
                : m.config().metric() != null ? Long.valueOf(m.config().metric().dataSourceId()) : null;
    }

    private boolean takeSlot(Long source) {
        if (source == null) {
            return true;
        }
        synchronized (perSource) {
            int running = perSource.getOrDefault(source, 0);
            if (running >= PER_SOURCE) {
                return false;
            }
            perSource.put(source, running + 1);
            return true;
        }
    }

    private void giveSlot(Long source) {
        if (source == null) {
            return;
        }
        synchronized (perSource) {
            perSource.merge(source, -1, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private void runAndApply(CheckRunner runner, Monitor m) {
        Instant started = clock.instant();
        CheckResult result;
        try {
            result = runner.run(m, started);
        } catch (RuntimeException e) {
            log.error("the {} check of monitor {} failed unexpectedly", m.kind().id(), m.id(), e);
            result = new CheckResult(CheckResult.Outcome.ERROR, null, null, "the check failed unexpectedly: " + e.getClass().getSimpleName(),
                    null, Duration.between(started, clock.instant()).toMillis());
        }
        CheckResult found = result;
        try {
            monitors.withLock(m.id(), locked -> {
                Instant at = clock.instant();
                if (locked.state() == MonitorState.PAUSED) {
                    store.release(locked.id());
                    return null;
                }
                long resultId = store.insertResult(locked.id(), at, found.outcome().id(), found.value(), found.records(), found.durationMs(),
                        found.detail());
                Instant next = MonitorStates.nextDue(locked.config(), at).orElse(null);
                monitors.apply(locked, found.asStateResult(), at, next, locked.lastCheckinAt(), found.value(), "result", resultId);
                store.release(locked.id());
                return null;
            });
        } catch (RuntimeException e) {
            log.error("the result of monitor {}'s check could not be stored; it runs again when its claim runs out", m.id(), e);
        }
    }

    @Override
    public void awaitIdle() throws InterruptedException {
        workers.awaitIdle(CLAIM);
    }

    @Override
    public void destroy() {
        workers.shutdown();
    }
}
