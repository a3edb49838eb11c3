package io.bugmaster.accounts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bugmaster.storage.Rows;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Ingestion's view of DSN keys: which project and organization a public key belongs to, whether it
 * is active, its rate limit, and the project's settings ingestion needs. Cached for a few seconds,
 * since every SDK request asks; a change made on this node is seen at once, on other nodes after
 * the cache time.
 */
@Service
public class DsnKeys {
    static final Duration CACHE_TIME = Duration.ofSeconds(10);

    /** What ingestion needs to accept an event for a key. */
    public record KeyInfo(long keyId, String publicKey, long projectId, long orgId, String projectSlug, boolean active,
            Integer rateLimitCount, Integer rateLimitWindow, Integer quotaPerMinute, Integer quotaPerHour,
            Integer quotaPerMonth, boolean scrubData, String scrubFields, String safeFields, String fingerprintRules,
            String stackTraceRules) {}

    private final JdbcClient db;
    private final Cache<String, Optional<KeyInfo>> cache = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(CACHE_TIME).build();

    public DsnKeys(JdbcClient db) {
        this.db = db;
    }

    public Optional<KeyInfo> find(String publicKey) {
        if (publicKey == null || publicKey.length() > 64) {
            return Optional.empty();
        }
        return cache.get(publicKey, this::load);
    }

    /** Forgets cached keys after a change (key disabled, rotated, project settings changed). */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    private Optional<KeyInfo> load(String publicKey) {
        return db.sql("""
                SELECT k.id, k.public_key, k.project_id, p.org_id, p.slug, k.is_active, k.rate_limit_count, k.rate_limit_window,
                       p.quota_per_minute, p.quota_per_hour, p.quota_per_month, p.scrub_data, p.scrub_fields, p.safe_fields,
                       p.fingerprint_rules, p.stack_trace_rules
                FROM project_keys k JOIN projects p ON p.id = k.project_id WHERE k.public_key = ?""")
                .param(publicKey)
                .query((rs, row) -> new KeyInfo(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getBoolean(6), Rows.integer(rs, "rate_limit_count"), Rows.integer(rs, "rate_limit_window"),
                        Rows.integer(rs, "quota_per_minute"), Rows.integer(rs, "quota_per_hour"), Rows.integer(rs, "quota_per_month"),
                        rs.getBoolean(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16)))
                .optional();
    }
}
