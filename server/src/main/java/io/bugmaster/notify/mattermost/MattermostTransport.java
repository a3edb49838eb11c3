package io.bugmaster.notify.mattermost;

import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelConfigs;
import io.bugmaster.notify.ChannelKind;
import io.bugmaster.notify.Delivered;
import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.OutboundHttp;
import io.bugmaster.notify.Transport;
import io.bugmaster.notify.slack.SlackMessages;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Mattermost incoming webhook: Slack-compatible {@code text} and legacy {@code attachments}. */
@Component
public class MattermostTransport implements Transport {
    public static final ChannelKind KIND = new ChannelKind("mattermost", "Mattermost",
            "Integrations → Incoming Webhooks → Add Incoming Webhook; copy the URL.",
            List.of(new ChannelKind.Setting(ChannelConfigs.URL, "Incoming webhook URL", "https://chat.example.com/hooks/…",
                    ChannelKind.Setting.Type.URL, "the incoming webhook URL the service gave you"),
                    ChannelConfigs.SEND_RESOLVED_SETTING));

    private final OutboundHttp http;

    public MattermostTransport(OutboundHttp http) {
        this.http = http;
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public Delivered send(Channel channel, Notification notification) throws DeliveryException {
        return http.postJson("Mattermost", channel.setting(ChannelConfigs.URL),
                SlackMessages.attachments(notification).toString(), Map.of());
    }
}
