package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The delivery worker's pure decisions: when to retry, when to give up, when a storm folds alerts. */
class DeliveryPoliciesTest {
    static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofHours(24));

    static Notification alert(String key, String title) {
        return NotificationFixtures.issue(key, Notification.Kind.ALERT, "issue/" + key, "acme", "shop", "production", title, null,
                "error", 3, 1, T0, null, null, null, Map.of(), null, "https://bugs.example.com/issues/" + key + "/");
    }

    @Test
    void backoffDoublesFromTheBaseWithAtMostTwentyPercentJitterAndIsCapped() {
        long previous = 0;
        for (int attempts = 1; attempts <= 6; attempts++) {
            long base = 10_000L << (attempts - 1);
            long delay = policy.delay("key-1", attempts, null).toMillis();
            assertThat(delay).as("after %d attempts", attempts).isBetween(base, base + base / 5);
            assertThat(delay).isGreaterThan(previous);
            previous = delay;
        }
        for (int attempts = 7; attempts < 40; attempts++) {
            assertThat(policy.delay("key-1", attempts, null)).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(12));
        }
    }

    @Test
    void jitterIsTheSameForTheSameKeyAndAttemptAndSpreadsDifferentKeys() {
        assertThat(policy.delay("key-1", 3, null)).isEqualTo(policy.delay("key-1", 3, null));
        List<Duration> spread = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            spread.add(policy.delay("key-" + i, 3, null));
        }
        assertThat(spread.stream().distinct().count()).isGreaterThan(10);
    }

    @Test
    void retryAfterIsHonouredButNeverBeyondTheGiveUpAge() {
        assertThat(policy.delay("k", 1, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.delay("k", 1, Duration.ofSeconds(1))).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12));
        assertThat(policy.delay("k", 1, Duration.ofDays(3))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aNotificationOlderThanTheGiveUpAgeIsNotRetried() {
        RetryPolicy.Decision young = policy.afterTemporaryFailure("k", 4, T0, T0.plus(Duration.ofHours(23)), null);
        assertThat(young.givesUp()).isFalse();
        assertThat(young.retryAt()).isAfter(T0.plus(Duration.ofHours(23)));
        RetryPolicy.Decision old = policy.afterTemporaryFailure("k", 9, T0, T0.plus(Duration.ofHours(24)), null);
        assertThat(old.givesUp()).isTrue();
        assertThat(old.giveUpReason()).isEqualTo("gave up after 24 h and 9 attempts");
    }

    @Test
    void stormWindowsAreAlignedToTheMinute() {
        Instant now = Instant.parse("2026-11-21T08:03:41.250Z");
        assertThat(Storms.windowStart(now)).isEqualTo(Instant.parse("2026-11-21T08:03:00Z"));
        assertThat(Storms.windowEnd(Storms.windowStart(now))).isEqualTo(Instant.parse("2026-11-21T08:04:00Z"));
        assertThat(Storms.windowStart(Instant.parse("2026-11-21T08:04:00Z"))).isEqualTo(Instant.parse("2026-11-21T08:04:00Z"));
    }

    @Test
    void issueAlertsPastTheLimitFoldWhileResolvesAndTestsAlwaysGo() {
        assertThat(Storms.decide(Notification.Kind.ALERT, 10, 10)).isEqualTo(Storms.Decision.SEND);
        assertThat(Storms.decide(Notification.Kind.ALERT, 11, 10)).isEqualTo(Storms.Decision.FOLD);
        assertThat(Storms.decide(Notification.Kind.RESOLVE, 500, 10)).isEqualTo(Storms.Decision.SEND);
        assertThat(Storms.decide(Notification.Kind.TEST, 500, 10)).isEqualTo(Storms.Decision.SEND);
    }

    @Test
    void aDigestCountsAndListsTheFoldedIssuesWithTheirLinks() {
        List<Notification> folded = List.of(alert("a", "TypeError: x is undefined"), alert("b", "KeyError: 'id'"));
        String key = Storms.digestKey(7, T0);
        Notification digest = Storms.digest(key, 7, T0, 10, folded);
        assertThat(key).isEqualTo("digest:7:" + T0.toEpochMilli());
        assertThat(digest.idempotencyKey()).isEqualTo(key);
        assertThat(digest.kind()).isEqualTo(Notification.Kind.ALERT);
        assertThat(digest.title()).isEqualTo("2 more issue alerts, Nov 21, 08:00–08:01 UTC");
        assertThat(digest.why()).isEqualTo("Storm control: this channel gets at most 10 issue alerts a minute one by one;"
                + " the rest of that minute come together here");
        assertThat(digest.createdAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(digest.count()).isEqualTo(6);
        assertThat(digest.text()).isNull();
        assertThat(digest.digest().entries()).containsExactly(
                new Notification.DigestEntry("TypeError: x is undefined", "shop", 3, "https://bugs.example.com/issues/a/"),
                new Notification.DigestEntry("KeyError: 'id'", "shop", 3, "https://bugs.example.com/issues/b/"));
        assertThat(digest.digest().more()).isZero();
        assertThat(digest.digest().lines()).containsExactly(
                "- [shop] TypeError: x is undefined (3 events) https://bugs.example.com/issues/a/",
                "- [shop] KeyError: 'id' (3 events) https://bugs.example.com/issues/b/");
        assertThat(digest.labels()).isEmpty();
    }

    @Test
    void aHugeDigestListsTheFirstIssuesAndCountsTheRest() {
        List<Notification> folded = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            folded.add(alert("k" + i, "Error " + i));
        }
        Notification digest = Storms.digest("d", 1, T0, 10, folded);
        assertThat(digest.title()).startsWith("1000 more issue alerts");
        assertThat(digest.digest().entries()).hasSize(Storms.MAX_LISTED);
        assertThat(digest.digest().more()).isEqualTo(975);
        assertThat(digest.digest().lines()).hasSize(Storms.MAX_LISTED + 1).last().isEqualTo("... and 975 more");
    }

    @Test
    void theRetentionDefaultsToThirtyDaysAndMayNotBeShorterThanTheGiveUpAge() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeliveryProperties(Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ofHours(24), 5, 10, 20, Duration.ofHours(1), 4))
                .hasMessageContaining("BUGMASTER_NOTIFY_RETENTION").hasMessageContaining("BUGMASTER_NOTIFY_GIVE_UP_AFTER");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeliveryProperties(Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ofHours(24), 5, 10, 20, Duration.ZERO, 4)).hasMessageContaining("BUGMASTER_NOTIFY_RETENTION must be a positive duration");
    }
}
