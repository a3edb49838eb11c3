package io.bugmaster.accounts.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Organization;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.Scopes;
import io.bugmaster.common.ForbiddenException;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** Organizations the caller belongs to. */
@ApiController
@RequestMapping("/api/0")
class OrganizationsApi {
    private final OrganizationService organizations;
    private final Viewers viewers;
    private final Paging paging;

    OrganizationsApi(OrganizationService organizations, Viewers viewers, Paging paging) {
        this.organizations = organizations;
        this.viewers = viewers;
        this.paging = paging;
    }

    record CreateOrganization(String name, String slug) {}

    record UpdateOrganization(String name, String slug) {}

    @GetMapping({"/organizations/", "/organizations"})
    ResponseEntity<List<AccountsJson.OrganizationJson>> list(Actor actor, HttpServletRequest request,
            PageRequest page) {
        if (!actor.tokenAllows(Scopes.ORG_READ)) {
            throw new ForbiddenException("this token lacks the 'org:read' scope needed to list organizations");
        }
        return paging.respond(request, organizations.list(actor, page.offset(), page.perPage()),
                org -> AccountsJson.organization(org, viewers.access(actor, org.slug())));
    }

    @PostMapping({"/organizations/", "/organizations"})
    ResponseEntity<AccountsJson.OrganizationJson> create(Actor actor, @RequestBody CreateOrganization body) {
        Organization org = organizations.create(actor, body.name(), body.slug());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(AccountsJson.organization(org, viewers.access(actor, org.slug())));
    }

    @GetMapping({"/organizations/{org}/", "/organizations/{org}"})
    AccountsJson.OrganizationJson get(Actor actor, @PathVariable String org) {
        var access = viewers.access(actor, org).require(Scopes.ORG_READ);
        return AccountsJson.organization(access.org(), access);
    }

    @PutMapping({"/organizations/{org}/", "/organizations/{org}"})
    AccountsJson.OrganizationJson update(Actor actor, @PathVariable String org, @RequestBody UpdateOrganization body) {
        Organization updated = organizations.update(actor, org, body.name(), body.slug());
        return AccountsJson.organization(updated, viewers.access(actor, updated.slug()));
    }
}
