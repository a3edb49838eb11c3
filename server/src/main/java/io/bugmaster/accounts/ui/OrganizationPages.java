package io.bugmaster.accounts.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Invitations;
import io.bugmaster.accounts.Member;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Role;
import io.bugmaster.accounts.Team;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.web.FormErrors;
import io.bugmaster.web.UiController;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** An organization's settings, members and teams. */
@UiController
@RequestMapping("/orgs/{org}")
class OrganizationPages {
    private static final int MAX_LISTED = 500;

    private final OrganizationService organizations;
    private final Invitations invitations;
    private final Clock clock;

    OrganizationPages(OrganizationService organizations, Invitations invitations, Clock clock) {
        this.organizations = organizations;
        this.invitations = invitations;
        this.clock = clock;
    }

    // --- settings ---

    @GetMapping("/settings")
    ModelAndView settings(Actor actor, @PathVariable String org) {
        return settingsPage(actor, org, null, FormErrors.NONE);
    }

    @PostMapping("/settings")
    ModelAndView rename(Actor actor, @PathVariable String org, @RequestParam(required = false) String name,
            RedirectAttributes redirect) {
        try {
            organizations.update(actor, org, name == null ? "" : name, null);
            redirect.addFlashAttribute("notice", "Organization renamed.");
            return new ModelAndView(Forms.redirect("/orgs/" + org + "/settings"));
        } catch (InvalidInputException | ConflictException e) {
            return Forms.rejected(settingsPage(actor, org, name, FormErrors.from(e, "name", "name")));
        }
    }

    private ModelAndView settingsPage(Actor actor, String org, String name, FormErrors errors) {
        ModelAndView mav = new ModelAndView("organizations/settings");
        var access = organizations.access(actor, org);
        mav.addObject("section", "settings");
        mav.addObject("access", access);
        mav.addObject("currentOrg", access.org());
        mav.addObject("name", name == null ? access.org().name() : name);
        mav.addObject("errors", errors);
        return mav;
    }

    // --- members ---

    @GetMapping("/members")
    ModelAndView members(Actor actor, @PathVariable String org) {
        return membersPage(actor, org, "", Role.MEMBER.id(), FormErrors.NONE);
    }

    @PostMapping("/members")
    ModelAndView invite(Actor actor, @PathVariable String org, @RequestParam(required = false) String email,
            @RequestParam(required = false) String role, RedirectAttributes redirect) {
        try {
            Invitations.Invited invited = organizations.addMember(actor, org, email, role, null);
            if (invited.emailed()) {
                redirect.addFlashAttribute("notice", "Invitation sent to " + invited.member().email()
                        + ". They become a member when they accept it; its link works for 7 days.");
            } else {
                redirect.addFlashAttribute("inviteLink", invited.inviteLink());
                redirect.addFlashAttribute("invitedEmail", invited.member().email());
            }
            return new ModelAndView(Forms.redirect("/orgs/" + org + "/members"));
        } catch (Invitations.NotEmailed e) {
            redirect.addFlashAttribute("alert", FormErrors.from(e, null).global());
            return new ModelAndView(Forms.redirect("/orgs/" + org + "/members"));
        } catch (InvalidInputException | ConflictException | Invitations.TooManyEmails e) {
            return Forms.rejected(membersPage(actor, org, email, role, FormErrors.from(e, "email", "email", "role")));
        }
    }

    @PostMapping("/members/{member}/role")
    String changeRole(Actor actor, @PathVariable String org, @PathVariable String member,
            @RequestParam(required = false) String role, RedirectAttributes redirect) {
        try {
            Member updated = organizations.updateMemberRole(actor, org, member, role);
            redirect.addFlashAttribute("notice", updated.email() + " is now " + updated.role().title() + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("alert", FormErrors.from(e, null).global());
        }
        return Forms.redirect("/orgs/" + org + "/members");
    }

    @PostMapping("/members/{member}/remove")
    String remove(Actor actor, @PathVariable String org, @PathVariable String member, RedirectAttributes redirect) {
        try {
            Member removed = organizations.removeMember(actor, org, member);
            redirect.addFlashAttribute("notice", removed.pending()
                    ? "Invitation for " + removed.email() + " withdrawn: its link no longer works."
                    : removed.isUser(actor.userId()) ? "You left the organization." : removed.email() + " removed.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("alert", FormErrors.from(e, null).global());
        }
        return Forms.redirect("me".equals(member) ? "/" : "/orgs/" + org + "/members");
    }

    private ModelAndView membersPage(Actor actor, String org, String email, String role, FormErrors errors) {
        ModelAndView mav = new ModelAndView("organizations/members");
        mav.addObject("section", "members");
        mav.addObject("members", organizations.listMembers(actor, org, 0, MAX_LISTED).items());
        mav.addObject("now", clock.instant());
        mav.addObject("roles", Role.values());
        mav.addObject("invitesByEmail", invitations.emailsLinks());
        mav.addObject("email", email);
        mav.addObject("role", role);
        mav.addObject("errors", errors);
        return mav;
    }

    // --- teams ---

    /** A team and its members, and the organization's members who are not on it yet. */
    record TeamView(Team team, List<Member> members, List<Member> others) {}

    @GetMapping("/teams")
    ModelAndView teams(Actor actor, @PathVariable String org) {
        return teamsPage(actor, org, "", FormErrors.NONE);
    }

    @PostMapping("/teams")
    ModelAndView createTeam(Actor actor, @PathVariable String org, @RequestParam(required = false) String name,
            RedirectAttributes redirect) {
        try {
            Team team = organizations.createTeam(actor, org, name == null ? "" : name, null);
            redirect.addFlashAttribute("notice", "Team '" + team.name() + "' created; you are on it.");
            return new ModelAndView(Forms.redirect("/orgs/" + org + "/teams"));
        } catch (InvalidInputException | ConflictException e) {
            return Forms.rejected(teamsPage(actor, org, name, FormErrors.from(e, "name", "name")));
        }
    }

    @PostMapping("/teams/{team}/delete")
    String deleteTeam(Actor actor, @PathVariable String org, @PathVariable String team, RedirectAttributes redirect) {
        organizations.deleteTeam(actor, org, team);
        redirect.addFlashAttribute("notice", "Team deleted.");
        return Forms.redirect("/orgs/" + org + "/teams");
    }

    @PostMapping("/teams/{team}/members")
    String addTeamMember(Actor actor, @PathVariable String org, @PathVariable String team,
            @RequestParam String member, RedirectAttributes redirect) {
        organizations.addTeamMember(actor, org, member, team);
        redirect.addFlashAttribute("notice", "Added to the team.");
        return Forms.redirect("/orgs/" + org + "/teams");
    }

    @PostMapping("/teams/{team}/members/{member}/remove")
    String removeTeamMember(Actor actor, @PathVariable String org, @PathVariable String team, @PathVariable String member,
            RedirectAttributes redirect) {
        organizations.removeTeamMember(actor, org, member, team);
        redirect.addFlashAttribute("notice", "Removed from the team.");
        return Forms.redirect("/orgs/" + org + "/teams");
    }

    private ModelAndView teamsPage(Actor actor, String org, String name, FormErrors errors) {
        List<Team> teams = organizations.listTeams(actor, org, 0, MAX_LISTED).items();
        List<Member> members = organizations.listMembers(actor, org, 0, MAX_LISTED).items();
        Map<Long, List<Member>> byTeam = new LinkedHashMap<>();
        for (Member member : members) {
            for (Long teamId : organizations.teamIdsOf(member)) {
                byTeam.computeIfAbsent(teamId, id -> new ArrayList<>()).add(member);
            }
        }
        List<TeamView> views = teams.stream().map(team -> {
            List<Member> on = byTeam.getOrDefault(team.id(), List.of());
            return new TeamView(team, on, members.stream().filter(m -> !on.contains(m)).toList());
        }).toList();
        ModelAndView mav = new ModelAndView("organizations/teams");
        mav.addObject("section", "teams");
        mav.addObject("teams", views);
        mav.addObject("name", name);
        mav.addObject("errors", errors);
        return mav;
    }
}
