package io.bugmaster.notify;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The notification settings, bound from {@code BUGMASTER_*} variables; documented in
 * docs/configuration.md (Notifications).
 */
@ConfigurationProperties(prefix = "bugmaster")
public record NotifyProperties(
        String outboundAllow,
        String secretKey,
        @DefaultValue("10s") Duration notifyTimeout,
        @DefaultValue("https://events.pagerduty.com/v2/enqueue") String pagerdutyEventsUrl,
        String smtpHost,
        @DefaultValue("587") int smtpPort,
        String smtpUsername,
        String smtpPassword,
        @DefaultValue("starttls") String smtpSecurity,
        @DefaultValue("bugmaster@localhost") String smtpFrom) {

    public NotifyProperties {
        OutboundPolicy.parse(outboundAllow);
        if (notifyTimeout.isNegative() || notifyTimeout.isZero()) {
            throw new IllegalArgumentException("BUGMASTER_NOTIFY_TIMEOUT must be a positive duration");
        }
        if (!java.util.Set.of("starttls", "ssl", "none").contains(smtpSecurity)) {
            throw new IllegalArgumentException("BUGMASTER_SMTP_SECURITY must be starttls, ssl or none, got: " + smtpSecurity);
        }
    }

    public OutboundPolicy outboundPolicy() {
        return OutboundPolicy.parse(outboundAllow);
    }

    /** Why email cannot be sent, for the failed attempt and for the warning on an email channel. */
    public static final String SMTP_NOT_SET_UP = "email is not set up on this server: an admin sets BUGMASTER_SMTP_HOST"
            + " (and BUGMASTER_SMTP_FROM, BUGMASTER_SMTP_USERNAME and BUGMASTER_SMTP_PASSWORD as needed) and restarts Bugmaster";

    /** The warning on what cannot send while SMTP is not set up: {@code Email is not set up ...; until then <what>.} */
    public static String smtpWarning(String untilThen) {
        return "E" + SMTP_NOT_SET_UP.substring(1) + "; until then " + untilThen + ".";
    }

    public boolean smtpConfigured() {
        return smtpHost != null && !smtpHost.isBlank();
    }
}
