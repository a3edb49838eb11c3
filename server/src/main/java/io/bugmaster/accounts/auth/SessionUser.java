package io.bugmaster.accounts.auth;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The principal of a logged-in web session: Spring's user plus our user id. */
public class SessionUser extends User {
    private final long userId;

    public SessionUser(long userId, String email, String passwordHash) {
        super(email, passwordHash, List.of(new SimpleGrantedAuthority("ROLE_USER")));
        this.userId = userId;
    }

    public long userId() {
        return userId;
    }
}
