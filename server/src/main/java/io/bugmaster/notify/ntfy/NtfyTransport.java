package io.bugmaster.notify.ntfy;

import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelKind;
import io.bugmaster.notify.Delivered;
import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.OutboundHttp;
import io.bugmaster.notify.Transport;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Push to a person's phone through ntfy (self-hosted, open source): {@code POST <server>/<topic>}
 * with the message as the body and its parts in headers (PROTOCOLS section 11), the
 * acknowledge and resolve actions as {@code http} buttons that POST and clear the notification.
 * A contact method only: never a channel of the organization.
 */
@Component
public class NtfyTransport implements Transport {
    public static final String SERVER = "server";
    public static final String TOPIC = "topic";
    public static final String TOKEN = "token";

    public static final ChannelKind KIND = new ChannelKind("ntfy", "Push (ntfy)",
            "Install the ntfy app, subscribe to a topic only you know on your ntfy server (https://ntfy.sh or your own).",
            List.of(new ChannelKind.Setting(SERVER, "Server URL", "https://ntfy.example.com", ChannelKind.Setting.Type.URL,
                    "the URL of your ntfy server")));

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final OutboundHttp http;

    public NtfyTransport(OutboundHttp http) {
        this.http = http;
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public Delivered send(Channel channel, Notification notification) throws DeliveryException {
        String server = channel.setting(SERVER);
        String topic = channel.setting(TOPIC);
        if (server == null || topic == null) {
            throw DeliveryException.permanent("the ntfy contact method has no server or topic");
        }
        Map<String, String> headers = NtfyMessages.headers(notification);
        String token = channel.setting(TOKEN);
        if (token != null && !token.isBlank()) {
            headers.put("Authorization", "Bearer " + token);
        }
        String url = (server.endsWith("/") ? server : server + "/") + topic;
        return http.post("ntfy", url, "text/plain; charset=utf-8", NtfyMessages.body(notification), headers, NtfyTransport::messageId);
    }

    /** ntfy answers the published message as JSON with its {@code id}. */
    private static String messageId(String answer) {
        try {
            var id = JSON.readTree(answer).path("id");
            return id.isString() ? id.asString() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
