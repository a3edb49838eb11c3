package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.BugmasterProperties;
import io.bugmaster.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The login throttle's decisions, with the clock moved by hand. */
class LoginThrottleTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(clock, new BugmasterProperties(Path.of("data"), null, 10,
            "http://localhost:8080", null, null, null, "default", Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofHours(24), 10, Duration.ofMinutes(15), 20, null));

    @Test
    void guessesAtOneAccountSpreadOverManyAddressesLockItEverywhere() {
        for (int i = 1; i < 20; i++) {
            assertThat(throttle.failed("203.0.113." + i, "dave@example.com", false)).as("failure " + i).isEmpty();
        }
        assertThat(throttle.failed("203.0.113.20", "Dave@Example.com ", false)).contains(Duration.ofMinutes(15));
        assertThat(throttle.lockedFor("198.51.100.7", "dave@example.com", false)).as("a fresh address too").isPresent();
        assertThat(throttle.lockedFor("198.51.100.7", "erin@example.com", false)).as("other accounts").isEmpty();

        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.lockedFor("198.51.100.7", "dave@example.com", false)).contains(Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.lockedFor("198.51.100.7", "dave@example.com", false)).isEmpty();
    }

    @Test
    void aBrowserThatLoggedInBeforeIsNotLockedOutByOthersGuessing() {
        String cookie = throttle.knownBrowserToken("dave@example.com");
        for (int i = 1; i <= 25; i++) {
            throttle.failed("203.0.113." + i, "dave@example.com", false);
        }
        boolean known = throttle.isKnownBrowser(cookie, "DAVE@example.com");
        assertThat(known).isTrue();
        assertThat(throttle.lockedFor("192.0.2.1", "dave@example.com", known)).isEmpty();
        assertThat(throttle.failed("192.0.2.1", "dave@example.com", known)).as("its own typo").isEmpty();

        assertThat(throttle.isKnownBrowser(cookie, "erin@example.com")).as("bound to the email").isFalse();
        assertThat(throttle.isKnownBrowser(cookie.replace(cookie.charAt(0), cookie.charAt(0) == 'a' ? 'b' : 'a'),
                "dave@example.com")).as("forged").isFalse();
        assertThat(throttle.isKnownBrowser(null, "dave@example.com")).isFalse();
        LoginThrottle restarted = new LoginThrottle(clock, new BugmasterProperties(Path.of("data"), null, 10,
                "http://localhost:8080", null, null, null, "default", Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofHours(24), 10, Duration.ofMinutes(15), 20, null));
        assertThat(restarted.isKnownBrowser(cookie, "dave@example.com")).as("another node's or process's key").isFalse();
    }

    @Test
    void aKnownBrowserIsStillHeldToTheLimitOfItsAddress() {
        boolean known = true;
        for (int i = 1; i < 10; i++) {
            assertThat(throttle.failed("192.0.2.1", "dave@example.com", known)).isEmpty();
        }
        assertThat(throttle.failed("192.0.2.1", "dave@example.com", known)).contains(Duration.ofMinutes(15));
        assertThat(throttle.lockedFor("192.0.2.1", "dave@example.com", known)).isPresent();
    }

    @Test
    void aSuccessfulLoginClearsTheAddressCountButNotTheAccounts() {
        for (int i = 1; i <= 9; i++) {
            throttle.failed("192.0.2.1", "dave@example.com", false);
        }
        throttle.succeeded("192.0.2.1", "dave@example.com");
        assertThat(throttle.failed("192.0.2.1", "dave@example.com", false)).as("address count cleared").isEmpty();
        for (int i = 1; i <= 10; i++) {
            throttle.failed("203.0.113." + i, "dave@example.com", false);
        }
        assertThat(throttle.lockedFor("198.51.100.7", "dave@example.com", false)).as("9 + 1 + 10 = 20").isPresent();
    }

    @Test
    void failuresSpreadOverMoreThanALockoutPeriodDoNotAddUp() {
        for (int i = 1; i <= 19; i++) {
            throttle.failed("203.0.113." + i, "dave@example.com", false);
        }
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.failed("203.0.113.99", "dave@example.com", false)).isEmpty();
        assertThat(throttle.lockedFor("198.51.100.7", "dave@example.com", false)).isEmpty();
    }
}
