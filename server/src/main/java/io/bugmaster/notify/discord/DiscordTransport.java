package io.bugmaster.notify.discord;

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

/**
 * Discord webhook through its Slack-compatible endpoint: the webhook URL with {@code /slack}
 * appended, taking Slack attachments (not blocks).
 */
@Component
public class DiscordTransport implements Transport {
    public static final ChannelKind KIND = new ChannelKind("discord", "Discord",
            "Channel settings → Integrations → Webhooks → New Webhook → Copy Webhook URL.",
            List.of(new ChannelKind.Setting(ChannelConfigs.URL, "Webhook URL", "https://discord.com/api/webhooks/…",
                    ChannelKind.Setting.Type.URL, "the incoming webhook URL the service gave you"),
                    ChannelConfigs.SEND_RESOLVED_SETTING));

    private final OutboundHttp http;

    public DiscordTransport(OutboundHttp http) {
        this.http = http;
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public Delivered send(Channel channel, Notification notification) throws DeliveryException {
        return http.postJson("Discord", slackEndpoint(channel.setting(ChannelConfigs.URL)),
                SlackMessages.attachments(notification).toString(), Map.of());
    }

    /** {@code https://discord.com/api/webhooks/ID/TOKEN} -> {@code .../TOKEN/slack}, keeping a query. */
    static String slackEndpoint(String url) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        String rest = query < 0 ? "" : url.substring(query);
        if (path.endsWith("/slack")) {
            return url;
        }
        return (path.endsWith("/") ? path + "slack" : path + "/slack") + rest;
    }
}
