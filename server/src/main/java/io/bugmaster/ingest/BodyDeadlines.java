package io.bugmaster.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Deadlines of request bodies being received: one thread looks at them a few times a second (by
 * the one {@link Clock}) and runs the expiry of those that are past due. A deadline bounds the total
 * time a body may take, which a read timeout does not: a sender of one byte every few seconds never
 * trips a read timeout.
 */
@Component
public class BodyDeadlines implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(BodyDeadlines.class);
    private static final long TICK_MILLIS = 200;

    private final Clock clock;
    private final Set<Deadline> pending = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService ticker;

    public BodyDeadlines(Clock clock) {
        this.clock = clock;
    }

    /** A deadline being watched. */
    public final class Deadline {
        private final Instant at;
        private final Runnable expiry;

        private Deadline(Instant at, Runnable expiry) {
            this.at = at;
            this.expiry = expiry;
        }

        /** Stops watching it (the body arrived, or the request ended otherwise). */
        public void cancel() {
            pending.remove(this);
        }
    }

    /** Runs {@code expiry} (on the deadline thread) once the clock passes {@code at}, unless cancelled first. */
    public Deadline watch(Instant at, Runnable expiry) {
        Deadline deadline = new Deadline(at, expiry);
        pending.add(deadline);
        return deadline;
    }

    /** Bodies being received now. */
    public int pending() {
        return pending.size();
    }

    void tick() {
        Instant now = clock.instant();
        for (Deadline deadline : pending) {
            if (!now.isBefore(deadline.at) && pending.remove(deadline)) {
                try {
                    deadline.expiry.run();
                } catch (RuntimeException e) {
                    log.warn("ending a request past its deadline failed", e);
                }
            }
        }
    }

    @Override
    public void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ingest-body-deadlines");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = ticker;
        if (t != null) {
            t.shutdownNow();
        }
        ticker = null;
    }

    @Override
    public boolean isRunning() {
        return ticker != null;
    }
}
