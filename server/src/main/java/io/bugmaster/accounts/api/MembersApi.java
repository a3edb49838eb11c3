package io.bugmaster.accounts.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Member;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Members of an organization and invitations (pending members: {@code "pending": true}), and team
 * membership. {@code member_id} may be {@code me}. POST invites; nobody joins without accepting.
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/members")
class MembersApi {
    private final OrganizationService organizations;
    private final Viewers viewers;
    private final Paging paging;
    private final Clock clock;

    MembersApi(OrganizationService organizations, Viewers viewers, Paging paging, Clock clock) {
        this.organizations = organizations;
        this.viewers = viewers;
        this.paging = paging;
        this.clock = clock;
    }

    /** {@code role} (older Sentry) or {@code orgRole} (newer); either names the role. */
    record AddMember(String email, String role, String orgRole, List<String> teams) {}

    record UpdateMember(String role, String orgRole) {}

    @GetMapping({"/", ""})
    ResponseEntity<List<AccountsJson.MemberJson>> list(Actor actor, HttpServletRequest request, @PathVariable String org,
            @RequestParam(required = false) String cursor, @RequestParam(name = "per_page", required = false) String perPage) {
        var page = Paging.parse(cursor, perPage);
        return paging.respond(request, organizations.listMembers(actor, org, page.offset(), page.perPage()), this::render);
    }

    @PostMapping({"/", ""})
    ResponseEntity<AccountsJson.MemberJson> add(Actor actor, @PathVariable String org, @RequestBody AddMember body) {
        var invited = organizations.addMember(actor, org, body.email(), role(body.role(), body.orgRole(), false), body.teams());
        Member member = invited.member();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(AccountsJson.member(member, organizations.teamSlugsOf(member), invited.inviteLink(), clock.instant()));
    }

    @GetMapping({"/{memberId}/", "/{memberId}"})
    AccountsJson.MemberJson get(Actor actor, @PathVariable String org, @PathVariable String memberId) {
        return render(organizations.getMember(actor, org, memberId));
    }

    @PutMapping({"/{memberId}/", "/{memberId}"})
    AccountsJson.MemberJson update(Actor actor, @PathVariable String org, @PathVariable String memberId,
            @RequestBody UpdateMember body) {
        return render(organizations.updateMemberRole(actor, org, memberId, role(body.role(), body.orgRole(), true)));
    }

    @DeleteMapping({"/{memberId}/", "/{memberId}"})
    ResponseEntity<Void> remove(Actor actor, @PathVariable String org, @PathVariable String memberId) {
        organizations.removeMember(actor, org, memberId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping({"/{memberId}/teams/{team}/", "/{memberId}/teams/{team}"})
    ResponseEntity<AccountsJson.TeamJson> joinTeam(Actor actor, @PathVariable String org, @PathVariable String memberId,
            @PathVariable String team) {
        organizations.addTeamMember(actor, org, memberId, team);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(AccountsJson.team(organizations.getTeam(actor, org, team), viewers.of(actor, org)));
    }

    @DeleteMapping({"/{memberId}/teams/{team}/", "/{memberId}/teams/{team}"})
    AccountsJson.TeamJson leaveTeam(Actor actor, @PathVariable String org, @PathVariable String memberId,
            @PathVariable String team) {
        organizations.removeTeamMember(actor, org, memberId, team);
        return AccountsJson.team(organizations.getTeam(actor, org, team), viewers.of(actor, org));
    }

    private AccountsJson.MemberJson render(Member member) {
        return AccountsJson.member(member, organizations.teamSlugsOf(member), null, clock.instant());
    }

    private static String role(String role, String orgRole, boolean required) {
        if (role != null && orgRole != null && !role.equals(orgRole)) {
            throw new InvalidInputException("orgRole", "conflicts with role; give one of them");
        }
        String chosen = role != null ? role : orgRole;
        if (chosen == null && required) {
            throw new InvalidInputException("role", "is required");
        }
        return chosen;
    }
}
