package io.bugmaster.digest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one writer of events on this node. HTTP threads hand it parsed, grouped events and wait;
 * it takes whatever is queued (up to a batch), writes it in one transaction, and then completes
 * every waiting request: an acknowledged event is committed (group commit). The queue is bounded:
 * when it is full, {@link #submit} refuses at once and the client is told to retry (429).
 *
 * <p>Linger: when requests are arriving concurrently (the previous batch held more than one event)
 * and fewer than 32 events are queued, the writer waits {@code digest-linger-micros} (default 2 ms)
 * and takes what arrived meanwhile, so one transaction and commit serve more events. A lone event on
 * an idle server is written at once.
 */
@Component
public class Digester implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Digester.class);

    private final DigestStore store;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final long lingerNanos;
    private final Timer batchTimer;
    private final Counter written;
    private final Counter refused;
    private final Runnable afterSignals;
    private volatile Thread writer;
    private volatile boolean running;

    /** Batches this large are written at once: their commit is already shared widely enough. */
    private static final int LINGER_BELOW = 32;

    /** One queued event; {@code done} completes with true when it was written, false when it was a duplicate. */
    private record Pending(DigestItem item, CompletableFuture<Boolean> done) {}

    @Autowired
    public Digester(DigestStore store, MeterRegistry meters, ObjectProvider<io.bugmaster.engine.Engine> engine,
            @Value("${bugmaster.digest-queue-size:20000}") int queueSize,
            @Value("${bugmaster.digest-batch-size:1000}") int maxBatch,
            @Value("${bugmaster.digest-linger-micros:2000}") long lingerMicros) {
        this(store, meters, queueSize, maxBatch, lingerMicros, () -> engine.ifAvailable(io.bugmaster.engine.Engine::poke));
    }

    /** Without linger and without poking the engine: for tests of the queue itself. */
    public Digester(DigestStore store, MeterRegistry meters, int queueSize, int maxBatch) {
        this(store, meters, queueSize, maxBatch, 0, () -> { });
    }

    /** {@code afterSignals} runs after a batch that raised signals committed: pokes the engine so alerts go out at once. */
    Digester(DigestStore store, MeterRegistry meters, int queueSize, int maxBatch, long lingerMicros, Runnable afterSignals) {
        this.afterSignals = afterSignals;
        this.lingerNanos = TimeUnit.MICROSECONDS.toNanos(Math.max(0, lingerMicros));
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.maxBatch = maxBatch;
        this.batchTimer = Timer.builder("bugmaster.digest.batch").description("time to write one batch of events")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.written = Counter.builder("bugmaster.digest.events").description("events written").register(meters);
        this.refused = Counter.builder("bugmaster.digest.refused").description("events refused because the queue was full")
                .register(meters);
        Gauge.builder("bugmaster.digest.queue", queue, BlockingQueue::size).description("events waiting to be written")
                .register(meters);
    }

    /**
     * Queues the events of one request; the future completes when all of them are committed, with the
     * ones that were written: an event whose id the project already has is dropped (SDKs may send an
     * event twice), and is not in the list.
     *
     * @throws QueueFullException when the digester is too far behind to take them now
     */
    public CompletableFuture<List<DigestItem>> submit(List<DigestItem> items) {
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (!running) {
            throw new QueueFullException(5);
        }
        if (queue.remainingCapacity() < items.size()) {
            refused.increment(items.size());
            throw new QueueFullException(1);
        }
        List<CompletableFuture<Boolean>> futures = new ArrayList<>(items.size());
        for (DigestItem item : items) {
            CompletableFuture<Boolean> done = new CompletableFuture<>();
            if (!queue.offer(new Pending(item, done))) {
                refused.increment();
                // what was queued is still written; this request is refused as a whole
                throw new QueueFullException(1);
            }
            futures.add(done);
        }
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(all -> {
            List<DigestItem> written = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                if (futures.get(i).join()) {
                    written.add(items.get(i));
                }
            }
            return written;
        });
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        int previous = 0;
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    previous = 0;
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (lingerNanos > 0 && previous > 1 && batch.size() < LINGER_BELOW && running) {
                    linger(batch);
                }
                previous = batch.size();
                write(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Sleeps for the linger once, then takes what arrived meanwhile: one wake-up, not one per
     * arriving event (a version that woke for each event and stopped after a 300 us gap was no
     * faster: 2,784 against 2,862 events/s at 64 connections, within run-to-run noise).
     */
    private void linger(List<Pending> batch) {
        LockSupport.parkNanos(lingerNanos);
        queue.drainTo(batch, maxBatch - batch.size());
    }

    private void write(List<Pending> batch) {
        List<DigestItem> items = batch.stream().map(Pending::item).toList();
        try {
            DigestStore.Written result = batchTimer.record((java.util.function.Supplier<DigestStore.Written>) () -> store.write(items));
            written.increment(result.stored().size());
            batch.forEach(p -> p.done().complete(result.stored().contains(p.item())));
            if (result.signals() > 0) {
                afterSignals.run();
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                log.error("could not write event {} of project {}", items.get(0).eventId(), items.get(0).projectId(), e);
                batch.get(0).done().completeExceptionally(e);
                return;
            }
            // one bad event must not fail its neighbours: write them one by one
            log.warn("batch of {} events failed ({}); writing them one at a time", batch.size(), e.toString());
            for (Pending p : batch) {
                write(List.of(p));
            }
        }
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::loop, "digester");
        t.setDaemon(false);
        writer = t;
        t.start();
    }

    /** Stops taking events, writes what is queued, then returns (graceful shutdown loses nothing acknowledged). */
    @Override
    public void stop() {
        running = false;
        Thread t = writer;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the web server takes requests and stops after it has stopped (and before the data source closes). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 3000;
    }
}
