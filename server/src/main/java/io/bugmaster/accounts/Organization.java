package io.bugmaster.accounts;

import java.time.Instant;

public record Organization(long id, String slug, String name, Instant createdAt) {}
