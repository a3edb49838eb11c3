package io.bugmaster.releases;

import java.time.Instant;

/** A release rolled out to an environment: one kind of "change" to production. */
public record Deploy(long id, long orgId, long releaseId, String version, String environment, String name, String url,
        Instant dateStarted, Instant dateFinished, Instant createdAt) {}
