package io.bugmaster.issues;

import io.bugmaster.accounts.Directory;
import io.bugmaster.issues.IssueViews.Assignee;
import io.bugmaster.issues.IssueViews.ProjectRef;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The projects, members and teams of an organization as the issue workflow shows them (assignees,
 * project references), read through accounts' {@link Directory}: the issues feature names no
 * accounts table.
 */
@Component
public class OrgDirectory {
    private final Directory directory;

    OrgDirectory(Directory directory) {
        this.directory = directory;
    }

    public Optional<ProjectRef> project(long orgId, String slug) {
        return directory.project(orgId, slug).map(OrgDirectory::ref);
    }

    public List<ProjectRef> projects(long orgId) {
        return directory.projectsOf(orgId).stream().map(OrgDirectory::ref).toList();
    }

    public List<Long> projectIds(long orgId) {
        return directory.projectIds(orgId);
    }

    public Optional<Long> orgOfProject(long projectId) {
        return directory.orgOfProject(projectId);
    }

    private static ProjectRef ref(Directory.ProjectInfo p) {
        return new ProjectRef(p.id(), p.orgId(), p.slug(), p.name(), p.platform());
    }

    /** Someone who has joined the organization (an invitation not yet accepted is never one). */
    public Optional<Assignee> memberUser(long orgId, long userId) {
        return directory.joinedMember(orgId, userId).map(OrgDirectory::user);
    }

    public Optional<Assignee> memberUserByEmail(long orgId, String email) {
        return directory.joinedMemberByEmail(orgId, email).map(OrgDirectory::user);
    }

    /** Everyone who can be assigned an issue of the organization, by name. */
    public List<Assignee> memberUsers(long orgId, int limit) {
        return directory.joinedMembers(orgId, limit).stream().map(OrgDirectory::user).toList();
    }

    /** Assignees of many issues of an organization at once, for rendering a page: its members only. */
    public Map<Long, Assignee> users(long orgId, Collection<Long> userIds) {
        return directory.joinedMembers(orgId, userIds).values().stream().collect(Collectors.toMap(p -> p.id(), OrgDirectory::user));
    }

    public Optional<Assignee> team(long orgId, long teamId) {
        return directory.team(orgId, teamId).map(OrgDirectory::team);
    }

    public Optional<Long> teamIdBySlug(long orgId, String slug) {
        return directory.teamId(orgId, slug);
    }

    /** The organization's teams, by slug. */
    public List<Assignee> teams(long orgId, int limit) {
        return directory.teams(orgId, limit).stream().map(OrgDirectory::team).toList();
    }

    public Map<Long, Assignee> teams(Collection<Long> teamIds) {
        return directory.teams(teamIds).values().stream().collect(Collectors.toMap(t -> t.id(), OrgDirectory::team));
    }

    public List<Long> teamIdsOfUser(long orgId, long userId) {
        return directory.teamIdsOfUser(orgId, userId);
    }

    private static Assignee user(Directory.Person p) {
        return new Assignee("user", p.id(), p.name(), p.email());
    }

    private static Assignee team(Directory.TeamName t) {
        return new Assignee("team", t.id(), t.slug(), null);
    }
}
