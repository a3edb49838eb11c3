package io.bugmaster.accounts;

import io.bugmaster.common.PureLogic;
import java.util.Set;

/**
 * Who is calling: a user logged in to the web UI ({@code tokenScopes} null: the role decides), or
 * an API token acting for its user (the role and the token's scopes both must allow an action).
 */
@PureLogic
public record Actor(long userId, String email, Set<String> tokenScopes) {

    public static Actor session(long userId, String email) {
        return new Actor(userId, email, null);
    }

    public boolean viaToken() {
        return tokenScopes != null;
    }

    /** What this caller may do in an organization where it has {@code role}. */
    public Set<String> scopesWith(Role role) {
        if (tokenScopes == null) {
            return role.scopes();
        }
        return role.scopes().stream().filter(tokenScopes::contains).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Token scope check for actions outside any organization (creating one, managing one's own tokens). */
    public boolean tokenAllows(String scope) {
        return tokenScopes == null || tokenScopes.contains(scope);
    }
}
