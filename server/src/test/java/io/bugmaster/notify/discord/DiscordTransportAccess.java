package io.bugmaster.notify.discord;

/** Opens {@link DiscordTransport#slackEndpoint} to the transport tests. */
public final class DiscordTransportAccess {
    private DiscordTransportAccess() {}

    public static String slackEndpoint(String url) {
        return DiscordTransport.slackEndpoint(url);
    }
}
