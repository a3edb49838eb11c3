package io.bugmaster.accounts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * For other features that act for the system, not for a caller (alert evaluation): who is in an
 * organization, its teams and projects. No caller checks: callers have checked access or act on
 * stored, already-validated references. Every lookup of people is scoped to one organization's
 * accepted members: data of an organization (its rules, assignees, subscribers) never reaches
 * anyone else, not another organization's users and not members who left.
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

    /** The email of a user who is an accepted member of the organization; empty for anyone else. */
    public Optional<String> memberEmail(long orgId, long userId) {
        return store.memberEmail(orgId, userId);
    }

    /** Of these users, those who are accepted members of the organization. */
    public java.util.Set<Long> memberIds(long orgId, java.util.Collection<Long> userIds) {
        return store.memberIds(orgId, userIds);
    }

    /** The organization of a project. */
    public Optional<Long> orgOfProject(long projectId) {
        return store.orgOfProject(projectId);
    }

    /** A project a user can see, for personal settings: the projects of every organization the user is a member of. */
    public record UserProject(long projectId, long orgId, String orgSlug, String projectSlug, String projectName) {}

    public List<UserProject> projectsOfUser(long userId) {
        return store.projectsOfUser(userId);
    }

    /**
     * The accepted, active members of the organization among these addresses, by lower-cased email;
     * anyone else (another organization's user, someone who left, an invitee) is left out.
     */
    public Map<String, Long> memberIdsByEmail(long orgId, java.util.Collection<String> emails) {
        return store.memberIdsByEmail(orgId, emails);
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
