package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The outbound policy's decisions as a pure function: addresses and URLs in, refusal (or none) out. */
class OutboundPolicyTest {
    private static final OutboundPolicy DEFAULT = OutboundPolicy.denyPrivate();

    private static Optional<String> check(OutboundPolicy policy, String host, String... addresses) {
        List<InetAddress> resolved = Arrays.stream(addresses).map(a -> OutboundPolicy.literal(a).orElseThrow()).toList();
        return policy.refuseAddresses(host, resolved);
    }

    /**
     * One address inside every entry of IANA's IPv4 and IPv6 special-purpose registries (and
     * multicast, the deprecated IPv6 forms, and IPv6 outside 2000::/3), with the block the refusal
     * must name. Written from the registries, not from the code's table.
     */
    static Stream<Arguments> specialPurposeAddresses() {
        return Stream.of(
                // IPv4 Special-Purpose Address Registry
                Arguments.of("0.1.2.3", "0.0.0.0/8"),
                Arguments.of("0.0.0.0", "(0.0.0.0,"),
                Arguments.of("10.1.2.3", "10.0.0.0/8"),
                Arguments.of("100.64.0.1", "100.64.0.0/10"),
                Arguments.of("100.127.255.255", "100.64.0.0/10"),
                Arguments.of("127.8.9.10", "127.0.0.0/8"),
                Arguments.of("169.254.1.1", "169.254.0.0/16"),
                Arguments.of("169.254.169.254", "cloud metadata address"),
                Arguments.of("172.16.0.1", "172.16.0.0/12"),
                Arguments.of("172.31.255.255", "172.16.0.0/12"),
                Arguments.of("192.0.0.200", "192.0.0.0/24"),
                Arguments.of("192.0.0.1", "192.0.0.0/29"),
                Arguments.of("192.0.0.8", "(192.0.0.8,"),
                Arguments.of("192.0.0.9", "(192.0.0.9,"),
                Arguments.of("192.0.0.10", "(192.0.0.10,"),
                Arguments.of("192.0.0.170", "(192.0.0.170,"),
                Arguments.of("192.0.0.171", "(192.0.0.171,"),
                Arguments.of("192.0.2.1", "192.0.2.0/24"),
                Arguments.of("192.31.196.1", "192.31.196.0/24"),
                Arguments.of("192.52.193.1", "192.52.193.0/24"),
                Arguments.of("192.88.99.1", "192.88.99.0/24"),
                Arguments.of("192.88.99.2", "(192.88.99.2,"),
                Arguments.of("192.168.1.1", "192.168.0.0/16"),
                Arguments.of("192.175.48.1", "192.175.48.0/24"),
                Arguments.of("198.18.0.1", "198.18.0.0/15"),
                Arguments.of("198.19.255.255", "198.18.0.0/15"),
                Arguments.of("198.51.100.1", "198.51.100.0/24"),
                Arguments.of("203.0.113.1", "203.0.113.0/24"),
                Arguments.of("240.0.0.1", "240.0.0.0/4"),
                Arguments.of("254.1.2.3", "240.0.0.0/4"),
                Arguments.of("255.255.255.255", "(255.255.255.255,"),
                Arguments.of("224.0.0.1", "224.0.0.0/4"),
                Arguments.of("239.255.255.250", "224.0.0.0/4"),
                // IPv6 Special-Purpose Address Registry
                Arguments.of("::1", "(::1,"),
                Arguments.of("::", "(::,"),
                Arguments.of("::10.0.0.1", "::/96"),
                Arguments.of("64:ff9b::a00:1", "64:ff9b::/96"),
                Arguments.of("64:ff9b::808:808", "64:ff9b::/96"),
                Arguments.of("64:ff9b:1::1", "64:ff9b:1::/48"),
                Arguments.of("100::1", "100::/64"),
                Arguments.of("100:0:0:1::1", "100:0:0:1::/64"),
                Arguments.of("2001:100::1", "2001::/23"),
                Arguments.of("2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::/32"),
                Arguments.of("2001:1::1", "(2001:1::1,"),
                Arguments.of("2001:1::2", "(2001:1::2,"),
                Arguments.of("2001:1::3", "(2001:1::3,"),
                Arguments.of("2001:2::1", "2001:2::/48"),
                Arguments.of("2001:3::1", "2001:3::/32"),
                Arguments.of("2001:4:112::1", "2001:4:112::/48"),
                Arguments.of("2001:10::1", "2001:10::/28"),
                Arguments.of("2001:20::1", "2001:20::/28"),
                Arguments.of("2001:30::1", "2001:30::/28"),
                Arguments.of("2001:db8::1", "2001:db8::/32"),
                Arguments.of("2002:a00:1::1", "2002::/16"),
                Arguments.of("2002:808:808::1", "2002::/16"),
                Arguments.of("2620:4f:8000::1", "2620:4f:8000::/48"),
                Arguments.of("3fff::1", "3fff::/20"),
                Arguments.of("3fff:fff:ffff::1", "3fff::/20"),
                Arguments.of("5f00::1", "5f00::/16"),
                Arguments.of("fc00::1", "fc00::/7"),
                Arguments.of("fd12:3456::1", "fc00::/7"),
                Arguments.of("fe80::1", "fe80::/10"),
                Arguments.of("fec0::1", "fec0::/10"),
                Arguments.of("ff02::1", "ff00::/8"),
                Arguments.of("4000::1", "2000::/3"),
                Arguments.of("::2:0:0:1", "2000::/3"),
                // IPv4-mapped IPv6 is its IPv4 address
                Arguments.of("::ffff:127.0.0.1", "127.0.0.0/8"),
                Arguments.of("::ffff:10.0.0.1", "10.0.0.0/8"),
                Arguments.of("::ffff:169.254.169.254", "cloud metadata address"));
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @MethodSource("specialPurposeAddresses")
    void refusesEverySpecialPurposeBlockAndNamesIt(String address, String block) {
        Optional<String> byLiteral = check(DEFAULT, address, address);
        assertThat(byLiteral).hasValueSatisfying(m -> assertThat(m).contains(block).contains("BUGMASTER_OUTBOUND_ALLOW="));
        assertThat(check(DEFAULT, "hooks.example.com", address)).hasValueSatisfying(m -> assertThat(m)
                .contains("'hooks.example.com' (").contains(block).contains("BUGMASTER_OUTBOUND_ALLOW=hooks.example.com (the host)"));
    }

    @Test
    void theTableAboveCoversEveryBlockThePolicyKnows() {
        List<String> addresses = specialPurposeAddresses().map(a -> (String) a.get()[0]).toList();
        for (SpecialAddresses.Block block : SpecialAddresses.BLOCKS) {
            boolean covered = addresses.stream().map(a -> new IPAddressString(a).getAddress())
                    .anyMatch(a -> SpecialAddresses.find(a).orElseThrow().equals(block));
            assertThat(covered).as("a test address whose most specific block is " + block.block()).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({"8.8.8.8", "1.1.1.1", "11.0.0.1", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.1", "192.0.1.1",
            "192.0.3.1", "192.169.0.1", "198.17.255.255", "198.20.0.0", "223.255.255.255", "2606:4700::1111", "2a00:1450::1",
            "2001:200::1", "2003::1", "3fff:1000::1", "::ffff:8.8.8.8"})
    void allowsPublicAddresses(String address) {
        assertThat(check(DEFAULT, address, address)).isEmpty();
        assertThat(check(DEFAULT, "hooks.example.com", address)).isEmpty();
    }

    @Test
    void everyResolvedAddressMustPass() {
        assertThat(check(DEFAULT, "mixed.example.com", "93.184.216.34", "10.0.0.5")).hasValueSatisfying(m -> assertThat(m)
                .contains("'mixed.example.com' (10.0.0.5)").contains("private network"));
        assertThat(check(DEFAULT, "public.example.com", "93.184.216.34", "2606:2800:220:1::1")).isEmpty();
    }

    @Test
    void theAllowListTakesHostsAddressesRangesAndEverything() {
        OutboundPolicy policy = OutboundPolicy.parse(" hooks.internal , 10.0.0.0/8, fd00::/8 ,192.168.1.7, mm.internal.");
        assertThat(check(policy, "hooks.internal", "10.9.9.9")).isEmpty();
        assertThat(check(policy, "HOOKS.INTERNAL", "127.0.0.1")).isEmpty();
        assertThat(check(policy, "mm.internal", "127.0.0.1")).isEmpty();
        assertThat(check(policy, "other.internal", "10.9.9.9")).isEmpty();
        assertThat(check(policy, "other.internal", "172.16.0.1")).isPresent();
        assertThat(check(policy, "v6.internal", "fd00::5")).isEmpty();
        assertThat(check(policy, "v6.internal", "fc00::5")).isPresent();
        assertThat(check(policy, "192.168.1.7", "192.168.1.7")).isEmpty();
        assertThat(check(policy, "192.168.1.8", "192.168.1.8")).isPresent();
        assertThat(check(policy, "x", "::ffff:10.1.1.1")).as("mapped IPv4 is matched by an IPv4 range").isEmpty();
        assertThat(check(OutboundPolicy.parse("*"), "x", "127.0.0.1", "169.254.169.254", "::1")).isEmpty();
    }

    @Test
    void aTranslatedAddressPassesOnlyWhenTheIpv4AddressItCarriesPassesToo() {
        OutboundPolicy nat64 = OutboundPolicy.parse("64:ff9b::/96,2002::/16");
        assertThat(check(nat64, "x", "64:ff9b::808:808")).as("public IPv4 through NAT64").isEmpty();
        assertThat(check(nat64, "x", "2002:808:808::1")).as("public IPv4 through 6to4").isEmpty();
        assertThat(check(nat64, "x", "64:ff9b::a00:1")).hasValueSatisfying(m -> assertThat(m)
                .contains("carries the IPv4 address 10.0.0.1").contains("private network").contains("BUGMASTER_OUTBOUND_ALLOW=x (the host) or 10.0.0.1"));
        assertThat(check(nat64, "x", "2002:7f00:1::1")).hasValueSatisfying(m -> assertThat(m).contains("127.0.0.1").contains("loopback"));
        assertThat(check(OutboundPolicy.parse("64:ff9b::/96,10.0.0.0/8"), "x", "64:ff9b::a00:1")).isEmpty();
        assertThat(check(DEFAULT, "64:ff9b::a00:1", "64:ff9b::a00:1")).hasValueSatisfying(m -> assertThat(m)
                .contains("NAT64").contains("10.0.0.1").contains("BUGMASTER_OUTBOUND_ALLOW=64:ff9b::a00:1,10.0.0.1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0/33 | '10.0.0.0/33'",
            "not a host | 'not a host'",
            "999.1.1.1 | '999.1.1.1'",
            "0x7f.1 | '0x7f.1'",
            "::1%lo | '::1%lo'",
            "10.0.0.* | '10.0.0.*'",
            "/2 | '/2'",
            "::/99999999999999999999992 | '::/99999999999999999999992'",
            "10.0.0.0/8,/2 | '/2'",
            "bücher.example | 'bücher.example'"})
    void aBadAllowEntryIsNamed(String setting, String named) {
        assertThatThrownBy(() -> OutboundPolicy.parse(setting)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BUGMASTER_OUTBOUND_ALLOW").hasMessageContaining(named);
    }

    /** URL in, decision out: empty cell means accepted, otherwise a fragment of the refusal. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "OK", value = {
            "https://hooks.slack.com/services/T0/B0/x | OK",
            "http://example.com:8080/hook | OK",
            "http://xn--bcher-kva.example/ | OK",
            "http://8.8.8.8/ | OK",
            "https://[2606:4700::1111]:8443/x | OK",
            "ftp://example.com/x | only http:// and https://",
            "file:///etc/passwd | only http:// and https://",
            "gopher://example.com/ | only http:// and https://",
            "javascript:alert(1) | only http:// and https://",
            "http:///nohost | no host",
            "https://user:pw@example.com/ | user name or password",
            "http://user@127.0.0.1/ | user name or password",
            "http://[::1%25lo]:1/ | zone id",
            "http://[fe80::1%25eth0]/ | zone id",
            "http://2130706433/ | four decimal numbers",
            "http://0x7f000001/ | four decimal numbers",
            "http://0x7f.0.0.1/ | four decimal numbers",
            "http://0177.0.0.1/ | four decimal numbers",
            "http://127.1/ | four decimal numbers",
            "http://1.2.3.4.5/ | four decimal numbers",
            "http://999.1.1.1/ | four decimal numbers",
            "http://example.com./ | without the trailing dot: 'example.com'",
            "http://127.0.0.1./ | without the trailing dot",
            "http://bücher.example/ | 'xn--bcher-kva.example'",
            "http://a_b.example/ | not a valid host name",
            "http://example.com:0/ | port",
            "http://example.com:99999/ | port",
            "http://127.0.0.1:8080/ | loopback",
            "http://[::1]/ | loopback",
            "http://[::ffff:127.0.0.1]/ | loopback",
            "http://[64:ff9b::10.0.0.1]/ | NAT64",
            "http://[2002:a00:1::1]/ | 6to4",
            "http://100.64.0.1/ | 100.64.0.0/10",
            "http://198.18.0.1/ | 198.18.0.0/15",
            "http://192.0.0.1/ | 192.0.0.0/29",
            "http://240.0.0.1/ | 240.0.0.0/4",
            "http://255.255.255.255/ | limited broadcast",
            "http://[2001:db8::1]/ | documentation",
            "http://169.254.169.254/latest/meta-data/ | cloud metadata"})
    void decidesUrls(String url, String refusal) throws URISyntaxException {
        Optional<String> decision = DEFAULT.refuseUrl(new URI(url));
        if (refusal == null) {
            assertThat(decision).isEmpty();
        } else {
            assertThat(decision).hasValueSatisfying(m -> assertThat(m).contains(refusal));
        }
    }

    @Test
    void anAllowedLiteralUrlPasses() throws URISyntaxException {
        OutboundPolicy loopback = OutboundPolicy.parse("127.0.0.0/8,::1");
        assertThat(loopback.refuseUrl(new URI("http://127.0.0.1:9/x"))).isEmpty();
        assertThat(loopback.refuseUrl(new URI("http://[::1]:9/x"))).isEmpty();
        assertThat(loopback.refuseUrl(new URI("http://[::1%25lo]:9/x"))).as("a zone id is refused even when the address is allowed")
                .hasValueSatisfying(m -> assertThat(m).contains("zone id"));
    }

    @Test
    void literalReadsOnlyPlainAddressesAndNeverLooksUpANameItself() {
        assertThat(OutboundPolicy.literal("[::1]")).hasValueSatisfying(a -> assertThat(a.isLoopbackAddress()).isTrue());
        assertThat(OutboundPolicy.literal("203.0.113.7")).hasValueSatisfying(a -> assertThat(a.getHostAddress()).isEqualTo("203.0.113.7"));
        assertThat(OutboundPolicy.literal("localhost")).isEmpty();
        assertThat(OutboundPolicy.literal("2130706433")).isEmpty();
        assertThat(OutboundPolicy.literal("[::1%lo]")).isEmpty();
    }

    @Test
    void theResolverStepRefusesLocalhostByName() {
        NotifyProperties props = NotificationTransportsTest.props(null, "http://unused");
        OutboundHttp http = new OutboundHttp(props, java.time.Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC));
        assertThat(http.refusal(URI.create("http://localhost:9/hook"))).hasValueSatisfying(m -> assertThat(m)
                .contains("'localhost'").contains("loopback"));
        assertThat(http.refusal(URI.create("http://[::1]:9/hook"))).isPresent();
        assertThat(http.refusal(URI.create("http://169.254.169.254/latest/meta-data/"))).hasValueSatisfying(m -> assertThat(m)
                .contains("metadata"));
    }

    @Test
    void retryAfterIsReadAsSecondsOrDate() {
        Instant now = Instant.parse("2026-11-21T08:00:00Z");
        assertThat(HttpOutcomes.retryAfter("120", now)).isEqualTo(Duration.ofMinutes(2));
        assertThat(HttpOutcomes.retryAfter("Sat, 21 Nov 2026 08:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(HttpOutcomes.retryAfter("soon", now)).isNull();
        assertThat(HttpOutcomes.retryAfter(null, now)).isNull();
    }

    @ParameterizedTest(name = "HTTP {0} permanent={1}")
    @CsvSource({"400, true", "401, true", "403, true", "404, true", "410, true", "301, true", "302, true",
            "408, false", "429, false", "500, false", "502, false", "503, false"})
    void statusesArePermanentOrTemporary(int status, boolean permanent) {
        assertThatThrownBy(() -> HttpOutcomes.classify("Slack", status, "x", "7", null, Instant.EPOCH))
                .isInstanceOfSatisfying(DeliveryException.class, e -> {
                    assertThat(e.permanent()).isEqualTo(permanent);
                    assertThat(e.httpStatus()).isEqualTo(status);
                    if (!permanent) {
                        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                    }
                });
    }
}
