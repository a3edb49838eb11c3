package io.bugmaster.notify;

/**
 * Sends one notification to one channel of its kind, once, and reports how it went. No retries
 * here: the delivery worker owns retries, backoff and disabling channels.
 */
public interface Transport {

    ChannelKind kind();

    Delivered send(Channel channel, Notification notification) throws DeliveryException;
}
