package io.bugmaster.accounts.auth;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The principal of a logged-in web session: Spring's user plus our user id, and the generation of
 * the user's sessions it was made in (a password reset moves it on: {@link SessionGenerationFilter}).
 */
public class SessionUser extends User {
    private final long userId;
    private final long generation;

    public SessionUser(long userId, String email, String passwordHash, long generation) {
        super(email, passwordHash, List.of(new SimpleGrantedAuthority("ROLE_USER")));
        this.userId = userId;
        this.generation = generation;
    }

    public long userId() {
        return userId;
    }

    public long generation() {
        return generation;
    }
}
