package io.bugmaster.alerting;

import java.time.Instant;

/** A saved alert rule of an organization. {@code lastFiredAt} is when it last fired for any issue. */
public record AlertRule(long id, long orgId, String name, AlertRuleDefinition definition, boolean enabled, Long createdBy,
        Instant createdAt, Instant updatedAt, Instant lastFiredAt) {}
