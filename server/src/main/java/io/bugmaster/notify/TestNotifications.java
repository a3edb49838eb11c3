package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The message the "send test notification" button sends: clearly a test, with every part filled in. */
@PureLogic
public final class TestNotifications {
    private TestNotifications() {}

    public static Notification of(String orgSlug, Channel channel, String channelLink, Instant now) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("channel", channel.name());
        tags.put("kind", channel.kind().id());
        return new Notification(UUID.randomUUID().toString(), Notification.Kind.TEST, "test/channel/" + channel.id(), orgSlug,
                null, null, "Bugmaster test notification for \"" + channel.name() + "\"",
                "If you can read this, the channel works.", "info", 0, 0, now, null, null, null, tags, null,
                channelLink);
    }
}
