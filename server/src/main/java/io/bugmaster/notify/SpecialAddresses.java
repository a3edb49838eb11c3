package io.bugmaster.notify;

import io.bugmaster.common.PureLogic;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The address blocks that are not ordinary public internet addresses: every entry of IANA's IPv4
 * and IPv6 Special-Purpose Address Registries (as of 2025, RFC 9780 included), multicast, the
 * deprecated IPv4-compatible and site-local IPv6 forms, and every IPv6 address outside 2000::/3
 * (the only block allocated for global unicast). Entries marked "globally reachable" in the
 * registries (PCP and TURN anycast, AS112, AMT, ORCHIDv2, NAT64, 6to4, Teredo) are listed too: no
 * notification receiver lives there, and several forward to an address the policy never saw.
 */
@PureLogic
final class SpecialAddresses {
    /** A special-purpose block, what to call it in a refusal, and the IPv4 address it carries, if any. */
    record Block(IPAddress block, String what, Function<IPv6Address, IPv4Address> embedded) {
        Optional<IPv4Address> embeddedIn(IPAddress address) {
            return embedded == null ? Optional.empty() : Optional.of(embedded.apply(address.toIPv6()));
        }
    }

    private static final IPAddress GLOBAL_UNICAST = new IPAddressString("2000::/3").getAddress();
    private static final Block OUTSIDE_GLOBAL_UNICAST = new Block(new IPAddressString("::/0").getAddress(),
            "an IPv6 address outside 2000::/3, the only block allocated for global unicast", null);

    /** Most specific first, so 192.0.0.9 is named as PCP anycast rather than as 192.0.0.0/24. */
    static final List<Block> BLOCKS = Stream.of(
            // IPv4 Special-Purpose Address Registry
            v("0.0.0.0/8", "an unspecified (\"this network\") address (0.0.0.0/8, RFC 791)"),
            v("0.0.0.0/32", "the unspecified address (0.0.0.0, \"this host on this network\", RFC 1122)"),
            v("10.0.0.0/8", "a private network address (10.0.0.0/8, RFC 1918)"),
            v("100.64.0.0/10", "a shared address space (carrier-grade NAT) address (100.64.0.0/10, RFC 6598)"),
            v("127.0.0.0/8", "a loopback address (127.0.0.0/8, RFC 1122)"),
            v("169.254.0.0/16", "a link-local address (169.254.0.0/16, RFC 3927)"),
            v("172.16.0.0/12", "a private network address (172.16.0.0/12, RFC 1918)"),
            v("192.0.0.0/24", "an IETF protocol assignment (192.0.0.0/24, RFC 6890)"),
            v("192.0.0.0/29", "an IPv4 service continuity (DS-Lite) address (192.0.0.0/29, RFC 7335)"),
            v("192.0.0.8/32", "the IPv4 dummy address (192.0.0.8, RFC 7600)"),
            v("192.0.0.9/32", "the Port Control Protocol anycast address (192.0.0.9, RFC 7723)"),
            v("192.0.0.10/32", "the TURN anycast address (192.0.0.10, RFC 8155)"),
            v("192.0.0.170/32", "a NAT64/DNS64 discovery address (192.0.0.170, RFC 8880)"),
            v("192.0.0.171/32", "a NAT64/DNS64 discovery address (192.0.0.171, RFC 8880)"),
            v("192.0.2.0/24", "a documentation address (TEST-NET-1, 192.0.2.0/24, RFC 5737)"),
            v("192.31.196.0/24", "an AS112 DNS service address (192.31.196.0/24, RFC 7535)"),
            v("192.52.193.0/24", "an AMT relay address (192.52.193.0/24, RFC 7450)"),
            v("192.88.99.0/24", "a deprecated 6to4 relay anycast address (192.88.99.0/24, RFC 7526)"),
            v("192.88.99.2/32", "the 6a44 relay anycast address (192.88.99.2, RFC 6751)"),
            v("192.168.0.0/16", "a private network address (192.168.0.0/16, RFC 1918)"),
            v("192.175.48.0/24", "an AS112 direct delegation address (192.175.48.0/24, RFC 7534)"),
            v("198.18.0.0/15", "a benchmarking address (198.18.0.0/15, RFC 2544)"),
            v("198.51.100.0/24", "a documentation address (TEST-NET-2, 198.51.100.0/24, RFC 5737)"),
            v("203.0.113.0/24", "a documentation address (TEST-NET-3, 203.0.113.0/24, RFC 5737)"),
            v("240.0.0.0/4", "a reserved address (240.0.0.0/4, RFC 1112)"),
            v("255.255.255.255/32", "the limited broadcast address (255.255.255.255, RFC 919)"),
            // IPv4 multicast (its own registry)
            v("224.0.0.0/4", "a multicast address (224.0.0.0/4, RFC 5771)"),
            // not in the registries, but the one address every SSRF goes for
            v("169.254.169.254/32", "the cloud metadata address (link-local, 169.254.169.254)"),

            // IPv6 Special-Purpose Address Registry
            v("::1/128", "the loopback address (::1, RFC 4291)"),
            v("::/128", "the unspecified address (::, RFC 4291)"),
            embedding("::/96", "a deprecated IPv4-compatible address (::/96, RFC 4291)", IPv6Address::getEmbeddedIPv4Address),
            embedding("64:ff9b::/96", "a NAT64 address (IPv4-IPv6 translation, 64:ff9b::/96, RFC 6052)",
                    IPv6Address::getEmbeddedIPv4Address),
            v("64:ff9b:1::/48", "a local-use NAT64 address (64:ff9b:1::/48, RFC 8215)"),
            v("100::/64", "a discard-only address (100::/64, RFC 6666)"),
            v("100:0:0:1::/64", "a dummy IPv6 prefix address (100:0:0:1::/64, RFC 9780)"),
            v("2001::/23", "an IETF protocol assignment (2001::/23, RFC 2928)"),
            v("2001::/32", "a Teredo tunnel address (2001::/32, RFC 4380)"),
            v("2001:1::1/128", "the Port Control Protocol anycast address (2001:1::1, RFC 7723)"),
            v("2001:1::2/128", "the TURN anycast address (2001:1::2, RFC 8155)"),
            v("2001:1::3/128", "the DNS-SD service registration anycast address (2001:1::3, RFC 9665)"),
            v("2001:2::/48", "a benchmarking address (2001:2::/48, RFC 5180)"),
            v("2001:3::/32", "an AMT relay address (2001:3::/32, RFC 7450)"),
            v("2001:4:112::/48", "an AS112 DNS service address (2001:4:112::/48, RFC 7535)"),
            v("2001:10::/28", "a deprecated ORCHID address (2001:10::/28, RFC 4843)"),
            v("2001:20::/28", "an ORCHIDv2 address (2001:20::/28, RFC 7343)"),
            v("2001:30::/28", "a drone remote ID entity tag (2001:30::/28, RFC 9374)"),
            v("2001:db8::/32", "a documentation address (2001:db8::/32, RFC 3849)"),
            embedding("2002::/16", "a 6to4 address (2002::/16, RFC 3056)", IPv6Address::get6To4IPv4Address),
            v("2620:4f:8000::/48", "an AS112 direct delegation address (2620:4f:8000::/48, RFC 7534)"),
            v("3fff::/20", "a documentation address (3fff::/20, RFC 9637)"),
            v("5f00::/16", "a segment routing (SRv6) SID (5f00::/16, RFC 9602)"),
            v("fc00::/7", "a private network (unique local) address (fc00::/7, RFC 4193)"),
            v("fe80::/10", "a link-local address (fe80::/10, RFC 4291)"),
            v("fec0::/10", "a deprecated site-local address (fec0::/10, RFC 3879)"),
            v("ff00::/8", "a multicast address (ff00::/8, RFC 4291)"))
            .sorted(Comparator.comparing((Block b) -> b.block().getPrefixLength()).reversed())
            .toList();

    private SpecialAddresses() {}

    /** The most specific special-purpose block holding {@code address}; empty for a public address. */
    static Optional<Block> find(IPAddress address) {
        for (Block b : BLOCKS) {
            if (b.block().contains(address)) {
                return Optional.of(b);
            }
        }
        return address.isIPv6() && !GLOBAL_UNICAST.contains(address) ? Optional.of(OUTSIDE_GLOBAL_UNICAST) : Optional.empty();
    }

    private static Block v(String cidr, String what) {
        return new Block(new IPAddressString(cidr).getAddress(), what, null);
    }

    private static Block embedding(String cidr, String what, Function<IPv6Address, IPv4Address> embedded) {
        return new Block(new IPAddressString(cidr).getAddress(), what, embedded);
    }
}
