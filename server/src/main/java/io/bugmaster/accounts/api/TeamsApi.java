package io.bugmaster.accounts.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.accounts.Team;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
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

/** Teams of an organization, and the projects a team owns. */
@ApiController
@RequestMapping("/api/0")
class TeamsApi {
    private final OrganizationService organizations;
    private final ProjectService projects;
    private final Viewers viewers;
    private final Paging paging;

    TeamsApi(OrganizationService organizations, ProjectService projects, Viewers viewers, Paging paging) {
        this.organizations = organizations;
        this.projects = projects;
        this.viewers = viewers;
        this.paging = paging;
    }

    record TeamBody(String name, String slug) {}

    record CreateProject(String name, String slug, String platform) {}

    @GetMapping({"/organizations/{org}/teams/", "/organizations/{org}/teams"})
    ResponseEntity<List<AccountsJson.TeamJson>> list(Actor actor, HttpServletRequest request, @PathVariable String org,
            PageRequest page) {
        var teams = organizations.listTeams(actor, org, page.offset(), page.perPage());
        var viewer = viewers.of(actor, org);
        return paging.respond(request, teams, team -> AccountsJson.team(team, viewer));
    }

    @PostMapping({"/organizations/{org}/teams/", "/organizations/{org}/teams"})
    ResponseEntity<AccountsJson.TeamJson> create(Actor actor, @PathVariable String org, @RequestBody TeamBody body) {
        Team team = organizations.createTeam(actor, org, body.name(), body.slug());
        return ResponseEntity.status(HttpStatus.CREATED).body(AccountsJson.team(team, viewers.of(actor, org)));
    }

    @GetMapping({"/teams/{org}/{team}/", "/teams/{org}/{team}"})
    AccountsJson.TeamJson get(Actor actor, @PathVariable String org, @PathVariable String team) {
        return AccountsJson.team(organizations.getTeam(actor, org, team), viewers.of(actor, org));
    }

    @PutMapping({"/teams/{org}/{team}/", "/teams/{org}/{team}"})
    AccountsJson.TeamJson update(Actor actor, @PathVariable String org, @PathVariable String team,
            @RequestBody TeamBody body) {
        Team updated = organizations.updateTeam(actor, org, team, body.name(), body.slug());
        return AccountsJson.team(updated, viewers.of(actor, org));
    }

    @DeleteMapping({"/teams/{org}/{team}/", "/teams/{org}/{team}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String team) {
        organizations.deleteTeam(actor, org, team);
        return ResponseEntity.noContent().build();
    }

    @GetMapping({"/teams/{org}/{team}/projects/", "/teams/{org}/{team}/projects"})
    ResponseEntity<List<AccountsJson.ProjectJson>> projects(Actor actor, HttpServletRequest request,
            @PathVariable String org, @PathVariable String team, PageRequest page) {
        var all = projects.listForTeamWithTeams(actor, org, team);
        var viewer = viewers.of(actor, org);
        return paging.respond(request, Paging.slice(all, page), view -> AccountsJson.project(view, viewer));
    }

    @PostMapping({"/teams/{org}/{team}/projects/", "/teams/{org}/{team}/projects"})
    ResponseEntity<AccountsJson.ProjectJson> createProject(Actor actor, @PathVariable String org,
            @PathVariable String team, @RequestBody CreateProject body) {
        var view = projects.create(actor, org, team, body.name(), body.slug(), body.platform());
        return ResponseEntity.status(HttpStatus.CREATED).body(AccountsJson.project(view, viewers.of(actor, org)));
    }
}
