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
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Generic webhook: JSON POST signed per Standard Webhooks. {@code webhook-id} is the notification's
 * idempotency key, the same on every retry, so receivers drop repeats.
 */
@Component
public class WebhookTransport implements Transport {
    public static final ChannelKind KIND = new ChannelKind("webhook", "Webhook", "Your own receiver: JSON signed per Standard Webhooks.",
            List.of(new ChannelKind.Setting(ChannelConfigs.URL, "URL", "https://example.com/bugmaster-hook", ChannelKind.Setting.Type.URL,
                            "the URL to POST notifications to"),
                    new ChannelKind.Setting(ChannelConfigs.SECRET, "Signing secret",
                            "whsec_… (left blank, Bugmaster generates one and shows it once)", ChannelKind.Setting.Type.SIGNING_SECRET,
                            null),
                    ChannelConfigs.SEND_RESOLVED_SETTING));

    private final OutboundHttp http;
    private final Clock clock;

    public WebhookTransport(OutboundHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public ChannelKind kind() {
        return KIND;
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
