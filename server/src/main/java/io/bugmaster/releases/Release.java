package io.bugmaster.releases;

import java.time.Instant;

/** A version of an organization's code; {@code firstEvent}/{@code lastEvent} are kept by the digest. */
public record Release(long id, long orgId, String version, String ref, String url, Instant createdAt, Instant dateStarted,
        Instant dateReleased, Instant firstEvent, Instant lastEvent) {}
