package io.bugmaster.monitors.cron;

import io.bugmaster.inbound.KeyRateLimiter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Check-in addresses (a ping URL, an HTTP check-in's key and slug) are rate limited like the alert
 * receivers: {@code BUGMASTER_INBOUND_RATE_PER_MINUTE} requests a minute per address, a token bucket
 * per node. Unknown addresses count too, so guessing them is slow.
 */
@Component
class CheckInRate {
    private final KeyRateLimiter limiter;
    private final Clock clock;

    CheckInRate(@Value("${bugmaster.inbound-rate-per-minute:120}") int perMinute, Clock clock) {
        this.limiter = new KeyRateLimiter(perMinute);
        this.clock = clock;
    }

    /** @return 0 when allowed, else the seconds to wait (Retry-After) */
    long take(String address) {
        return limiter.tryTake(UUID.nameUUIDFromBytes(address.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits(), clock.instant());
    }
}
