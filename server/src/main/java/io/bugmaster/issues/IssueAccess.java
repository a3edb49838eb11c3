package io.bugmaster.issues;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.issues.IssueViews.ProjectRef;
import org.springframework.stereotype.Service;

/**
 * Every issue and event lookup goes through here: the issue's project's organization, with the
 * caller's standing in it. An issue of an organization the caller is not in is "not found".
 */
@Service
public class IssueAccess {
    private final IssueStore store;
    private final OrgDirectory directory;
    private final OrganizationService organizations;

    IssueAccess(IssueStore store, OrgDirectory directory, OrganizationService organizations) {
        this.store = store;
        this.directory = directory;
        this.organizations = organizations;
    }

    /** An issue the caller may act on with {@code scope}; {@code orgSlug} (optional) must be the issue's organization. */
    public record Scoped(OrgAccess access, Issue issue) {}

    public Scoped issue(Actor actor, String orgSlug, String issueId, String scope) {
        long id = parseId(issueId);
        Issue issue = store.find(id).filter(i -> orgSlug == null || i.orgSlug().equals(orgSlug))
                .orElseThrow(() -> notFound(issueId));
        OrgAccess access;
        try {
            access = organizations.access(actor, issue.orgSlug());
        } catch (NotFoundException e) {
            throw notFound(issueId);
        }
        return new Scoped(access.require(scope), issue);
    }

    /** A project the caller may act on with {@code scope}. */
    public record ScopedProject(OrgAccess access, ProjectRef project) {}

    public ScopedProject project(Actor actor, String orgSlug, String projectSlug, String scope) {
        OrgAccess access = organizations.access(actor, orgSlug);
        ProjectRef project = directory.project(access.org().id(), projectSlug)
                .orElseThrow(() -> new NotFoundException("project '" + projectSlug + "' not found"));
        return new ScopedProject(access.require(scope), project);
    }

    public OrgAccess organization(Actor actor, String orgSlug, String scope) {
        return organizations.access(actor, orgSlug).require(scope);
    }

    static long parseId(String issueId) {
        try {
            long id = Long.parseLong(issueId);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to not found
        }
        throw notFound(issueId);
    }

    private static NotFoundException notFound(String issueId) {
        return new NotFoundException("issue '" + issueId + "' not found");
    }
}
