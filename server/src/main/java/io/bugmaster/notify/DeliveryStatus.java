package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;

/** How one attempt ended. */
@PureLogic
public enum DeliveryStatus {
    /** The receiver accepted it. */
    DELIVERED("delivered"),
    /** Failed, worth retrying (5xx, 408, 429, timeouts, connection refused). */
    FAILED_TEMPORARY("failed_temporary"),
    /** Failed for good (4xx, refused by the outbound policy, bad settings). */
    FAILED_PERMANENT("failed_permanent"),
    /**
     * Not sent, on purpose, with the reason as its error: the channel does not carry this kind of
     * message (PagerDuty and a weekly report), or a resolve has no delivered alert to close. Not a
     * failure: it never counts against the channel.
     */
    SKIPPED("skipped");

    private final String id;

    DeliveryStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static DeliveryStatus parse(String id) {
        for (DeliveryStatus status : values()) {
            if (status.id.equals(id)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown delivery status " + id);
    }
}
