package io.bugmaster.ingest;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts events per key in fixed windows (a minute, an hour, a key's own window) to enforce rate
 * limits and quotas in memory. Windows are aligned to the epoch, so all nodes agree on them; each
 * node counts its own share, which is what a per-node limit means. Keys whose window ended are
 * replaced, so memory stays at one entry per active key.
 */
@PureLogic
public final class FixedWindowCounter {
    private record Window(long start, long count) {}

    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * Adds {@code n} to the key's current window if that keeps it within {@code limit}.
     *
     * @return 0 when accepted, else the seconds until the window ends (for Retry-After)
     */
    public long tryAdd(String key, long limit, long windowSeconds, long n, Instant now) {
        long windowMillis = windowSeconds * 1000;
        long start = now.toEpochMilli() / windowMillis * windowMillis;
        long[] retry = {0};
        windows.compute(key, (k, current) -> {
            Window w = current == null || current.start() != start ? new Window(start, 0) : current;
            if (w.count() + n > limit) {
                retry[0] = Math.max(1, (start + windowMillis - now.toEpochMilli() + 999) / 1000);
                return w;
            }
            return new Window(start, w.count() + n);
        });
        return retry[0];
    }

    /** Forgets windows that ended before {@code now}, for a periodic clean-up. */
    public void forgetEndedBefore(Instant now, long longestWindowSeconds) {
        long cutoff = now.toEpochMilli() - longestWindowSeconds * 1000;
        windows.entrySet().removeIf(e -> e.getValue().start() < cutoff);
    }

    int size() {
        return windows.size();
    }
}
