package io.bugmaster.notify.pagerduty;

import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelConfigs;
import io.bugmaster.notify.ChannelKind;
import io.bugmaster.notify.Delivered;
import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.NotifyProperties;
import io.bugmaster.notify.OutboundHttp;
import io.bugmaster.notify.Transport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** PagerDuty Events API v2: POST to {@code BUGMASTER_PAGERDUTY_EVENTS_URL}; PagerDuty answers 202. */
@Component
public class PagerDutyTransport implements Transport {
    public static final ChannelKind KIND = new ChannelKind("pagerduty", "PagerDuty",
            "Service → Integrations → Add integration → Events API V2; copy the integration key.",
            List.of(new ChannelKind.Setting(ChannelConfigs.ROUTING_KEY, "Integration key (routing key)", "32 characters",
                    ChannelKind.Setting.Type.ROUTING_KEY, "the 32-character integration key of an Events API v2 integration")));

    private final OutboundHttp http;
    private final String eventsUrl;

    public PagerDutyTransport(OutboundHttp http, NotifyProperties props) {
        this.http = http;
        this.eventsUrl = props.pagerdutyEventsUrl();
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public Optional<String> refusal(Notification notification) {
        return PagerDutyEvents.refusal(notification);
    }

    @Override
    public Delivered send(Channel channel, Notification notification) throws DeliveryException {
        return http.postJson("PagerDuty", eventsUrl,
                PagerDutyEvents.event(channel.setting(ChannelConfigs.ROUTING_KEY), notification).toString(), Map.of());
    }
}
