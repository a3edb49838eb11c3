package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.IDN;
import java.net.Inet4Address;
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
 * https, credentials in the URL, hosts spelled in a way that programs read differently (IPv4 in
 * other than four decimal numbers, IPv6 zone ids, trailing dots, non-ASCII names), and targets
 * with any address in a {@link SpecialAddresses special-purpose block} (loopback, private,
 * link-local, documentation, NAT64, 6to4, ...). An IPv4-mapped IPv6 address is its IPv4 address;
 * the other forms that carry an IPv4 address (NAT64, 6to4, IPv4-compatible) pass only when both the
 * IPv6 address and the IPv4 address inside are allowed. Every address a name resolves to must pass.
 * {@code BUGMASTER_OUTBOUND_ALLOW} lists exceptions: host names (exact, case-insensitive),
 * addresses or CIDR ranges, or {@code *} for everything.
 *
 * <p>Pure: the caller resolves names and passes the addresses in ({@link OutboundHttp}), then
 * connects to exactly those addresses.
 */
@PureLogic
public final class OutboundPolicy {
    public static final String SETTING = "BUGMASTER_OUTBOUND_ALLOW";
    private static final int MAX_HOST = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** A last label that is a number makes the whole host an IPv4 spelling (as in the WHATWG URL standard). */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final Pattern CIDR_SHAPE = Pattern.compile("[^/]+/[0-9]{1,3}");
    /** One address in its plain form: four decimal numbers without leading zeros, or IPv6 without a zone. */
    private static final IPAddressStringParameters ONE_ADDRESS = strict(false);
    private static final IPAddressStringParameters ADDRESS_OR_CIDR = strict(true);

    private final boolean allowAll;
    private final List<String> hosts;
    private final List<IPAddress> ranges;

    private OutboundPolicy(boolean allowAll, List<String> hosts, List<IPAddress> ranges) {
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
        List<IPAddress> ranges = new ArrayList<>();
        for (String raw : setting.split(",")) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            String name = entry.endsWith(".") ? entry.substring(0, entry.length() - 1) : entry;
            if (entry.equals("*")) {
                all = true;
            } else if (entry.contains("/") || entry.contains(":") || looksNumeric(name)) {
                IPAddressString range = new IPAddressString(entry, ADDRESS_OR_CIDR);
                // the prefix is checked first: the library fails on a prefix length too long for an int
                if (entry.contains("/") && !CIDR_SHAPE.matcher(entry).matches() || !range.isValid() || range.getAddress() == null) {
                    throw new IllegalArgumentException(SETTING + ": '" + raw.strip() + "' is not a valid address or CIDR range"
                            + " (write IPv4 as four decimal numbers, e.g. 10.0.0.0/8, and IPv6 without a zone, e.g. fd00::/8)");
                }
                ranges.add(range.getAddress().toPrefixBlock());
            } else if (isHostName(name)) {
                hosts.add(name);
            } else {
                throw new IllegalArgumentException(SETTING + ": '" + raw.strip()
                        + "' is neither a host name, an IP address, a CIDR range (10.0.0.0/8, fd00::/8) nor *");
            }
        }
        return new OutboundPolicy(all, hosts, ranges);
    }

    /**
     * Everything that can be decided without DNS: scheme, credentials, how the host is written, and
     * for an IP address the address itself. Empty when the URL may be used (a host name still has
     * to pass {@link #refuseAddresses} once resolved).
     */
    public Optional<String> refuseUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("only http:// and https:// URLs can receive notifications, not '"
                    + (scheme.isEmpty() ? url.toString() : scheme + ":") + "'");
        }
        String authority = url.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return Optional.of("the URL has no host");
        }
        if (authority.contains("@")) {
            return Optional.of("the URL must not carry a user name or password before the host");
        }
        String host = url.getHost() != null ? url.getHost() : hostPart(authority);
        Optional<String> spelling = refuseHost(host);
        if (spelling.isPresent()) {
            return spelling;
        }
        if (url.getHost() == null) {
            return Optional.of("'" + authority + "' is not a valid host and port");
        }
        if (url.getPort() == 0 || url.getPort() > 65535) {
            return Optional.of("the port must be a number from 1 to 65535");
        }
        Optional<InetAddress> literal = literal(host);
        return literal.isPresent() ? refuseAddresses(host, List.of(literal.get())) : Optional.empty();
    }

    /** Whether the host name itself is on the allow list (then its addresses are not checked). */
    private boolean allowsHost(String host) {
        return allowAll || hosts.contains(unbracket(host).toLowerCase(Locale.ROOT));
    }

    /**
     * Checks the addresses {@code host} resolved to; empty when all may be used, otherwise a
     * message that says what was refused and how an admin allows it.
     */
    public Optional<String> refuseAddresses(String host, List<InetAddress> addresses) {
        if (allowsHost(host)) {
            return Optional.empty();
        }
        for (InetAddress resolved : addresses) {
            IPAddress address = toIpAddress(resolved);
            Optional<Refusal> refusal = refuse(address);
            if (refusal.isPresent()) {
                String ip = address.toCanonicalString();
                String name = unbracket(host);
                boolean literal = literal(host).isPresent();
                List<String> toAllow = refusal.get().toAllow().stream().map(IPAddress::toCanonicalString).toList();
                return Optional.of("refused to send to " + (literal ? ip : "'" + name + "' (" + ip + ")") + ": " + refusal.get().why()
                        + ". Private, local and other special-purpose targets are refused so that channel URLs cannot reach"
                        + " internal services; an admin can allow this one with " + SETTING + "="
                        + (literal ? "" : name + " (the host) or ") + String.join(",", toAllow)
                        + (toAllow.size() == 1 ? " or a CIDR range containing it" : " or CIDR ranges containing them"));
            }
        }
        return Optional.empty();
    }

    /** Why an address is refused, and the addresses an admin would have to allow to use it. */
    private record Refusal(String why, List<IPAddress> toAllow) {}

    private Optional<Refusal> refuse(IPAddress address) {
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped()) {
            return refuse(address.toIPv6().getEmbeddedIPv4Address()); // a socket connects to the IPv4 address itself
        }
        Optional<SpecialAddresses.Block> special = SpecialAddresses.find(address);
        Optional<IPv4Address> inner = special.flatMap(b -> b.embeddedIn(address));
        Optional<Refusal> innerRefusal = inner.flatMap(this::refuse);
        if (ranges.stream().anyMatch(r -> r.contains(address))) {
            return innerRefusal.map(r -> new Refusal("it carries the IPv4 address " + inner.get() + ", and " + r.why(), r.toAllow()));
        }
        return special.map(b -> {
            List<IPAddress> toAllow = new ArrayList<>(List.of(address));
            innerRefusal.ifPresent(r -> toAllow.addAll(r.toAllow()));
            return new Refusal("it is " + b.what() + inner.map(v4 -> ", which carries the IPv4 address " + v4).orElse(""), toAllow);
        });
    }

    /** The address an http(s) URL host spells (bracketed IPv6 or dotted IPv4), or empty for a name; no DNS. */
    public static Optional<InetAddress> literal(String host) {
        String h = unbracket(host);
        if (!h.contains(":") && !looksNumeric(h)) {
            return Optional.empty();
        }
        IPAddressString parsed = new IPAddressString(h, ONE_ADDRESS);
        if (!parsed.isValid()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(parsed.getAddress().getBytes()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address", e);
        }
    }

    /** Refuses host spellings that programs read differently, so that what is checked is what is meant. */
    private static Optional<String> refuseHost(String host) {
        if (host.startsWith("[")) {
            String inner = unbracket(host);
            if (inner.contains("%")) {
                return Optional.of("the IPv6 address '" + inner + "' carries a zone id (the part after %), which names a network"
                        + " interface of one machine; use the address without it");
            }
            return new IPAddressString(inner, ONE_ADDRESS).isIPv6() ? Optional.empty()
                    : Optional.of("'" + inner + "' is not a valid IPv6 address");
        }
        if (!host.chars().allMatch(c -> c < 0x80)) {
            return Optional.of("the host '" + host + "' is not written in ASCII; write an international domain name in its"
                    + " ASCII (punycode) form" + punycode(host).map(p -> ", here '" + p + "'").orElse(""));
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".") && h.length() > 1) {
            return Optional.of("write the host without the trailing dot: '" + h.substring(0, h.length() - 1) + "'");
        }
        if (looksNumeric(h)) {
            return new IPAddressString(h, ONE_ADDRESS).isIPv4() ? Optional.empty()
                    : Optional.of("'" + host + "' is not an IPv4 address in the usual form; write it as four decimal numbers"
                            + " without leading zeros (like 203.0.113.7), because other forms (a single number, octal, hex,"
                            + " fewer parts) are read differently by different programs");
        }
        return isHostName(h) ? Optional.empty()
                : Optional.of("'" + host + "' is not a valid host name (letters, digits and hyphens in dot-separated labels)");
    }

    private static boolean isHostName(String h) {
        if (h.isEmpty() || h.length() > MAX_HOST) {
            return false;
        }
        for (String label : h.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksNumeric(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return NUMERIC_LABEL.matcher(h.substring(h.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)).matches();
    }

    private static Optional<String> punycode(String host) {
        try {
            return Optional.of(IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The host of an authority java.net.URI could not split (user info already refused). */
    private static String hostPart(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    private static IPAddress toIpAddress(InetAddress address) {
        return address instanceof Inet4Address ? new IPv4Address(address.getAddress()) : new IPv6Address(address.getAddress());
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static IPAddressStringParameters strict(boolean prefix) {
        return new IPAddressStringParameters.Builder()
                .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowPrefix(prefix).allowPrefixOnly(false)
                .allowMask(false)
                .setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE)
                .getIPv4AddressParametersBuilder().allow_inet_aton(false).allowLeadingZeros(false).allowBinary(false)
                .getParentBuilder()
                .getIPv6AddressParametersBuilder().allowZone(false).allowBase85(false).allowBinary(false)
                .allowPrefixesBeyondAddressSize(false).getParentBuilder()
                .toParams();
    }
}
