package io.bugmaster.releases;

import java.time.Instant;

/** A source repository, created the first time a commit or ref names it. {@code provider} null when unknown. */
public record Repository(long id, long orgId, String name, String url, String provider, Instant createdAt) {}
