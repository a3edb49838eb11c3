package io.bugmaster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.bugmaster.accounts.DsnKeys.KeyInfo;
import io.bugmaster.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuotaGuardTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:30Z"));
    final QuotaGuard guard = new QuotaGuard(clock);

    static KeyInfo key(Integer count, Integer window, Integer perMinute, Integer perHour, Integer perMonth) {
        return new KeyInfo(7, "k", 3, 1, "app", true, count, window, perMinute, perHour, perMonth, true, null, null, null, null);
    }

    @Test
    void withoutLimitsEverythingIsAdmitted() {
        for (int i = 0; i < 1000; i++) {
            assertThat(guard.admit(key(null, null, null, null, null), 1)).isEmpty();
        }
    }

    @Test
    void theKeyRateLimitRefusesUntilItsWindowEnds() {
        KeyInfo key = key(10, 60, null, null, null);
        for (int i = 0; i < 10; i++) {
            assertThat(guard.admit(key, 1)).isEmpty();
        }
        QuotaGuard.Refusal refusal = guard.admit(key, 1).orElseThrow();
        assertThat(refusal.retryAfterSeconds()).isEqualTo(30);
        assertThat(refusal.header()).isEqualTo("30::key:key_quota");
        clock.advance(Duration.ofSeconds(30));
        assertThat(guard.admit(key, 1)).isEmpty();
    }

    @Test
    void projectQuotasPerMinuteHourAndMonth() {
        KeyInfo perMinute = key(null, null, 5, null, null);
        assertThat(guard.admit(perMinute, 5)).isEmpty();
        assertThat(guard.admit(perMinute, 1).orElseThrow().scope()).isEqualTo("project");
        KeyInfo perMonth = new KeyInfo(8, "m", 4, 1, "other", true, null, null, null, null, 3, true, null, null, null, null);
        assertThat(guard.admit(perMonth, 3)).isEmpty();
        QuotaGuard.Refusal monthly = guard.admit(perMonth, 1).orElseThrow();
        assertThat(monthly.retryAfterSeconds()).isEqualTo(Duration.between(clock.instant(), Instant.parse("2026-12-01T00:00:00Z")).toSeconds());
        clock.set(Instant.parse("2026-12-01T00:00:01Z"));
        assertThat(guard.admit(perMonth, 1)).isEmpty();
    }

    @Test
    void aRequestThatWouldCrossTheLimitIsRefusedWhole() {
        FixedWindowCounter counter = new FixedWindowCounter();
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        assertThat(counter.tryAdd("k", 10, 60, 8, now)).isZero();
        assertThat(counter.tryAdd("k", 10, 60, 3, now)).isEqualTo(60);
        assertThat(counter.tryAdd("k", 10, 60, 2, now)).isZero();
        counter.forgetEndedBefore(now.plusSeconds(3600), 60);
        assertThat(counter.size()).isZero();
    }
}
