package io.bugmaster.accounts;

import java.time.Instant;

public record Project(long id, long orgId, String slug, String name, String platform, Instant createdAt) {}
