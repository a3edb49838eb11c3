package io.bugmaster.events;

import java.time.Instant;

/** An event row; {@code payload} is the compressed normalized JSON (see {@link EventPayloads}). */
public record StoredEvent(long id, long projectId, Long issueId, String eventId, String type, Instant occurredAt,
        Instant receivedAt, String level, String release, String environment, String userKey, String title, byte[] payload) {}
