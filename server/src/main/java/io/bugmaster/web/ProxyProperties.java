package io.bugmaster.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code BUGMASTER_TRUSTED_PROXIES}: who may tell Bugmaster, with {@code X-Forwarded-For},
 * {@code -Proto}, {@code -Host} and {@code -Port}, the client's address and the scheme and host it
 * used. Documented in docs/configuration.md and docs/operations.md.
 */
@ConfigurationProperties(prefix = "bugmaster")
public record ProxyProperties(@DefaultValue(TrustedProxies.LOOPBACK) String trustedProxies) {

    public ProxyProperties {
        TrustedProxies.parse(trustedProxies);
    }

    public TrustedProxies proxies() {
        return TrustedProxies.parse(trustedProxies);
    }
}
