package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The message the "send test notification" button sends: clearly a test, saying who sent it, linking to the channel. */
@PureLogic
public final class TestNotifications {
    private TestNotifications() {}

    public static Notification of(String orgSlug, Channel channel, String channelLink, String sentBy, Instant now) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("channel", channel.name());
        labels.put("kind", channel.kind().id());
        return Notification.of(UUID.randomUUID().toString(), Notification.Kind.TEST, "test:channel/" + channel.id(), "test", orgSlug,
                        "Bugmaster can reach channel \u201c" + channel.name() + "\u201d")
                .withContext(null, null, null, "info", 0)
                .withFields(List.of(new Notification.Field("Level", "info")))
                .withLabels(labels)
                .opening(channelLink)
                .withReason("If you can read this, the channel works. Sent by " + sentBy + " at " + Times.at(now, now) + ".", null, now);
    }
}
