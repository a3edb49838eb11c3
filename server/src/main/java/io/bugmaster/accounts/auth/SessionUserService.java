package io.bugmaster.accounts.auth;

import io.bugmaster.accounts.UserStore;
import java.util.Locale;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads a user for the login form, by email. */
@Service
public class SessionUserService implements UserDetailsService {
    private final UserStore users;

    public SessionUserService(UserStore users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return users.findByEmail(normalized)
                .filter(user -> user.active())
                .flatMap(user -> users.passwordHash(normalized).flatMap(hash -> users.sessionGeneration(user.id())
                        .map(generation -> new SessionUser(user.id(), user.email(), hash, generation))))
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }
}
