package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.util.Locale;

/**
 * Who a notification goes to: a channel of the organization, one email address, or a person's
 * contact method (a phone, an app, their Slack: they come with on-call, which pages people by how
 * each one wants to be reached). A feature names the recipient; delivery finds the transport.
 */
@PureLogic
public sealed interface Recipient {

    /** The recipient in an idempotency key, one message per recipient: {@code c12}, {@code ejane@example.com}, {@code m7}. */
    String key();

    static Recipient channel(long channelId) {
        return new ToChannel(channelId);
    }

    static Recipient email(String address) {
        return new ToEmail(address);
    }

    static Recipient contactMethod(long contactMethodId) {
        return new ToContactMethod(contactMethodId);
    }

    /** A channel of the organization: Slack, Teams, a webhook... */
    record ToChannel(long channelId) implements Recipient {
        @Override
        public String key() {
            return "c" + channelId;
        }
    }

    /** One person's email address (an alert to the assignee, a workflow email, the weekly report). */
    record ToEmail(String address) implements Recipient {
        public ToEmail {
            if (address == null || address.isBlank()) {
                throw new IllegalArgumentException("an email recipient needs an address");
            }
        }

        @Override
        public String key() {
            return "e" + address.toLowerCase(Locale.ROOT);
        }
    }

    /** One of a person's contact methods; on-call adds them and the way to deliver to them. */
    record ToContactMethod(long contactMethodId) implements Recipient {
        @Override
        public String key() {
            return "m" + contactMethodId;
        }
    }
}
