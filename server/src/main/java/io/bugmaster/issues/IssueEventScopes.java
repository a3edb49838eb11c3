package io.bugmaster.issues;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.events.IssueScopes;
import org.springframework.stereotype.Component;

/** The events feature's check that a caller may read an issue's events: {@link IssueAccess} with {@code event:read}. */
@Component
class IssueEventScopes implements IssueScopes {
    private final IssueAccess access;

    IssueEventScopes(IssueAccess access) {
        this.access = access;
    }

    @Override
    public ReadableIssue readable(Actor actor, String orgSlug, String issueId) {
        Issue issue = access.issue(actor, orgSlug, issueId, Scopes.EVENT_READ).issue();
        return new ReadableIssue(issue.id(), issue.projectId());
    }
}
