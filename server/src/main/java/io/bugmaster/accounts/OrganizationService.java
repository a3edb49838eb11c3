package io.bugmaster.accounts;

import io.bugmaster.common.ConflictException;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.common.Page;
import io.bugmaster.storage.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Organizations, their members and teams. Every method takes the caller and checks its role in the
 * organization: an organization the caller does not belong to is "not found", never "forbidden".
 */
@Service
public class OrganizationService {
    private final OrganizationStore organizations;
    private final MemberStore members;
    private final TeamStore teams;
    private final UserStore users;
    private final Invitations invitations;
    private final ObjectProvider<MembershipListener> membershipListeners;
    private final Transactions tx;
    private final Clock clock;

    public OrganizationService(OrganizationStore organizations, MemberStore members, TeamStore teams, UserStore users,
            Invitations invitations, ObjectProvider<MembershipListener> membershipListeners, Transactions tx, Clock clock) {
        this.organizations = organizations;
        this.members = members;
        this.teams = teams;
        this.users = users;
        this.invitations = invitations;
        this.membershipListeners = membershipListeners;
        this.tx = tx;
        this.clock = clock;
    }

    /** The caller's access to an organization, or not found when it does not exist or the caller is not a member. */
    public OrgAccess access(Actor actor, String orgSlug) {
        return organizations.findBySlug(orgSlug)
                .flatMap(org -> members.find(org.id(), actor.userId())
                        .map(member -> new OrgAccess(org, member, actor.scopesWith(member.role()))))
                .orElseThrow(() -> new NotFoundException("organization '" + orgSlug + "' not found"));
    }

    /** The same by the organization's id, for a page that holds one of its objects already (an incident's panels). */
    public OrgAccess access(Actor actor, long orgId) {
        return organizations.findById(orgId)
                .flatMap(org -> members.find(org.id(), actor.userId())
                        .map(member -> new OrgAccess(org, member, actor.scopesWith(member.role()))))
                .orElseThrow(() -> new NotFoundException("organization " + orgId + " not found"));
    }

    public Page<Organization> list(Actor actor, int offset, int limit) {
        return Page.of(organizations.listForUser(actor.userId(), offset, limit + 1), offset, limit);
    }

    /** Creates an organization with the caller as its owner, and a first team of the same slug. */
    public Organization create(Actor actor, String name, String slug) {
        if (!actor.tokenAllows(Scopes.ORG_WRITE)) {
            throw new ForbiddenException("this token lacks the 'org:write' scope needed to create an organization");
        }
        String validName = Validation.name("name", name);
        String validSlug = slug == null ? Validation.slugify(validName) : Validation.slug("slug", slug);
        return tx.write(() -> createWithOwner(actor.userId(), validName, validSlug));
    }

    /** Used by first-start setup too: the organization, its owner, and a team the owner is on. */
    Organization createWithOwner(long userId, String name, String slug) {
        Instant now = clock.instant();
        Organization org = organizations.insert(slug, name, now)
                .orElseThrow(() -> new ConflictException("an organization with slug '" + slug + "' already exists"));
        long memberId = members.insert(org.id(), userId, Role.OWNER, now).orElseThrow();
        Team team = teams.insert(org.id(), slug, name, now).orElseThrow();
        teams.addMember(team.id(), memberId);
        return org;
    }

    public Organization update(Actor actor, String orgSlug, String name, String slug) {
        return tx.write(() -> {
            OrgAccess access = access(actor, orgSlug).require(Scopes.ORG_WRITE);
            Organization org = access.org();
            String newName = name == null ? org.name() : Validation.name("name", name);
            String newSlug = slug == null ? org.slug() : Validation.slug("slug", slug);
            if (!organizations.update(org.id(), newSlug, newName)) {
                throw new ConflictException("an organization with slug '" + newSlug + "' already exists");
            }
            return organizations.findById(org.id()).orElseThrow();
        });
    }

    // --- members ---

    public Page<Member> listMembers(Actor actor, String orgSlug, int offset, int limit) {
        OrgAccess access = access(actor, orgSlug).require(Scopes.MEMBER_READ);
        return Page.of(members.list(access.org().id(), offset, limit + 1), offset, limit);
    }

    public Member getMember(Actor actor, String orgSlug, String memberId) {
        OrgAccess access = access(actor, orgSlug).require(Scopes.MEMBER_READ);
        return findMember(access, memberId);
    }

    /**
     * Invites a person to the organization: a pending member with an invitation link, emailed to
     * the address when SMTP is set up, else returned once. Nobody becomes a member here, not even
     * someone who has an account: see {@link Invitations}. Throws {@link Invitations.NotEmailed}
     * when the invitation is stored but its email could not be sent.
     */
    public Invitations.Invited addMember(Actor actor, String orgSlug, String email, String roleName, List<String> teamSlugs) {
        String validEmail = Validation.email("email", email);
        Role role = roleName == null ? Role.MEMBER : Role.parse("role", roleName);
        Invitations.Invited invited = tx.write(() -> {
            OrgAccess access = access(actor, orgSlug).require(Scopes.MEMBER_WRITE);
            requireMayGrant(access, role);
            List<Team> memberTeams = teamSlugs == null ? List.of() : teamSlugs.stream()
                    .map(slug -> teams.findBySlug(access.org().id(), slug)
                            .orElseThrow(() -> new InvalidInputException("teams", "no team '" + slug + "' in this organization")))
                    .toList();
            Invitations.Invited stored = invitations.invite(access.org(), actor.userId(), validEmail, role);
            memberTeams.forEach(team -> teams.addMember(team.id(), stored.member().id()));
            return stored;
        });
        return invitations.deliver(invited, organizations.findById(invited.member().orgId()).orElseThrow(), actor.userId());
    }

    public Member updateMemberRole(Actor actor, String orgSlug, String memberId, String roleName) {
        Role role = Role.parse("role", roleName);
        return tx.write(() -> {
            OrgAccess access = access(actor, orgSlug).require(Scopes.MEMBER_ADMIN);
            Member member = findMember(access, memberId);
            requireMayGrant(access, role);
            requireMayGrant(access, member.role());
            if (!member.pending() && member.role() == Role.OWNER && role != Role.OWNER
                    && members.countOwners(access.org().id()) <= 1) {
                throw new InvalidInputException("role", "the organization's last owner cannot be demoted; make someone else owner first");
            }
            members.updateRole(member.id(), role);
            if (!member.pending() && !role.scopes().contains(Scopes.MEMBER_WRITE)) {
                members.deleteInvitationsSentBy(access.org().id(), member.userId());
            }
            return members.findById(access.org().id(), member.id()).orElseThrow();
        });
    }

    /**
     * Removes a member, or withdraws an invitation (its link stops working); anyone may leave,
     * removing others needs member:admin. The invitations a removed member sent are withdrawn too:
     * an invitation lasts no longer than its sender's right to invite. The other features let go
     * of what the member held here (assigned issues, subscriptions): see {@link MembershipListener}.
     */
    public Member removeMember(Actor actor, String orgSlug, String memberId) {
        return tx.write(() -> {
            OrgAccess access = access(actor, orgSlug);
            Member member = findMember(access, memberId);
            if (!member.isUser(actor.userId())) {
                access.require(Scopes.MEMBER_ADMIN);
                requireMayGrant(access, member.role());
            }
            if (!member.pending() && member.role() == Role.OWNER && members.countOwners(access.org().id()) <= 1) {
                throw new InvalidInputException("member", "the organization's last owner cannot be removed");
            }
            members.delete(member.id());
            if (!member.pending()) {
                members.deleteInvitationsSentBy(access.org().id(), member.userId());
                membershipListeners.orderedStream().forEach(l -> l.memberLeft(access.org().id(), member.userId()));
            }
            return member;
        });
    }

    private Member findMember(OrgAccess access, String memberId) {
        if ("me".equals(memberId)) {
            return access.member();
        }
        return parseId(memberId).flatMap(id -> members.findById(access.org().id(), id))
                .orElseThrow(() -> new NotFoundException("member '" + memberId + "' not found"));
    }

    /** Only owners hand out or take away the owner role. */
    private static void requireMayGrant(OrgAccess access, Role role) {
        if (role == Role.OWNER && access.member().role() != Role.OWNER) {
            throw new ForbiddenException("only an owner can grant or change the owner role");
        }
    }

    // --- teams ---

    public Page<Team> listTeams(Actor actor, String orgSlug, int offset, int limit) {
        OrgAccess access = access(actor, orgSlug).require(Scopes.TEAM_READ);
        return Page.of(teams.list(access.org().id(), offset, limit + 1), offset, limit);
    }

    public Team getTeam(Actor actor, String orgSlug, String teamSlug) {
        OrgAccess access = access(actor, orgSlug).require(Scopes.TEAM_READ);
        return findTeam(access, teamSlug);
    }

    public Team createTeam(Actor actor, String orgSlug, String name, String slug) {
        if (name == null && slug == null) {
            throw new InvalidInputException("name", "is required (or give a slug)");
        }
        String validName = Validation.name("name", name == null ? slug : name);
        String validSlug = slug == null ? Validation.slugify(validName) : Validation.slug("slug", slug);
        return tx.write(() -> {
            OrgAccess access = access(actor, orgSlug).require(Scopes.TEAM_WRITE);
            Team team = teams.insert(access.org().id(), validSlug, validName, clock.instant())
                    .orElseThrow(() -> new ConflictException("a team with slug '" + validSlug + "' already exists in this organization"));
            teams.addMember(team.id(), access.member().id());
            return teams.findById(access.org().id(), team.id()).orElseThrow();
        });
    }

    public Team updateTeam(Actor actor, String orgSlug, String teamSlug, String name, String slug) {
        return tx.write(() -> {
            OrgAccess access = access(actor, orgSlug).require(Scopes.TEAM_WRITE);
            Team team = findTeam(access, teamSlug);
            String newName = name == null ? team.name() : Validation.name("name", name);
            String newSlug = slug == null ? team.slug() : Validation.slug("slug", slug);
            if (!teams.update(team.id(), access.org().id(), newSlug, newName)) {
                throw new ConflictException("a team with slug '" + newSlug + "' already exists in this organization");
            }
            return teams.findById(access.org().id(), team.id()).orElseThrow();
        });
    }

    public void deleteTeam(Actor actor, String orgSlug, String teamSlug) {
        tx.write(() -> {
            OrgAccess access = access(actor, orgSlug).require(Scopes.TEAM_ADMIN);
            teams.delete(findTeam(access, teamSlug).id());
        });
    }

    /** Puts a member on a team: oneself with team:read (joining), anyone else with team:write. */
    public void addTeamMember(Actor actor, String orgSlug, String memberId, String teamSlug) {
        tx.write(() -> {
            OrgAccess access = access(actor, orgSlug);
            Member member = findMember(access, memberId);
            access.require(member.isUser(actor.userId()) ? Scopes.TEAM_READ : Scopes.TEAM_WRITE);
            teams.addMember(findTeam(access, teamSlug).id(), member.id());
        });
    }

    public void removeTeamMember(Actor actor, String orgSlug, String memberId, String teamSlug) {
        tx.write(() -> {
            OrgAccess access = access(actor, orgSlug);
            Member member = findMember(access, memberId);
            access.require(member.isUser(actor.userId()) ? Scopes.TEAM_READ : Scopes.TEAM_WRITE);
            teams.removeMember(findTeam(access, teamSlug).id(), member.id());
        });
    }

    public List<Long> teamIdsOf(Member member) {
        return teams.teamIdsOfMember(member.id());
    }

    /** The slugs of the teams a member is on, sorted. */
    public List<String> teamSlugsOf(Member member) {
        return teams.teamSlugsOfMember(member.id());
    }

    Team findTeam(OrgAccess access, String teamSlug) {
        return teams.findBySlug(access.org().id(), teamSlug)
                .orElseThrow(() -> new NotFoundException("team '" + teamSlug + "' not found"));
    }

    static java.util.Optional<Long> parseId(String id) {
        try {
            return java.util.Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** For the UI: the user behind a member. */
    public User user(long userId) {
        return users.findById(userId).orElseThrow(() -> new NotFoundException("user not found"));
    }
}
