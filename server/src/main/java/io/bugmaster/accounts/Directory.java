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

    /** The teams that own a project, oldest first. */
    public List<Long> projectTeamIds(long projectId) {
        return store.projectTeamIds(projectId);
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

    /** An organization, for work done across organizations (on-call notices). */
    public record OrgRef(long id, String slug) {}

    public List<OrgRef> allOrganizations() {
        return store.allOrganizations();
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

    /** A project with its organization, for features that show or check issues by project. */
    public record ProjectInfo(long id, long orgId, String orgSlug, String slug, String name, String platform) {}

    /** Projects by id, with their organizations, in one lookup; unknown ids are absent. */
    public Map<Long, ProjectInfo> projects(java.util.Collection<Long> projectIds) {
        return projectIds.isEmpty() ? Map.of() : store.projects(projectIds);
    }

    public Optional<ProjectInfo> project(long orgId, String slug) {
        return store.project(orgId, slug);
    }

    /** The organization's projects, by slug. */
    public List<ProjectInfo> projectsOf(long orgId) {
        return store.projectsOf(orgId);
    }

    /** The ids of the organization's projects with these slugs, by slug; unknown slugs are absent. */
    public Map<String, Long> projectIdsBySlug(long orgId, java.util.Collection<String> slugs) {
        return slugs.isEmpty() ? Map.of() : store.projectIdsBySlug(orgId, slugs);
    }

    /** A person by id: their name and email. */
    public record Person(long id, String name, String email) {}

    /**
     * Someone who has joined the organization (an invitation not yet accepted has no user, so it
     * is never one): who can be assigned its issues, mentioned and found by email.
     */
    public Optional<Person> joinedMember(long orgId, long userId) {
        return store.joinedMember(orgId, userId);
    }

    public Optional<Person> joinedMemberByEmail(long orgId, String email) {
        return store.joinedMemberByEmail(orgId, email);
    }

    /** The organization's joined members, by name, at most {@code limit}. */
    public List<Person> joinedMembers(long orgId, int limit) {
        return store.joinedMembers(orgId, limit);
    }

    /** Of these users, the organization's joined members, by id. */
    public Map<Long, Person> joinedMembers(long orgId, java.util.Collection<Long> userIds) {
        return userIds.isEmpty() ? Map.of() : store.joinedMembers(orgId, userIds);
    }

    /** People by id, members or not (who wrote a comment long ago), for showing names; unknown ids are absent. */
    public Map<Long, Person> people(java.util.Collection<Long> userIds) {
        return userIds.isEmpty() ? Map.of() : store.people(userIds);
    }

    /** A team's slug and name. */
    public record TeamName(long id, String slug, String name) {}

    public Optional<TeamName> team(long orgId, long teamId) {
        return store.team(orgId, teamId);
    }

    /** The organization's teams, by slug, at most {@code limit}. */
    public List<TeamName> teams(long orgId, int limit) {
        return store.teams(orgId, limit);
    }

    /** Teams by id; unknown ids are absent. */
    public Map<Long, TeamName> teams(java.util.Collection<Long> teamIds) {
        return teamIds.isEmpty() ? Map.of() : store.teams(teamIds);
    }

    /** The teams of the organization that a user is on. */
    public List<Long> teamIdsOfUser(long orgId, long userId) {
        return store.teamIdsOfUser(orgId, userId);
    }

    /** The organization's slug, for links and messages made for the system. */
    public Optional<String> orgSlug(long orgId) {
        return store.orgSlug(orgId);
    }
}
