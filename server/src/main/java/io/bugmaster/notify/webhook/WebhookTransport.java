package io.bugmaster.notify.webhook;

import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelConfigs;
import io.bugmaster.notify.ChannelKind;
import io.bugmaster.notify.Delivered;
import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.OutboundHttp;
import io.bugmaster.notify.Transport;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Generic webhook: JSON POST signed per Standard Webhooks. {@code webhook-id} is the notification's
 * idempotency key, the same on every retry, so receivers drop repeats.
 */
@Component
public class WebhookTransport implements Transport {
    private final OutboundHttp http;
    private final Clock clock;

    public WebhookTransport(OutboundHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WEBHOOK;
    }

    @Override
    public Delivered send(Channel channel, Notification notification) throws DeliveryException {
        Instant now = clock.instant();
        String body = WebhookPayloads.body(notification, now);
        long timestamp = now.getEpochSecond();
        String id = notification.idempotencyKey();
        return http.postJson("The webhook receiver", channel.setting(ChannelConfigs.URL), body, Map.of(
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", StandardWebhooks.sign(channel.setting(ChannelConfigs.SECRET), id, timestamp, body)));
    }
}
