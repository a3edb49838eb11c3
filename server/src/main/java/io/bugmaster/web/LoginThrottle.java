package io.bugmaster.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bugmaster.BugmasterProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits password guessing at the login form: after {@code BUGMASTER_LOGIN_MAX_FAILURES} failed
 * logins for one email from one IP address, that pair is refused (even with the right password)
 * for {@code BUGMASTER_LOGIN_LOCKOUT}. A successful login clears the count. In memory per node:
 * a restart forgets, which is acceptable for a brake on guessing.
 */
@Component
public class LoginThrottle {
    /** Session attribute holding the email of the last failed attempt, to fill the form again. */
    public static final String LAST_EMAIL = "bugmaster.login.email";

    private record Attempts(Instant windowStart, int failures, Instant lockedUntil) {}

    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private final Cache<String, Attempts> attempts;

    public LoginThrottle(Clock clock, BugmasterProperties props) {
        this.clock = clock;
        this.maxFailures = Math.max(1, props.loginMaxFailures());
        this.lockout = props.loginLockout();
        this.attempts = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(lockout)
                .maximumSize(100_000)
                .build();
    }

    /** How long the pair stays locked, if it is locked now. */
    public Optional<Duration> lockedFor(String ip, String email) {
        Attempts a = attempts.getIfPresent(key(ip, email));
        Instant now = clock.instant();
        if (a == null || a.lockedUntil() == null || !now.isBefore(a.lockedUntil())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, a.lockedUntil()));
    }

    /** Counts a failed login; returns how long the pair is now locked, if this failure locked it. */
    public Optional<Duration> failed(String ip, String email) {
        Instant now = clock.instant();
        Attempts updated = attempts.asMap().compute(key(ip, email), (k, a) -> {
            boolean fresh = a == null
                    || (a.lockedUntil() == null && !now.isBefore(a.windowStart().plus(lockout)))
                    || (a.lockedUntil() != null && !now.isBefore(a.lockedUntil()));
            Attempts current = fresh ? new Attempts(now, 0, null) : a;
            int failures = current.failures() + 1;
            return new Attempts(current.windowStart(), failures, failures >= maxFailures ? now.plus(lockout) : null);
        });
        return updated.lockedUntil() == null ? Optional.empty() : Optional.of(Duration.between(now, updated.lockedUntil()));
    }

    public void succeeded(String ip, String email) {
        attempts.invalidate(key(ip, email));
    }

    /** Whole minutes, rounded up, for "try again in N minutes". */
    public static long minutes(Duration d) {
        return Math.max(1, (d.toSeconds() + 59) / 60);
    }

    private static String key(String ip, String email) {
        return ip + "\n" + normalize(email);
    }

    private static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    // --- Spring Security wiring (used by SecurityConfig.webChain) ---

    /** Refuses POST /login for a locked pair before the password is even checked. */
    public OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String email = request.getParameter("username");
                Optional<Duration> locked = lockedFor(request.getRemoteAddr(), email);
                if (locked.isPresent()) {
                    request.getSession().setAttribute(LAST_EMAIL, normalize(email));
                    response.sendRedirect(request.getContextPath() + "/login?locked=" + minutes(locked.get()));
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    public AuthenticationFailureHandler failureHandler() {
        return (request, response, exception) -> {
            String email = request.getParameter("username");
            request.getSession().setAttribute(LAST_EMAIL, normalize(email));
            Optional<Duration> locked = failed(request.getRemoteAddr(), email);
            response.sendRedirect(request.getContextPath()
                    + locked.map(d -> "/login?locked=" + minutes(d)).orElse("/login?error"));
        };
    }

    public AuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler delegate = new SavedRequestAwareAuthenticationSuccessHandler();
        delegate.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            succeeded(request.getRemoteAddr(), request.getParameter("username"));
            delegate.onAuthenticationSuccess(request, response, authentication);
        };
    }
}
