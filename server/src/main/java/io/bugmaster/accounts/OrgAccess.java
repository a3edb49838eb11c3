package io.bugmaster.accounts;

import io.bugmaster.common.PureLogic;
import io.bugmaster.common.ForbiddenException;
import java.util.Set;

/** A caller's standing in one organization it belongs to: its membership and what it may do there. */
@PureLogic
public record OrgAccess(Organization org, Member member, Set<String> scopes) {

    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    public OrgAccess require(String scope) {
        if (!scopes.contains(scope)) {
            throw new ForbiddenException("you need the '" + scope + "' permission in organization '" + org.slug()
                    + "' (your role: " + member.role().id() + ")");
        }
        return this;
    }
}
