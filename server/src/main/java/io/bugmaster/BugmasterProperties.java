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
        @DefaultValue("5s") Duration engineInterval,
        @DefaultValue("30s") Duration engineModuleTimeout,
        @DefaultValue("24h") Duration setupLinkLifetime,
        @DefaultValue("10") int loginMaxFailures,
        @DefaultValue("15m") Duration loginLockout,
        String metricsToken) {

    /** The base URL without a trailing slash, for links in pages, emails and DSNs. */
    public String baseUrlTrimmed() {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
