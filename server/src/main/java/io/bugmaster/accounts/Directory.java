package io.bugmaster.accounts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * For other features that act for the system, not for a caller (alert evaluation): who is in an
 * organization, its teams and projects. No caller checks: callers have checked access or act on
 * stored, already-validated references.
 */
@Service
public class Directory {
    private final DirectoryStore store;

    public Directory(DirectoryStore store) {
        this.store = store;
    }

    public Optional<Long> projectId(long orgId, String slug) {
        return store.projectId(orgId, slug);
    }

    public Optional<Long> teamId(long orgId, String slug) {
        return store.teamId(orgId, slug);
    }

    /** Project ids by slug... the other way round: slug by id, for every project of the organization. */
    public Map<Long, String> projectSlugs(long orgId) {
        return store.projectSlugs(orgId);
    }

    public Map<Long, String> teamSlugs(long orgId) {
        return store.teamSlugs(orgId);
    }

    public List<Long> projectIds(long orgId) {
        return List.copyOf(store.projectSlugs(orgId).keySet());
    }

    /** The projects a team has access to. */
    public List<Long> teamProjectIds(long teamId) {
        return store.teamProjectIds(teamId);
    }

    /** Emails of a team's members. */
    public List<String> teamMemberEmails(long teamId) {
        return store.teamMemberEmails(teamId);
    }

    /** Emails of a project's members: the members of its teams, or everyone in the organization when it has no team. */
    public List<String> projectMemberEmails(long projectId) {
        List<String> emails = store.projectTeamMemberEmails(projectId);
        return emails.isEmpty() ? store.orgMemberEmailsOfProject(projectId) : emails;
    }

    public boolean isMember(long orgId, String email) {
        return store.isMember(orgId, email);
    }

    public Optional<String> userEmail(long userId) {
        return store.userEmail(userId);
    }

    /** A project a user can see, for personal settings: the projects of every organization the user is a member of. */
    public record UserProject(long projectId, long orgId, String orgSlug, String projectSlug, String projectName) {}

    public List<UserProject> projectsOfUser(long userId) {
        return store.projectsOfUser(userId);
    }

    /** Active users by lower-cased email address; addresses of no user are left out. */
    public Map<String, Long> userIdsByEmail(java.util.Collection<String> emails) {
        return store.userIdsByEmail(emails);
    }

    /** A team, for work done across organizations (the weekly report). */
    public record TeamRef(long id, long orgId, String orgSlug, String slug, String name) {}

    public List<TeamRef> allTeams() {
        return store.allTeams();
    }

    /** An active member of a team. */
    public record TeamMember(long userId, String email) {}

    public List<TeamMember> teamMembers(long teamId) {
        return store.teamMembers(teamId);
    }

    public Optional<String> projectSlug(long projectId) {
        return store.projectSlug(projectId);
    }
}
