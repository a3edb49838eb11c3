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
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** PagerDuty Events API v2: POST to {@code BUGMASTER_PAGERDUTY_EVENTS_URL}; PagerDuty answers 202. */
@Component
public class PagerDutyTransport implements Transport {
    private final OutboundHttp http;
    private final String eventsUrl;

    public PagerDutyTransport(OutboundHttp http, NotifyProperties props) {
        this.http = http;
        this.eventsUrl = props.pagerdutyEventsUrl();
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.PAGERDUTY;
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
