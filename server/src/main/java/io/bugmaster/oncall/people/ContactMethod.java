package io.bugmaster.oncall.people;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One way to reach a person, theirs in every organization they belong to (PagerDuty's model).
 * {@code config} is decrypted (in memory only); {@code address} is what people see.
 *
 * @param lastError the last permanent delivery failure, cleared by the next delivery; null when it works
 */
@PureLogic
public record ContactMethod(long id, long userId, Kind kind, String name, String address, Map<String, String> config, boolean enabled,
        String lastError, Instant lastErrorAt, Instant createdAt) {

    public ContactMethod {
        config = Map.copyOf(config);
    }

    /** Turned on and not failing: a page would reach it as far as Bugmaster knows. */
    public boolean works() {
        return enabled && lastError == null;
    }

    /** The kinds, each delivered by the notify transport of the same id. */
    public enum Kind {
        EMAIL("email", "Email"), NTFY("ntfy", "Push (ntfy)"), SMS("sms", "SMS"), WEBHOOK("webhook", "Webhook"),
        /** A direct message from the organization's Slack app to the person's linked Slack account: no address. */
        SLACK_DM("slack_dm", "Slack direct message");

        private final String id;
        private final String title;

        Kind(String id, String title) {
            this.id = id;
            this.title = title;
        }

        public String id() {
            return id;
        }

        public String title() {
            return title;
        }

        /** The kind of this id, or null. */
        public static Kind parse(String id) {
            if (id == null) {
                return null;
            }
            String wanted = id.strip().toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.id.equals(wanted)) {
                    return k;
                }
            }
            return null;
        }
    }
}
