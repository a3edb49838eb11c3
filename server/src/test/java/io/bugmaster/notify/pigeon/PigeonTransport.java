package io.bugmaster.notify.pigeon;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * A transport that exists only in tests, written as a new transport would be: this package and
 * one line in the registry ({@link io.bugmaster.notify.Transports#ORDER}), nothing else. It POSTs
 * the message's one-line summary, its fields and its actions as JSON to the loft's URL.
 */
public class PigeonTransport implements Transport {
    public static final ChannelKind KIND = new ChannelKind("pigeon", "Carrier pigeon", "Give the URL of the loft.",
            List.of(new ChannelKind.Setting(ChannelConfigs.URL, "Loft URL", "https://loft.example.com/…", ChannelKind.Setting.Type.URL,
                    "the URL of the loft")));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboundHttp http;

    public PigeonTransport(OutboundHttp http) {
        this.http = http;
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    @Override
    public Delivered send(Channel channel, Notification n) throws DeliveryException {
        var body = JSON.createObjectNode();
        body.put("note", n.summary());
        var facts = body.putObject("facts");
        n.facts().forEach(facts::put);
        var actions = body.putArray("actions");
        n.actions().forEach(a -> actions.addObject().put(a.type().id(), a.url()));
        return http.postJson("The loft", channel.setting(ChannelConfigs.URL), body.toString(), Map.of());
    }
}
