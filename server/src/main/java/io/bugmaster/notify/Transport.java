package io.bugmaster.notify;

/**
 * Sends one notification to one channel of its kind, once, and reports how it went. No retries
 * here: the delivery worker owns retries, backoff and disabling channels.
 */
public interface Transport {

    ChannelKind kind();

    Delivered send(Channel channel, Notification notification) throws DeliveryException;

    /**
     * Why this transport does not carry a message of this kind at all (sending it again could never
     * help, and the channel is not at fault), or empty when it does. The worker then skips it with
     * this reason instead of sending.
     */
    default java.util.Optional<String> refusal(Notification notification) {
        return java.util.Optional.empty();
    }
}
