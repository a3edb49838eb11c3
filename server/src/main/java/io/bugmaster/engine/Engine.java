package io.bugmaster.engine;

import io.bugmaster.BugmasterProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The periodic loop (GoAlert's shape): every {@code BUGMASTER_ENGINE_INTERVAL}, or at once when
 * poked, it runs each module in turn. Each module runs under its lock, with its own timeout, and
 * a failure in one never stops the others.
 */
@Component
public class Engine implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final List<EngineModule> modules;
    private final ModuleLock moduleLock;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration interval;
    private final Duration moduleTimeout;
    private final Map<String, ModuleStatus> statuses = new ConcurrentHashMap<>();
    private final AtomicBoolean pokeQueued = new AtomicBoolean();
    private final Object cycleLock = new Object();
    private volatile ScheduledExecutorService scheduler;
    private volatile ExecutorService workers;

    public Engine(List<EngineModule> modules, ModuleLock moduleLock, Clock clock, MeterRegistry meters,
            BugmasterProperties props) {
        this.modules = List.copyOf(modules);
        this.moduleLock = moduleLock;
        this.clock = clock;
        this.meters = meters;
        this.interval = props.engineInterval();
        this.moduleTimeout = props.engineModuleTimeout();
        this.workers = newWorkers();
    }

    /** What each module did last; shown on the health endpoint. */
    public record ModuleStatus(Instant lastRunAt, long lastDurationMillis, String lastError, long failures) {}

    /** Runs every module once, now, on the calling thread's schedule. Tests call this after moving the clock. */
    public void runOnce() {
        synchronized (cycleLock) {
            for (EngineModule module : modules) {
                runModule(module);
            }
        }
    }

    /** Asks for a cycle as soon as possible, for work that should not wait for the next tick. */
    public void poke() {
        ScheduledExecutorService s = scheduler;
        if (s != null && pokeQueued.compareAndSet(false, true)) {
            s.execute(() -> {
                pokeQueued.set(false);
                runOnce();
            });
        }
    }

    public Map<String, ModuleStatus> statuses() {
        Map<String, ModuleStatus> ordered = new LinkedHashMap<>();
        for (EngineModule module : modules) {
            ordered.put(module.name(), statuses.get(module.name()));
        }
        return ordered;
    }

    private void runModule(EngineModule module) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        String error = null;
        Future<?> future = workers.submit(() -> {
            moduleLock.runExclusively(module.name(), () -> {
                try {
                    module.run(now);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ModuleFailure(e);
                }
            });
            return null;
        });
        try {
            future.get(moduleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            error = "timed out after " + moduleTimeout.toMillis() + " ms";
            log.warn("engine module {} {}", module.name(), error);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof ModuleFailure f ? f.getCause() : e.getCause();
            error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            log.error("engine module {} failed", module.name(), cause);
        }
        long nanos = System.nanoTime() - started;
        ModuleStatus previous = statuses.get(module.name());
        long failures = (previous == null ? 0 : previous.failures()) + (error == null ? 0 : 1);
        statuses.put(module.name(), new ModuleStatus(now, nanos / 1_000_000, error, failures));
        Timer.builder("bugmaster.engine.module")
                .description("time of one run of an engine module")
                .tag("module", module.name())
                .tag("outcome", error == null ? "success" : "failure")
                .register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static ExecutorService newWorkers() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "engine-module");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start() {
        if (workers.isShutdown()) {
            workers = newWorkers();
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "engine");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(this::runOnceSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
        log.info("engine started: {} modules every {} s", modules.size(), interval.toSeconds());
    }

    private void runOnceSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.error("engine cycle failed", e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdown();
            try {
                s.awaitTermination(moduleTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Stops before the web server and the data source go away. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    private static final class ModuleFailure extends RuntimeException {
        ModuleFailure(Exception cause) {
            super(cause);
        }
    }
}
