package io.bugmaster.incidents.comms;

import io.bugmaster.common.PureLogic;
import java.time.Instant;

/** An address that gets an incident's status updates by email; {@code userId} when a member subscribed themselves. */
@PureLogic
public record Subscriber(String email, Long userId, Instant createdAt) {}
