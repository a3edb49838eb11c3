package io.bugmaster.inbound;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per integration: it holds up to {@code perMinute} requests and refills at
 * {@code perMinute} a minute, so a sender may burst up to the limit and then goes at the rate
 * (PagerDuty limits each integration key the same way). Each node counts its own requests. A bucket
 * that has refilled is forgotten, so memory stays at one entry per integration that sent lately.
 * Cron monitors' check-in addresses are limited the same way (monitors.cron.CheckInRate).
 */
@PureLogic
public final class KeyRateLimiter {
    private record Bucket(double tokens, long atMillis) {}

    private final int perMinute;
    private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    public KeyRateLimiter(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("BUGMASTER_INBOUND_RATE_PER_MINUTE must be at least 1, got " + perMinute);
        }
        this.perMinute = perMinute;
    }

    int perMinute() {
        return perMinute;
    }

    /**
     * Takes one request from the integration's bucket.
     *
     * @return 0 when allowed, else the whole seconds until one request is allowed again (for Retry-After)
     */
    public long tryTake(long integrationId, Instant now) {
        long nowMillis = now.toEpochMilli();
        double perMilli = perMinute / 60_000.0;
        long[] retry = {0};
        buckets.compute(integrationId, (id, bucket) -> {
            double tokens = bucket == null ? perMinute
                    : Math.min(perMinute, bucket.tokens() + Math.max(0, nowMillis - bucket.atMillis()) * perMilli);
            if (tokens < 1) {
                retry[0] = Math.max(1, (long) Math.ceil((1 - tokens) / perMilli / 1000));
                return new Bucket(tokens, nowMillis);
            }
            return new Bucket(tokens - 1, nowMillis);
        });
        if (buckets.size() > 1024) {
            forgetFull(now);
        }
        return retry[0];
    }

    /** Forgets the buckets that have refilled (they behave as absent ones). */
    void forgetFull(Instant now) {
        long nowMillis = now.toEpochMilli();
        double perMilli = perMinute / 60_000.0;
        buckets.entrySet().removeIf(e -> e.getValue().tokens() + (nowMillis - e.getValue().atMillis()) * perMilli >= perMinute);
    }

    int size() {
        return buckets.size();
    }
}
