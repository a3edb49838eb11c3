package io.bugmaster.events;

import io.bugmaster.accounts.Actor;

/**
 * Whether a caller may read an issue's events. The issues feature, which depends on this one,
 * provides it: an issue of an organization the caller is not in is "not found", as everywhere.
 */
public interface IssueScopes {

    /** An issue whose events the caller may read. */
    record ReadableIssue(long id, long projectId) {}

    /**
     * The issue, when the caller may read its events; {@code orgSlug} (optional) must be its
     * organization. Throws {@link io.bugmaster.common.NotFoundException} or
     * {@link io.bugmaster.common.ForbiddenException}.
     */
    ReadableIssue readable(Actor actor, String orgSlug, String issueId);
}
