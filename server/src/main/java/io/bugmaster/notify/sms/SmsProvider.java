package io.bugmaster.notify.sms;

import io.bugmaster.common.PureLogic;
import java.util.regex.Pattern;

/**
 * An organization's Twilio-compatible SMS provider, with its auth token decrypted (in memory only).
 *
 * @param baseUrl {@code https://api.twilio.com}, or a compatible provider's
 */
@PureLogic
public record SmsProvider(long orgId, String baseUrl, String accountSid, String authToken, String fromNumber) {
    /** E.164: a plus, then up to 15 digits, the first not 0. */
    public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /** The token as the settings page shows it: its last four characters. */
    public String maskedToken() {
        return authToken.length() <= 4 ? "••••" : "••••" + authToken.substring(authToken.length() - 4);
    }

    /** Where a message is created: {@code <base>/2010-04-01/Accounts/{sid}/Messages.json}. */
    public String messagesUrl() {
        return (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/2010-04-01/Accounts/" + accountSid
                + "/Messages.json";
    }
}
