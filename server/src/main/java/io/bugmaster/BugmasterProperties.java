package io.bugmaster;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting, bound from environment variables by Spring's relaxed binding
 * ({@code BUGMASTER_DATA_DIR} is {@code bugmaster.data-dir}). Documented in docs/configuration.md.
 */
@ConfigurationProperties(prefix = "bugmaster")
public record BugmasterProperties(
        @DefaultValue("./data") Path dataDir,
        String databaseUrl,
        @DefaultValue("10") int databasePoolSize,
        @DefaultValue("http://localhost:8080") String baseUrl,
        String adminEmail,
        String adminPassword,
        String adminToken,
        @DefaultValue("default") String defaultOrganization,
        @DefaultValue("2s") Duration engineInterval,
        @DefaultValue("30s") Duration engineModuleTimeout,
        @DefaultValue("24h") Duration setupLinkLifetime,
        @DefaultValue("10") int loginMaxFailures,
        @DefaultValue("15m") Duration loginLockout,
        @DefaultValue("20") int loginAccountMaxFailures,
        String metricsToken) {

    public BugmasterProperties {
        java.net.URI base;
        try {
            base = java.net.URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("BUGMASTER_BASE_URL is not a URL: " + baseUrl);
        }
        if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
            throw new IllegalArgumentException("BUGMASTER_BASE_URL must be an http:// or https:// URL with a host, got: " + baseUrl);
        }
        if (databasePoolSize < 1) {
            throw new IllegalArgumentException("BUGMASTER_DATABASE_POOL_SIZE must be at least 1, got: " + databasePoolSize);
        }
        if (engineInterval.isNegative() || engineInterval.isZero() || engineModuleTimeout.isNegative() || engineModuleTimeout.isZero()) {
            throw new IllegalArgumentException("BUGMASTER_ENGINE_INTERVAL and BUGMASTER_ENGINE_MODULE_TIMEOUT must be positive durations");
        }
    }

    /** The base URL without a trailing slash, for links in pages, emails and DSNs. */
    public String baseUrlTrimmed() {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
