package io.bugmaster.accounts;

import java.time.Instant;

/** A user's membership of an organization. */
public record Member(long id, long orgId, long userId, String email, String name, Role role, boolean pending,
        Instant createdAt) {}
