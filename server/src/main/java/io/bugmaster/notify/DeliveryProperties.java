package io.bugmaster.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The delivery worker's settings ({@code BUGMASTER_NOTIFY_*}); documented in docs/configuration.md
 * (Notifications).
 *
 * @param notifyRetryBase wait before the first retry; each further retry waits twice as long
 * @param notifyRetryMax the longest wait between two attempts (a receiver's Retry-After may ask for more)
 * @param notifyGiveUpAfter a notification still failing this long after it was queued fails for good
 * @param notifyDisableAfter permanent failures in a row that turn a channel off
 * @param notifyStormLimit issue alerts a channel gets per minute before the rest are folded into one digest
 * @param notifyBatch due rows the delivery module hands to the senders per engine cycle
 * @param notifyWorkers threads that send, each busy with one receiver at a time
 * @param notifyRetention finished queue rows (delivered, failed, digested) and recorded attempts
 *        older than this are deleted (signals: BUGMASTER_SIGNAL_RETENTION)
 */
@ConfigurationProperties(prefix = "bugmaster")
public record DeliveryProperties(
        @DefaultValue("10s") Duration notifyRetryBase,
        @DefaultValue("10m") Duration notifyRetryMax,
        @DefaultValue("24h") Duration notifyGiveUpAfter,
        @DefaultValue("5") int notifyDisableAfter,
        @DefaultValue("10") int notifyStormLimit,
        @DefaultValue("20") int notifyBatch,
        @DefaultValue("30d") Duration notifyRetention,
        @DefaultValue("4") int notifyWorkers) {

    public DeliveryProperties {
        positive("BUGMASTER_NOTIFY_RETRY_BASE", notifyRetryBase);
        positive("BUGMASTER_NOTIFY_RETRY_MAX", notifyRetryMax);
        positive("BUGMASTER_NOTIFY_GIVE_UP_AFTER", notifyGiveUpAfter);
        positive("BUGMASTER_NOTIFY_RETENTION", notifyRetention);
        if (notifyRetention.compareTo(notifyGiveUpAfter) < 0) {
            throw new IllegalArgumentException("BUGMASTER_NOTIFY_RETENTION (" + notifyRetention
                    + ") must not be shorter than BUGMASTER_NOTIFY_GIVE_UP_AFTER (" + notifyGiveUpAfter + ")");
        }
        if (notifyDisableAfter < 1) {
            throw new IllegalArgumentException("BUGMASTER_NOTIFY_DISABLE_AFTER must be at least 1, got: " + notifyDisableAfter);
        }
        if (notifyStormLimit < 1) {
            throw new IllegalArgumentException("BUGMASTER_NOTIFY_STORM_LIMIT must be at least 1, got: " + notifyStormLimit);
        }
        if (notifyWorkers < 1 || notifyWorkers > 64) {
            throw new IllegalArgumentException("BUGMASTER_NOTIFY_WORKERS must be between 1 and 64, got: " + notifyWorkers);
        }
        if (notifyBatch < 1 || notifyBatch > 1000) {
            throw new IllegalArgumentException("BUGMASTER_NOTIFY_BATCH must be between 1 and 1000, got: " + notifyBatch);
        }
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got: " + d);
        }
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(notifyRetryBase, notifyRetryMax, notifyGiveUpAfter);
    }
}
