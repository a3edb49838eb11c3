package io.bugmaster.engine;

import io.bugmaster.BugmasterProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
 * poked, it runs each module in the order of {@link EngineModules}. Each module runs under its
 * lock, with its own timeout, and a failure in one never stops the others.
 *
 * <p>Each run is measured with the meter registry's monotonic clock: how long it took
 * ({@code bugmaster.engine.module}, tagged with the module and the outcome: success, failure, or
 * skipped because another node held the module's lock) and how long after its cycle was due it
 * started ({@code bugmaster.engine.module.lateness}). A cycle is due one interval after the last
 * tick ended, or when it was poked; a slow module makes every later module late.
 */
@Component
public class Engine implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    private final List<EngineModule> modules;
    private final ModuleLock moduleLock;
    private final Clock clock;
    private final io.micrometer.core.instrument.Clock ticker;
    private final Map<String, ModuleMeters> meters = new HashMap<>();
    private final Duration interval;
    private final Duration moduleTimeout;
    private final Map<String, ModuleStatus> statuses = new ConcurrentHashMap<>();
    private final AtomicBoolean pokeQueued = new AtomicBoolean();
    private final Object cycleLock = new Object();
    private volatile long nextTickDue;
    private volatile ScheduledExecutorService scheduler;
    private volatile ExecutorService workers;

    public Engine(EngineModules modules, ModuleLock moduleLock, Clock clock, MeterRegistry registry, BugmasterProperties props) {
        this.modules = modules.inOrder();
        this.moduleLock = moduleLock;
        this.clock = clock;
        this.ticker = registry.config().clock();
        this.interval = props.engineInterval();
        this.moduleTimeout = props.engineModuleTimeout();
        this.workers = newWorkers();
        for (EngineModule module : this.modules) {
            meters.put(module.name(), new ModuleMeters(registry, module.name()));
        }
    }

    /** What each module did last. */
    public record ModuleStatus(Instant lastRunAt, long lastDurationMillis, String lastError, long failures) {}

    /** A module's meters, registered up front so that a scraper sees every module before its first run. */
    private record ModuleMeters(Timer success, Timer failure, Timer skipped, Timer lateness) {
        ModuleMeters(MeterRegistry registry, String module) {
            this(duration(registry, module, "success"), duration(registry, module, "failure"),
                    duration(registry, module, "skipped"),
                    Timer.builder("bugmaster.engine.module.lateness")
                            .description("how long after its cycle was due an engine module started")
                            .tag("module", module).register(registry));
        }

        private static Timer duration(MeterRegistry registry, String module, String outcome) {
            return Timer.builder("bugmaster.engine.module").description("time of one run of an engine module")
                    .tag("module", module).tag("outcome", outcome).register(registry);
        }
    }

    /**
     * Runs every module once, now, on the calling thread, and waits for the work they handed to
     * their own threads (sending). Tests call this after moving the clock.
     */
    public void runOnce() {
        runCycle(ticker.monotonicTime());
        try {
            for (EngineModule module : modules) {
                module.awaitIdle();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks for a cycle as soon as possible, for work that should not wait for the next tick. */
    public void poke() {
        ScheduledExecutorService s = scheduler;
        if (s != null && pokeQueued.compareAndSet(false, true)) {
            long due = ticker.monotonicTime();
            s.execute(() -> {
                pokeQueued.set(false);
                runCycleSafely(due);
            });
        }
    }

    /** The module names in the order a cycle runs them. */
    public List<String> moduleNames() {
        return modules.stream().map(EngineModule::name).toList();
    }

    public Map<String, ModuleStatus> statuses() {
        Map<String, ModuleStatus> ordered = new LinkedHashMap<>();
        for (EngineModule module : modules) {
            ordered.put(module.name(), statuses.get(module.name()));
        }
        return ordered;
    }

    /** Runs every module in order; {@code dueNanos} is when the cycle was due, on the ticker. */
    private void runCycle(long dueNanos) {
        synchronized (cycleLock) {
            for (EngineModule module : modules) {
                runModule(module, dueNanos);
            }
        }
    }

    private void runCycleSafely(long dueNanos) {
        try {
            runCycle(dueNanos);
        } catch (RuntimeException e) {
            log.error("engine cycle failed", e);
        }
    }

    private void tick() {
        runCycleSafely(nextTickDue);
        nextTickDue = ticker.monotonicTime() + interval.toNanos();
    }

    private void runModule(EngineModule module, long dueNanos) {
        ModuleMeters meter = meters.get(module.name());
        Instant now = clock.instant();
        long started = ticker.monotonicTime();
        meter.lateness().record(Math.max(0, started - dueNanos), TimeUnit.NANOSECONDS);
        String error = null;
        boolean ran = false;
        Runnable work = () -> {
            try {
                module.run(now);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ModuleFailure(e);
            }
        };
        Future<Boolean> future = workers.submit(() -> {
            if (module.perNode()) {
                work.run();
                return true;
            }
            return moduleLock.runExclusively(module.name(), work);
        });
        try {
            ran = future.get(moduleTimeout.toMillis(), TimeUnit.MILLISECONDS);
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
        long nanos = ticker.monotonicTime() - started;
        ModuleStatus previous = statuses.get(module.name());
        long failures = (previous == null ? 0 : previous.failures()) + (error == null ? 0 : 1);
        statuses.put(module.name(), new ModuleStatus(now, nanos / 1_000_000, error, failures));
        Timer timer = error != null ? meter.failure() : ran ? meter.success() : meter.skipped();
        timer.record(nanos, TimeUnit.NANOSECONDS);
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
        nextTickDue = ticker.monotonicTime() + interval.toNanos();
        s.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = s;
        log.info("engine started: {} modules every {} s", modules.size(), interval.toSeconds());
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
