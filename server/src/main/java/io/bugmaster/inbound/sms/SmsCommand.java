package io.bugmaster.inbound.sms;

import io.bugmaster.common.PureLogic;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an SMS reply asks: {@code ack 42} (also {@code acknowledge 42}, {@code a 42}) or
 * {@code resolve 42} (also {@code r 42}), in any case, with any spaces and an optional {@code #}.
 */
@PureLogic
public record SmsCommand(Verb verb, long incidentNumber) {
    private static final Pattern REPLY = Pattern.compile("\\s*(ack|acknowledge|a|resolve|r)\\s*#?\\s*([0-9]{1,15})\\s*[.!]?\\s*",
            Pattern.CASE_INSENSITIVE);

    public enum Verb {
        ACKNOWLEDGE, RESOLVE
    }

    public static Optional<SmsCommand> parse(String body) {
        if (body == null || body.length() > 100) {
            return Optional.empty();
        }
        Matcher m = REPLY.matcher(body);
        if (!m.matches()) {
            return Optional.empty();
        }
        String word = m.group(1).toLowerCase(Locale.ROOT);
        Verb verb = word.startsWith("a") ? Verb.ACKNOWLEDGE : Verb.RESOLVE;
        return Optional.of(new SmsCommand(verb, Long.parseLong(m.group(2))));
    }
}
