package io.bugmaster.accounts.auth;

import io.bugmaster.accounts.Actor;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the current request, whether it came with a token or a session. */
public final class CurrentActor {
    private CurrentActor() {}

    public static Optional<Actor> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Optional.empty();
        }
        Object principal = auth.getPrincipal();
        if (principal instanceof Actor actor) {
            return Optional.of(actor);
        }
        if (principal instanceof SessionUser user) {
            return Optional.of(Actor.session(user.userId(), user.getUsername()));
        }
        return Optional.empty();
    }
}
