package io.bugmaster.notify;

import java.util.List;
import java.util.Optional;

/**
 * A transport: one package under {@code notify/} that describes its kind of channel (id, title,
 * settings), renders a {@link Notification} in its receiver's format and sends it once, reporting
 * how it went. No retries here: the delivery worker owns retries, backoff and disabling channels.
 * It is registered by one line in {@link Transports#ORDER}.
 */
public interface Transport {

    /** The kind of channel this transport sends for; the same value every time. */
    ChannelKind kind();

    Delivered send(Channel channel, Notification notification) throws DeliveryException;

    /**
     * Why this transport does not carry a message of this kind at all (sending it again could never
     * help, and the channel is not at fault), or empty when it does. The worker then skips it with
     * this reason instead of sending.
     */
    default Optional<String> refusal(Notification notification) {
        return Optional.empty();
    }

    /**
     * What keeps every channel of this kind from sending that its own settings cannot fix (email
     * without the server's SMTP settings), shown with the channel; empty when nothing does.
     */
    default List<String> warnings() {
        return List.of();
    }

    /**
     * The same for one channel, where what is missing belongs to its organization (a Slack channel
     * of an organization that has not connected its workspace); {@link #warnings()} unless overridden.
     */
    default List<String> warnings(Channel channel) {
        return warnings();
    }
}
