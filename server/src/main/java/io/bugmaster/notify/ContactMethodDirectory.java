package io.bugmaster.notify;

import java.util.Map;
import java.util.Optional;

/**
 * How to reach one of a person's contact methods: on-call stores them (notify never looks at
 * on-call's tables) and answers here, and hears back how each delivery went, so a method that
 * keeps failing is shown as such. The delivery worker asks it for every row to a contact method.
 */
public interface ContactMethodDirectory {

    /**
     * A contact method as delivery needs it.
     *
     * @param kind a transport kind id ({@code email}, {@code ntfy}, {@code sms}, {@code webhook})
     * @param config the transport's settings, decrypted ({@code to} for email and SMS, {@code url}...)
     */
    record Target(long userId, String kind, Map<String, String> config, boolean enabled) {
        public Target {
            config = Map.copyOf(config);
        }
    }

    Optional<Target> find(long contactMethodId);

    /** A notification reached it: it works. */
    void delivered(long contactMethodId);

    /** A notification failed for good (the receiver refused it): it is shown as failing with the reason. */
    void failed(long contactMethodId, String reason);
}
