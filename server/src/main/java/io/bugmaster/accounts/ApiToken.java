package io.bugmaster.accounts;

import java.time.Instant;
import java.util.Set;

/** An API token's record; the token itself is shown once at creation and stored only as a hash. */
public record ApiToken(long id, long userId, String name, String hint, Set<String> scopes, Instant createdAt,
        Instant expiresAt, Instant lastUsedAt) {}
