package io.bugmaster.ingest;

import io.bugmaster.accounts.DsnKeys.KeyInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The per-key rate limit and the per-project quotas (events per minute, hour and month), checked
 * before an event is queued. Over a limit, the SDK gets 429 with {@code Retry-After} and
 * {@code X-Sentry-Rate-Limits}, and backs off for that long.
 */
@Component
public class QuotaGuard {
    private static final long CLEAN_UP_EVERY = 10_000;

    private final FixedWindowCounter counters = new FixedWindowCounter();
    private final java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
    private final Clock clock;

    public QuotaGuard(Clock clock) {
        this.clock = clock;
    }

    /** Why a request was refused: seconds to wait, the scope of the limit, and a reason code. */
    public record Refusal(long retryAfterSeconds, String scope, String reason) {
        /** The {@code X-Sentry-Rate-Limits} value: all categories of this scope, for this long. */
        public String header() {
            return retryAfterSeconds + "::" + scope + ":" + reason;
        }
    }

    /** Counts {@code events} against the key's limit and the project's quotas; refuses when one is exceeded. */
    public Optional<Refusal> admit(KeyInfo key, int events) {
        if (events == 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (calls.incrementAndGet() % CLEAN_UP_EVERY == 0) {
            // keeps the counters to the keys that are active now
            counters.forgetEndedBefore(now, 40L * 24 * 3600);
        }
        if (key.rateLimitCount() != null && key.rateLimitWindow() != null) {
            long retry = counters.tryAdd("key:" + key.keyId(), key.rateLimitCount(), key.rateLimitWindow(), events, now);
            if (retry > 0) {
                return Optional.of(new Refusal(retry, "key", "key_quota"));
            }
        }
        Optional<Refusal> refusal = quota(key.projectId(), "minute", key.quotaPerMinute(), 60, events, now)
                .or(() -> quota(key.projectId(), "hour", key.quotaPerHour(), 3600, events, now));
        if (refusal.isPresent() || key.quotaPerMonth() == null) {
            return refusal;
        }
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        ZonedDateTime monthStart = utc.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC);
        ZonedDateTime nextMonth = monthStart.plusMonths(1);
        String monthKey = "month:" + key.projectId() + ":" + monthStart.getYear() + "-" + monthStart.getMonthValue();
        // a month is not a fixed number of seconds: count in one window as long as the month, keyed by the month
        long retry = counters.tryAdd(monthKey, key.quotaPerMonth(), 40L * 24 * 3600, events, monthStart.toInstant());
        if (retry > 0) {
            return Optional.of(new Refusal(Math.max(1, nextMonth.toEpochSecond() - now.getEpochSecond()), "project",
                    "project_quota"));
        }
        return Optional.empty();
    }

    private Optional<Refusal> quota(long projectId, String name, Integer limit, long seconds, int events, Instant now) {
        if (limit == null) {
            return Optional.empty();
        }
        long retry = counters.tryAdd("project:" + projectId + ":" + name, limit, seconds, events, now);
        return retry > 0 ? Optional.of(new Refusal(retry, "project", "project_quota")) : Optional.empty();
    }
}
