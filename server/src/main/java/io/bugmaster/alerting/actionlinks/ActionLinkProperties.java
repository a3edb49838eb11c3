package io.bugmaster.alerting.actionlinks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code BUGMASTER_ACTION_LINKS}: whether issue alerts carry "Resolve" and "Ignore for 1h" links
 * that act without a login ({@code true}, the default, or {@code false}: no such links are sent,
 * and those sent before are refused); {@code BUGMASTER_ACTION_LINK_LIFETIME}: how long one works.
 */
@ConfigurationProperties(prefix = "bugmaster")
public record ActionLinkProperties(@DefaultValue("true") boolean actionLinks, @DefaultValue("7d") Duration actionLinkLifetime) {
    public ActionLinkProperties {
        if (actionLinkLifetime.compareTo(Duration.ofHours(1)) < 0 || actionLinkLifetime.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException("BUGMASTER_ACTION_LINK_LIFETIME must be between 1h and 30d, got " + actionLinkLifetime);
        }
    }
}
