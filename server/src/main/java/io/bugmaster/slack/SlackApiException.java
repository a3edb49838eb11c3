package io.bugmaster.slack;

import io.bugmaster.notify.DeliveryException;
import java.time.Duration;

/**
 * A Web API call that did not succeed: Slack's own error code ({@code channel_not_found},
 * {@code invalid_auth}, {@code ratelimited}, or {@code http_502} and {@code network} for what never
 * reached Slack's answer), whether trying again could help, and how long Slack asked to wait.
 */
public class SlackApiException extends Exception {
    private final String error;
    private final boolean permanent;
    private final Duration retryAfter;

    public SlackApiException(String method, String error, boolean permanent, Duration retryAfter, String detail) {
        super(method + ": " + error + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"), null, false, false);
        this.error = error;
        this.permanent = permanent;
        this.retryAfter = retryAfter;
    }

    /** Slack's error code ({@code channel_not_found}). */
    public String error() {
        return error;
    }

    public boolean permanent() {
        return permanent;
    }

    /** How long Slack asked to wait (a 429's {@code Retry-After}), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The same failure, for the delivery worker's retries. */
    public DeliveryException toDelivery() {
        return permanent ? DeliveryException.permanent("Slack: " + getMessage())
                : DeliveryException.temporary("Slack: " + getMessage(), retryAfter == null ? null : 429, retryAfter);
    }
}
