package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Duration;
import java.time.Instant;

/**
 * When to try a notification again after a temporary failure: exponential backoff from
 * {@code base} (base, 2·base, 4·base, ...) capped at {@code max}, plus up to 20% jitter so that
 * many notifications that failed together do not all come back at once. The jitter comes from the
 * idempotency key and the attempt number, not from a random source: the same row always waits the
 * same time, which keeps tests exact. A receiver's Retry-After is honoured (never retried sooner),
 * and a notification older than {@code giveUpAfter} is not retried at all.
 */
@PureLogic
public record RetryPolicy(Duration base, Duration max, Duration giveUpAfter) {

    /** What to do after a failed attempt. {@code retryAt} is null when giving up. */
    public record Decision(Instant retryAt, String giveUpReason) {
        public boolean givesUp() {
            return retryAt == null;
        }
    }

    /**
     * @param attempts attempts made so far, including the one that just failed (1 after the first)
     * @param retryAfter what the receiver asked for, or null
     */
    public Decision afterTemporaryFailure(String idempotencyKey, int attempts, Instant queuedAt, Instant now, Duration retryAfter) {
        if (!now.isBefore(queuedAt.plus(giveUpAfter))) {
            return new Decision(null, "gave up after " + human(giveUpAfter) + " and " + attempts + " attempts");
        }
        return new Decision(now.plus(delay(idempotencyKey, attempts, retryAfter)), null);
    }

    /** The wait before the next attempt, after {@code attempts} failed ones. */
    public Duration delay(String idempotencyKey, int attempts, Duration retryAfter) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        long millis = base.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        millis = Math.min(millis, max.toMillis());
        long jitter = millis * Math.floorMod((idempotencyKey + "#" + attempts).hashCode(), 1000) / 5000;
        Duration delay = Duration.ofMillis(millis + jitter);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            // the receiver knows best, within reason: never wait longer than giving up would take
            delay = retryAfter.compareTo(giveUpAfter) > 0 ? giveUpAfter : retryAfter;
        }
        return delay;
    }

    static String human(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
