package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Instant;

/** One recorded attempt to deliver a notification to a channel. */
@PureLogic
public record Delivery(long id, long channelId, String idempotencyKey, int attempt, DeliveryStatus status, Integer httpStatus,
        String error, Instant createdAt) {}
