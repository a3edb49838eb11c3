package io.bugmaster.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bugmaster.BugmasterProperties;
import io.bugmaster.common.Secrets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits password guessing at the login form, two ways:
 * <ul>
 * <li>one email from one IP address: after {@code BUGMASTER_LOGIN_MAX_FAILURES} failed logins the
 * pair is refused (even with the right password) for {@code BUGMASTER_LOGIN_LOCKOUT}; a successful
 * login clears the count;</li>
 * <li>one email from anywhere: after {@code BUGMASTER_LOGIN_ACCOUNT_MAX_FAILURES} failed logins
 * within a lockout period, from however many addresses (guessing spread over a botnet), the email
 * is refused for the lockout too, except in a browser that has logged in to it before (it holds a
 * signed "known browser" cookie), so that an attacker cannot lock the owner out.</li>
 * </ul>
 * In memory per node: a restart forgets the counts and the cookies' key, which is acceptable for a
 * brake on guessing.
 */
@Component
public class LoginThrottle {
    /** Session attribute holding the email of the last failed attempt, to fill the form again. */
    public static final String LAST_EMAIL = "bugmaster.login.email";
    /** The cookie that marks a browser that logged in to an email before. */
    static final String KNOWN_BROWSER_COOKIE = "bugmaster_known_browser";

    private final Clock clock;
    private final Duration lockout;
    private final Counter pairs;
    private final Counter accounts;
    private final SecretKeySpec browserKey = new SecretKeySpec(HexFormat.of().parseHex(Secrets.randomHex(32)), "HmacSHA256");

    public LoginThrottle(Clock clock, BugmasterProperties props) {
        this.clock = clock;
        this.lockout = props.loginLockout();
        this.pairs = new Counter(Math.max(1, props.loginMaxFailures()));
        this.accounts = new Counter(Math.max(1, props.loginAccountMaxFailures()));
    }

    /** How long a login for this email from this address is refused, if it is refused now. */
    public Optional<Duration> lockedFor(String ip, String email, boolean knownBrowser) {
        Instant now = clock.instant();
        Optional<Duration> pair = pairs.lockedFor(pairKey(ip, email), now);
        return pair.isPresent() || knownBrowser ? pair : accounts.lockedFor(normalize(email), now);
    }

    /** Counts a failed login; returns how long this email is now refused from this address, if it is. */
    public Optional<Duration> failed(String ip, String email, boolean knownBrowser) {
        Instant now = clock.instant();
        Optional<Duration> pair = pairs.failed(pairKey(ip, email), now);
        Optional<Duration> account = accounts.failed(normalize(email), now);
        return pair.isPresent() || knownBrowser ? pair : account;
    }

    /** A successful login clears the pair's count; the email's count runs out with its period (it measures the attack). */
    public void succeeded(String ip, String email) {
        pairs.clear(pairKey(ip, email));
    }

    /** The cookie value that marks a browser as having logged in to this email. */
    public String knownBrowserToken(String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(browserKey);
            return HexFormat.of().formatHex(mac.doFinal(normalize(email).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Whether a cookie value marks a browser that logged in to this email. */
    public boolean isKnownBrowser(String cookieValue, String email) {
        return cookieValue != null && Secrets.constantTimeEquals(cookieValue, knownBrowserToken(email));
    }

    /** Whole minutes, rounded up, for "try again in N minutes". */
    public static long minutes(Duration d) {
        return Math.max(1, (d.toSeconds() + 59) / 60);
    }

    private static String pairKey(String ip, String email) {
        return ip + "\n" + normalize(email);
    }

    private static String normalize(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** Failures per key within a period of {@code lockout}; {@code max} of them lock the key for {@code lockout}. */
    private final class Counter {
        private record Attempts(Instant windowStart, int failures, Instant lockedUntil) {}

        private final int max;
        private final Cache<String, Attempts> attempts;

        Counter(int max) {
            this.max = max;
            this.attempts = Caffeine.newBuilder()
                    .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                    .expireAfterWrite(lockout)
                    .maximumSize(100_000)
                    .build();
        }

        Optional<Duration> lockedFor(String key, Instant now) {
            Attempts a = attempts.getIfPresent(key);
            if (a == null || a.lockedUntil() == null || !now.isBefore(a.lockedUntil())) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, a.lockedUntil()));
        }

        Optional<Duration> failed(String key, Instant now) {
            Attempts updated = attempts.asMap().compute(key, (k, a) -> {
                boolean fresh = a == null
                        || (a.lockedUntil() == null && !now.isBefore(a.windowStart().plus(lockout)))
                        || (a.lockedUntil() != null && !now.isBefore(a.lockedUntil()));
                Attempts current = fresh ? new Attempts(now, 0, null) : a;
                int failures = current.failures() + 1;
                Instant lockedUntil = current.lockedUntil() != null ? current.lockedUntil()
                        : failures >= max ? now.plus(lockout) : null;
                return new Attempts(current.windowStart(), failures, lockedUntil);
            });
            return lockedFor(key, now);
        }

        void clear(String key) {
            attempts.invalidate(key);
        }
    }

    // --- Spring Security wiring (used by SecurityConfig.webChain) ---

    private boolean knownBrowser(HttpServletRequest request, String email) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (KNOWN_BROWSER_COOKIE.equals(cookie.getName()) && isKnownBrowser(cookie.getValue(), email)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Refuses POST /login while it is locked for this email and address, before the password is even checked. */
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
                Optional<Duration> locked = lockedFor(request.getRemoteAddr(), email, knownBrowser(request, email));
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
            Optional<Duration> locked = failed(request.getRemoteAddr(), email, knownBrowser(request, email));
            response.sendRedirect(request.getContextPath()
                    + locked.map(d -> "/login?locked=" + minutes(d)).orElse("/login?error"));
        };
    }

    public AuthenticationSuccessHandler successHandler() {
        SavedRequestAwareAuthenticationSuccessHandler delegate = new SavedRequestAwareAuthenticationSuccessHandler();
        delegate.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            String email = request.getParameter("username");
            succeeded(request.getRemoteAddr(), email);
            Cookie known = new Cookie(KNOWN_BROWSER_COOKIE, knownBrowserToken(email));
            known.setPath(request.getContextPath() + "/login");
            known.setHttpOnly(true);
            known.setSecure(request.isSecure());
            known.setMaxAge((int) Duration.ofDays(365).toSeconds());
            known.setAttribute("SameSite", "Lax");
            response.addCookie(known);
            delegate.onAuthenticationSuccess(request, response, authentication);
        };
    }
}
