package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.Map;

/**
 * A notification channel of an organization, with its configuration decrypted (only in memory;
 * the store keeps it encrypted, the API shows it masked).
 */
@PureLogic
public record Channel(long id, long orgId, String name, ChannelKind kind, Map<String, String> config, boolean enabled,
        String disabledReason, Instant createdAt) {

    public Channel {
        config = Map.copyOf(config);
    }

    public String setting(String key) {
        return config.get(key);
    }

    /** Whether it gets the message that closes an alert (always, for kinds without the switch, such as PagerDuty). */
    public boolean sendsResolved() {
        return ChannelConfigs.isOn(config, ChannelConfigs.SEND_RESOLVED);
    }
}
