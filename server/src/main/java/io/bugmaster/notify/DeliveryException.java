package io.bugmaster.notify;

import java.time.Duration;

/**
 * A notification was not delivered. Permanent: sending the same message again cannot work (the
 * receiver refused it, the URL is gone, the outbound policy forbids the target); the delivery worker
 * gives up and counts it against the channel. Temporary: try again later, not before
 * {@link #retryAfter()} when the receiver said so.
 */
public class DeliveryException extends Exception {
    private final boolean permanent;
    private final Integer httpStatus;
    private final Duration retryAfter;

    private DeliveryException(String message, boolean permanent, Integer httpStatus, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, true, null, null, null);
    }

    public static DeliveryException permanent(String message, Integer httpStatus) {
        return new DeliveryException(message, true, httpStatus, null, null);
    }

    public static DeliveryException temporary(String message, Throwable cause) {
        return new DeliveryException(message, false, null, null, cause);
    }

    public static DeliveryException temporary(String message, Integer httpStatus, Duration retryAfter) {
        return new DeliveryException(message, false, httpStatus, retryAfter, null);
    }

    public boolean permanent() {
        return permanent;
    }

    /** The receiver's HTTP status, when it answered. */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** How long the receiver asked us to wait (HTTP {@code Retry-After}), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
