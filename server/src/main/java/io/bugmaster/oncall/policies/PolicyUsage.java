package io.bugmaster.oncall.policies;

import java.util.List;

/**
 * What uses an escalation policy, asked before one is deleted: a feature above on-call (the
 * services of incidents) answers the names of what would lose its policy.
 */
public interface PolicyUsage {
    List<String> usersOf(long orgId, long policyId);
}
