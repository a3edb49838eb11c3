package io.bugmaster.notify.slack;

import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelConfigs;
import io.bugmaster.notify.ChannelKind;
import io.bugmaster.notify.Delivered;
import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.OutboundHttp;
import io.bugmaster.notify.Transport;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Slack incoming webhook: POST Block Kit JSON to the webhook URL; Slack answers {@code 200 ok}.
 * An endpoint that answers as chat.postMessage does (the message's channel and ts) gives the
 * delivery a reference to the message, to update it in place later.
 */
@Component
public class SlackTransport implements Transport {
    public static final ChannelKind KIND = new ChannelKind("slack", "Slack",
            "Slack → Apps → Incoming Webhooks → Add New Webhook to Workspace; copy the URL.",
            List.of(new ChannelKind.Setting(ChannelConfigs.URL, "Incoming webhook URL", "https://hooks.slack.com/services/…",
                    ChannelKind.Setting.Type.URL, "the incoming webhook URL the service gave you"),
                    ChannelConfigs.SEND_RESOLVED_SETTING));

    private final OutboundHttp http;

    public SlackTransport(OutboundHttp http) {
        this.http = http;
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public Delivered send(Channel channel, Notification notification) throws DeliveryException {
        return http.postJson("Slack", channel.setting(ChannelConfigs.URL), SlackMessages.blocks(notification).toString(), Map.of(),
                SlackMessages::messageRef);
    }
}
