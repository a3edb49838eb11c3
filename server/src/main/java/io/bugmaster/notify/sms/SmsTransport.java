package io.bugmaster.notify.sms;

import io.bugmaster.notify.Channel;
import io.bugmaster.notify.ChannelKind;
import io.bugmaster.notify.Delivered;
import io.bugmaster.notify.DeliveryException;
import io.bugmaster.notify.Notification;
import io.bugmaster.notify.OutboundHttp;
import io.bugmaster.notify.Transport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through the organization's Twilio-compatible provider: {@code POST
 * <base>/2010-04-01/Accounts/{sid}/Messages.json}, form fields {@code To}, {@code From} and
 * {@code Body}, HTTP Basic {@code sid:token}; the provider answers 201 with the message's
 * {@code sid}. A contact method only; without a provider in the organization it is a permanent
 * failure that says where to set one.
 */
@Component
public class SmsTransport implements Transport {
    public static final String TO = "to";

    public static final ChannelKind KIND = new ChannelKind("sms", "SMS",
            "Your mobile number in international form (+14155550100); the organization's SMS provider sends the texts.",
            List.of(new ChannelKind.Setting(TO, "Phone number", "+14155550100", ChannelKind.Setting.Type.EMAILS,
                    "a phone number in E.164 form")));

    static final String NO_PROVIDER = "the organization has no SMS provider: an admin sets one in the organization's settings";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboundHttp http;
    private final LongFunction<Optional<SmsProvider>> providers;

    @Autowired
    public SmsTransport(OutboundHttp http, SmsProviders providers) {
        this(http, providers::provider);
    }

    /** With the organizations' providers looked up by {@code providers} (org id to provider). */
    SmsTransport(OutboundHttp http, LongFunction<Optional<SmsProvider>> providers) {
        this.http = http;
        this.providers = providers;
    }

    @Override
    public ChannelKind kind() {
        return KIND;
    }

    /** A text message pages; resolves, workflow messages and reports are not worth a text. */
    @Override
    public Optional<String> refusal(Notification notification) {
        return switch (notification.kind()) {
            case ALERT, TEST -> Optional.empty();
            default -> Optional.of("not sent: SMS carries pages and tests only, not " + notification.kind().id() + " messages");
        };
    }

    @Override
    public Delivered send(Channel channel, Notification notification) throws DeliveryException {
        SmsProvider provider = providers.apply(channel.orgId()).orElseThrow(() -> DeliveryException.permanent(NO_PROVIDER));
        String to = channel.setting(TO);
        if (to == null || !SmsProvider.E164.matcher(to).matches()) {
            throw DeliveryException.permanent("the SMS contact method has no valid phone number");
        }
        String form = "To=" + enc(to) + "&From=" + enc(provider.fromNumber()) + "&Body=" + enc(SmsMessages.body(notification));
        String basic = Base64.getEncoder().encodeToString((provider.accountSid() + ":" + provider.authToken()).getBytes(StandardCharsets.UTF_8));
        return http.post("the SMS provider", provider.messagesUrl(), "application/x-www-form-urlencoded; charset=utf-8", form,
                Map.of("Authorization", "Basic " + basic), SmsTransport::messageSid);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Twilio answers the created message as JSON with its {@code sid}. */
    private static String messageSid(String answer) {
        try {
            var sid = JSON.readTree(answer).path("sid");
            return sid.isString() ? sid.asString() : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
