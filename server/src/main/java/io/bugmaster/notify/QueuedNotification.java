package io.bugmaster.notify;

import java.time.Instant;

/**
 * One row of the notification queue: a notification on its way to a channel or to one person's
 * email address (exactly one of {@code channelId} and {@code email} is set).
 */
public record QueuedNotification(long id, long orgId, Long channelId, String email, Notification notification, State state,
        int attempts, Instant nextAttemptAt, String lastError, Instant createdAt) {

    public enum State {
        /** waiting for its first or next attempt */
        PENDING("pending"),
        /** the receiver took it */
        DELIVERED("delivered"),
        /** a permanent failure, or temporary ones until it grew too old: not tried again */
        FAILED("failed"),
        /** part of a storm: folded into the channel's digest for that minute, which was sent instead */
        DIGESTED("digested"),
        /** not sent, on purpose: the reason is in the last error (see {@link DeliveryStatus#SKIPPED}) */
        SKIPPED("skipped");

        private final String id;

        State(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static State parse(String id) {
            for (State s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown notification state: " + id);
        }
    }
}
