package io.bugmaster.accounts.auth;

import io.bugmaster.accounts.UserStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a web session that its user's sessions have outgrown: made before a password reset (which
 * moves the user's session generation on) or of a user who is no longer active. The check is one
 * read of the users table per request, so it holds on every node, whatever node made the session.
 * The request then goes on as anonymous: pages that need a login send it to the login page.
 */
class SessionGenerationFilter extends OncePerRequestFilter {
    private final UserStore users;

    SessionGenerationFilter(UserStore users) {
        this.users = users;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.startsWith("/static/") || path.startsWith("/webjars/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof SessionUser user
                && !users.sessionGeneration(user.userId()).filter(g -> g == user.generation()).isPresent()) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }
}
