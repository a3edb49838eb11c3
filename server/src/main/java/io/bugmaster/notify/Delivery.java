package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Instant;

/**
 * One recorded attempt to deliver a notification to a channel; {@code messageRef} is the
 * receiver's reference to the message it made, when it gave one (see {@link Delivered}).
 */
@PureLogic
public record Delivery(long id, long channelId, String idempotencyKey, int attempt, DeliveryStatus status, Integer httpStatus,
        String error, String messageRef, Instant createdAt) {}
