package io.bugmaster.web;

import io.bugmaster.common.PureLogic;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The addresses whose {@code X-Forwarded-*} headers Bugmaster believes ({@code BUGMASTER_TRUSTED_PROXIES}):
 * IP addresses and CIDR ranges separated by commas or spaces, or {@code none}. Only literal
 * addresses: a host name would need a DNS lookup, and its answer can change under the server.
 */
@PureLogic
public record TrustedProxies(List<String> ranges) {
    /** The proxy on the same machine: only a process that already runs there can connect from these. */
    public static final String LOOPBACK = "127.0.0.0/8, ::1";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public TrustedProxies {
        ranges = List.copyOf(ranges);
    }

    public static TrustedProxies parse(String setting) {
        String value = setting == null ? "" : setting.strip();
        if (value.isEmpty() || value.toLowerCase(Locale.ROOT).equals("none")) {
            return new TrustedProxies(List.of());
        }
        List<String> ranges = new ArrayList<>();
        for (String entry : value.split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                ranges.add(range(entry));
            }
        }
        return new TrustedProxies(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The ranges as Tomcat's RemoteIpValve takes them: every entry with its prefix length. */
    public String cidrList() {
        return String.join(", ", ranges);
    }

    /** Whether the text is an IP address literal (so using it never needs a DNS lookup). */
    public static boolean isAddress(String text) {
        try {
            literal(text, text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String range(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress parsed = literal(address, entry);
        int bits = parsed instanceof Inet4Address ? 32 : 128;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw invalid(entry, "the prefix length after / must be 0 to " + bits);
            }
        }
        return parsed.getHostAddress() + "/" + prefix;
    }

    /** Parses a literal address without ever asking DNS (which InetAddress.getByName does for anything it cannot parse). */
    private static InetAddress literal(String address, String entry) {
        try {
            if (IPV4.matcher(address).matches()) {
                String[] parts = address.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(parts[i]);
                    if (octet > 255 || (parts[i].length() > 1 && parts[i].startsWith("0"))) {
                        throw invalid(entry, "not an IPv4 address");
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            if (IPV6.matcher(address).matches()) {
                // text with a colon is only ever parsed as an IPv6 literal
                return InetAddress.getByName(address);
            }
        } catch (UnknownHostException e) {
            throw invalid(entry, "not an IP address");
        }
        throw invalid(entry, "give IP addresses or CIDR ranges such as 10.0.0.0/8, not host names");
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException("BUGMASTER_TRUSTED_PROXIES: '" + entry + "' is not valid: " + why);
    }
}
