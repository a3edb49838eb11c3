package io.bugmaster.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which addresses people and senders give us may become links on our pages: http and https with a
 * host, and paths on this server. Anything else ({@code javascript:}, {@code data:}, {@code //elsewhere})
 * would run in, or leave from, the viewer's browser.
 */
@PureLogic
public final class WebAddresses {
    private WebAddresses() {}

    /** An absolute http or https address with a host. */
    public static boolean isHttp(String address) {
        if (address == null) {
            return false;
        }
        try {
            URI uri = new URI(address);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** {@link #isHttp} or a path on this server ({@code /orgs/acme/releases/1.0}, not {@code //host} nor {@code /\host}). */
    public static boolean isHttpOrLocalPath(String address) {
        return address != null && (isHttp(address) || address.startsWith("/") && !address.startsWith("//") && !address.startsWith("/\\"));
    }
}
