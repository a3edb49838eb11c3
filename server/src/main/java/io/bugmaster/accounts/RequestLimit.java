package io.bugmaster.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code max} requests per key within a fixed window, counted in memory on each node
 * (a brake on abuse, not an account of record; a restart forgets the counts). Takes time from the
 * one Clock, so tests move it.
 */
final class RequestLimit {
    private record Window(Instant start, int count) {}

    private final int max;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Window> windows;

    RequestLimit(int max, Duration window, Clock clock) {
        this.max = max;
        this.window = window;
        this.clock = clock;
        this.windows = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(window)
                .maximumSize(100_000)
                .build();
    }

    /** Counts one request; empty while within the limit, else how long until this key's window ends. */
    Optional<Duration> take(String key) {
        Instant now = clock.instant();
        Window w = windows.asMap().compute(key, (k, old) -> old == null || !now.isBefore(old.start().plus(window))
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        return w.count() <= max ? Optional.empty() : Optional.of(Duration.between(now, w.start().plus(window)));
    }

    /** Whole minutes, rounded up, for "try again in N minutes". */
    static long minutes(Duration d) {
        return Math.max(1, (d.toSeconds() + 59) / 60);
    }
}
