package io.bugmaster.alerting;

import java.time.Instant;

/**
 * A saved alert rule of an organization. {@code lastFiredAt} is when it last fired for any issue;
 * {@code disabledReason} says why Bugmaster turned it off (null when on, or turned off by a person).
 */
public record AlertRule(long id, long orgId, String name, AlertRuleDefinition definition, boolean enabled, Long createdBy,
        Instant createdAt, Instant updatedAt, Instant lastFiredAt, String disabledReason) {}
