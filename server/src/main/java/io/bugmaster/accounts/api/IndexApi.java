package io.bugmaster.accounts.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.OrganizationService;
import io.bugmaster.accounts.User;
import io.bugmaster.accounts.auth.CurrentActor;
import io.bugmaster.web.api.ApiController;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code GET /api/0/}: who the token belongs to and what it may do (sentry-cli's {@code info}). */
@ApiController
class IndexApi {
    private final OrganizationService organizations;

    IndexApi(OrganizationService organizations) {
        this.organizations = organizations;
    }

    record Auth(List<String> scopes) {}

    record UserJson(String id, String name, String username, String email) {}

    record IndexJson(String version, Auth auth, UserJson user) {}

    @GetMapping("/api/0/")
    IndexJson index() {
        return CurrentActor.get().map(this::describe).orElseGet(() -> new IndexJson("0", null, null));
    }

    private IndexJson describe(Actor actor) {
        User user = organizations.user(actor.userId());
        List<String> scopes = actor.tokenScopes() == null ? List.of() : AccountsJson.sorted(actor.tokenScopes());
        return new IndexJson("0", new Auth(scopes),
                new UserJson(String.valueOf(user.id()), user.name(), user.email(), user.email()));
    }
}
