package io.bugmaster.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for an engine module's slow work (sending to receivers, calling Slack), so the engine's
 * loop never waits on the network: work is handed over per key (a receiver, an organization), one
 * piece per key at a time, so a key's work stays in order. A key that is busy is remembered, and
 * {@code afterWaiting} runs when it is free again (the module's caller pokes the engine, so that
 * what came due meanwhile goes now rather than at the next tick).
 *
 * @param <K> what work is grouped by
 */
public final class KeyedWorkers<K> {
    private final ExecutorService pool;
    private final Runnable afterWaiting;
    private final Set<K> busy = ConcurrentHashMap.newKeySet();
    private final Set<K> waiting = ConcurrentHashMap.newKeySet();
    private final Object idle = new Object();
    private int running;

    public KeyedWorkers(String threadName, int threads, Runnable afterWaiting) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.afterWaiting = afterWaiting;
    }

    /** True when a worker is busy with {@code key}; the key is then remembered as waiting. */
    public boolean busy(K key) {
        if (busy.contains(key)) {
            waiting.add(key);
            return true;
        }
        return false;
    }

    /**
     * Runs {@code work} for {@code key} on a worker; false, and nothing runs, when a worker is busy
     * with that key (it is remembered as waiting) or the workers are shut down.
     */
    public boolean handOver(K key, Runnable work) {
        if (!busy.add(key)) {
            waiting.add(key);
            return false;
        }
        synchronized (idle) {
            running++;
        }
        try {
            pool.execute(() -> {
                try {
                    work.run();
                } finally {
                    done(key);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            done(key);
            return false;
        }
    }

    private void done(K key) {
        busy.remove(key);
        synchronized (idle) {
            running--;
            idle.notifyAll();
        }
        if (waiting.remove(key)) {
            afterWaiting.run();
        }
    }

    /** Waits until the work handed over has finished, at most {@code max}. */
    public void awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (idle) {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Stops the workers; work being done is interrupted. */
    public void shutdown() {
        pool.shutdownNow();
    }
}
