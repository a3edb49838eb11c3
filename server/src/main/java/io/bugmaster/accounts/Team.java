package io.bugmaster.accounts;

import java.time.Instant;

public record Team(long id, long orgId, String slug, String name, Instant createdAt, int memberCount) {}
