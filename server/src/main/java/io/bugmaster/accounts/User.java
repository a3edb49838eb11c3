package io.bugmaster.accounts;

import java.time.Instant;

/** A person who can log in. The password hash never leaves the store's login query. */
public record User(long id, String email, String name, boolean superuser, boolean active, boolean hasPassword,
        Instant createdAt, Instant lastLoginAt) {}
