package io.bugmaster.notify.teams;

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

/** Microsoft Teams: an Adaptive Card POSTed to a Workflows ("Post to a channel when a webhook request is received") URL. */
@Component
public class TeamsTransport implements Transport {
    public static final ChannelKind KIND = new ChannelKind("teams", "Microsoft Teams",
            "In the channel: Workflows → Post to a channel when a webhook request is received.",
            List.of(new ChannelKind.Setting(ChannelConfigs.URL, "Workflows webhook URL", "the URL the workflow shows",
                    ChannelKind.Setting.Type.URL, "the incoming webhook URL the service gave you"),
                    ChannelConfigs.SEND_RESOLVED_SETTING));

    private final OutboundHttp http;

    public TeamsTransport(OutboundHttp http) {
        this.http = http;
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public Delivered send(Channel channel, Notification notification) throws DeliveryException {
        return http.postJson("Microsoft Teams", channel.setting(ChannelConfigs.URL),
                AdaptiveCards.message(notification).toString(), Map.of());
    }
}
