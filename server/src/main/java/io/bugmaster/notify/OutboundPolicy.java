package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Bugmaster may send notifications. Refused unless allowed: schemes other than http and
 * https, and targets that resolve to a loopback, private (RFC 1918, fc00::/7), link-local
 * (169.254.0.0/16 with the cloud metadata address 169.254.169.254, fe80::/10), unspecified or
 * multicast address. Every address a name resolves to must pass, so a name with one public and
 * one private address is refused. {@code BUGMASTER_OUTBOUND_ALLOW} lists exceptions: host names
 * (exact, case-insensitive), addresses or CIDR ranges, or {@code *} for everything.
 *
 * <p>Pure: the caller resolves names ({@link OutboundGuard}) and passes the addresses in.
 */
@PureLogic
public final class OutboundPolicy {
    public static final String SETTING = "BUGMASTER_OUTBOUND_ALLOW";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?");

    private final boolean allowAll;
    private final List<String> hosts;
    private final List<Cidr> ranges;

    private OutboundPolicy(boolean allowAll, List<String> hosts, List<Cidr> ranges) {
        this.allowAll = allowAll;
        this.hosts = List.copyOf(hosts);
        this.ranges = List.copyOf(ranges);
    }

    public static OutboundPolicy denyPrivate() {
        return new OutboundPolicy(false, List.of(), List.of());
    }

    /** Parses the setting (comma-separated); a bad entry is an error that names it. */
    public static OutboundPolicy parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return denyPrivate();
        }
        boolean all = false;
        List<String> hosts = new ArrayList<>();
        List<Cidr> ranges = new ArrayList<>();
        for (String raw : setting.split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                all = true;
            } else if (entry.contains("/") || isIpLiteral(entry)) {
                ranges.add(Cidr.parse(entry));
            } else if (HOST.matcher(entry).matches()) {
                hosts.add(stripDot(entry));
            } else {
                throw new IllegalArgumentException(SETTING + ": '" + raw.strip()
                        + "' is neither a host name, an IP address, a CIDR range (10.0.0.0/8, fd00::/8) nor *");
            }
        }
        return new OutboundPolicy(all, hosts, ranges);
    }

    public boolean allowsEverything() {
        return allowAll;
    }

    /** The checks that need no DNS: scheme and host. Empty when the URL may be used. */
    public Optional<String> refuseUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("only http:// and https:// URLs can receive notifications, not '"
                    + (scheme.isEmpty() ? url.toString() : scheme + ":") + "'");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            return Optional.of("the URL has no host");
        }
        if (url.getUserInfo() != null) {
            return Optional.of("the URL must not carry a user name or password before the host");
        }
        return Optional.empty();
    }

    /** Whether the host name itself is on the allow list (then its addresses are not checked). */
    public boolean allowsHost(String host) {
        return allowAll || hosts.contains(stripDot(unbracket(host).toLowerCase(Locale.ROOT)));
    }

    /**
     * Checks the addresses {@code host} resolved to; empty when all may be used, otherwise a
     * message that says what was refused and how an admin allows it.
     */
    public Optional<String> refuseAddresses(String host, List<InetAddress> addresses) {
        if (allowsHost(host)) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> why = restricted(address);
            if (why.isPresent() && ranges.stream().noneMatch(r -> r.contains(address))) {
                String ip = address.getHostAddress();
                String name = unbracket(host);
                boolean literal = isIpLiteral(name);
                return Optional.of("refused to send to " + (literal ? ip : "'" + name + "' (" + ip + ")") + ": " + why.get()
                        + ". Private and local targets are refused so that channel URLs cannot reach internal services;"
                        + " an admin can allow this one with " + SETTING + "="
                        + (literal ? ip : name + " (the host) or " + ip) + " or a CIDR range containing it");
            }
        }
        return Optional.empty();
    }

    /** Why an address is not a public internet address, or empty when it is. */
    static Optional<String> restricted(InetAddress address) {
        InetAddress a = embeddedIpv4(address);
        if (a.isAnyLocalAddress() || (a instanceof Inet4Address && (a.getAddress()[0] & 0xff) == 0)) {
            return Optional.of("it is an unspecified address");
        }
        if (a.isLoopbackAddress()) {
            return Optional.of("it is a loopback address");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of(a.getHostAddress().equals("169.254.169.254")
                    ? "it is the cloud metadata address (link-local)" : "it is a link-local address");
        }
        if (a.isSiteLocalAddress() || isUniqueLocal(a)) {
            return Optional.of("it is a private network address");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("it is a multicast address");
        }
        return Optional.empty();
    }

    /** fc00::/7, IPv6's private range (Java's isSiteLocalAddress only knows the deprecated fec0::/10). */
    private static boolean isUniqueLocal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
    }

    /** ::ffff:a.b.c.d and ::a.b.c.d are the IPv4 address a.b.c.d for these checks. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean zeros = true;
            for (int i = 0; i < 10; i++) {
                zeros &= b[i] == 0;
            }
            boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = zeros && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
            if (mapped || compatible) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }

    static boolean isIpLiteral(String host) {
        String h = unbracket(host);
        return IPV4.matcher(h).matches() || h.contains(":");
    }

    /** An IP literal as an address, without any DNS lookup. */
    public static InetAddress literal(String host) {
        String h = unbracket(host);
        if (!isIpLiteral(h)) {
            throw new IllegalArgumentException("not an IP address: " + host);
        }
        try {
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + host);
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    /** An address range. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String ip = slash < 0 ? text : text.substring(0, slash);
            InetAddress address;
            try {
                address = literal(ip);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SETTING + ": '" + text + "' is not a valid address or CIDR range");
            }
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException(SETTING + ": '" + text + "' has a bad prefix length (0 to " + bits + ")");
                }
            }
            return new Cidr(address.getAddress(), prefix);
        }

        boolean contains(InetAddress candidate) {
            byte[] b = candidate.getAddress();
            if (b.length != network.length) {
                b = embeddedIpv4(candidate).getAddress();
                if (b.length != network.length) {
                    return false;
                }
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((b[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
