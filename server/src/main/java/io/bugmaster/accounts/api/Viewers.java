package io.bugmaster.accounts.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.OrganizationService;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Looks up what a response needs to say about the caller (role, scopes, own teams). */
@Component
class Viewers {
    private final OrganizationService organizations;

    Viewers(OrganizationService organizations) {
        this.organizations = organizations;
    }

    AccountsJson.Viewer of(Actor actor, String orgSlug) {
        OrgAccess access = organizations.access(actor, orgSlug);
        return new AccountsJson.Viewer(access, Set.copyOf(organizations.teamIdsOf(access.member())));
    }

    OrgAccess access(Actor actor, String orgSlug) {
        return organizations.access(actor, orgSlug);
    }
}
