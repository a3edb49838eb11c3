package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OutboundPolicyTest {
    private static final OutboundPolicy DEFAULT = OutboundPolicy.denyPrivate();

    private static Optional<String> check(OutboundPolicy policy, String host, String... addresses) {
        List<InetAddress> resolved = java.util.Arrays.stream(addresses).map(OutboundPolicy::literal).toList();
        return policy.refuseAddresses(host, resolved);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "127.0.0.1, loopback",
            "127.8.9.10, loopback",
            "::1, loopback",
            "10.1.2.3, private",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.168.1.1, private",
            "fd12:3456::1, private",
            "fc00::1, private",
            "169.254.169.254, metadata",
            "169.254.1.1, link-local",
            "fe80::1, link-local",
            "0.0.0.0, unspecified",
            "::, unspecified",
            "224.0.0.1, multicast",
            "ff02::1, multicast",
            "::ffff:127.0.0.1, loopback",
            "::ffff:10.0.0.1, private",
            "::ffff:169.254.169.254, metadata",
    })
    void refusesLocalAndPrivateAddresses(String address, String why) {
        Optional<String> refused = check(DEFAULT, address, address);
        assertThat(refused).isPresent();
        assertThat(refused.get()).contains(why).contains("BUGMASTER_OUTBOUND_ALLOW");
    }

    @ParameterizedTest
    @CsvSource({"8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "2606:4700::1111", "100.64.0.1", "11.0.0.1"})
    void allowsPublicAddresses(String address) {
        assertThat(check(DEFAULT, address, address)).isEmpty();
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedAndTheMessageNamesHostAndAddress() {
        Optional<String> refused = check(DEFAULT, "evil.example.com", "127.0.0.1");
        assertThat(refused).hasValueSatisfying(m -> assertThat(m)
                .contains("'evil.example.com' (127.0.0.1)").contains("loopback")
                .contains("BUGMASTER_OUTBOUND_ALLOW=evil.example.com"));
    }

    @Test
    void everyResolvedAddressMustPass() {
        assertThat(check(DEFAULT, "mixed.example.com", "93.184.216.34", "10.0.0.5")).isPresent();
        assertThat(check(DEFAULT, "public.example.com", "93.184.216.34", "2606:2800:220:1::1")).isEmpty();
    }

    @Test
    void theAllowListTakesHostsAddressesRangesAndEverything() {
        OutboundPolicy policy = OutboundPolicy.parse(" hooks.internal , 10.0.0.0/8, fd00::/8 ,192.168.1.7");
        assertThat(check(policy, "hooks.internal", "10.9.9.9")).isEmpty();
        assertThat(check(policy, "HOOKS.INTERNAL.", "127.0.0.1")).isEmpty();
        assertThat(check(policy, "other.internal", "10.9.9.9")).isEmpty();
        assertThat(check(policy, "other.internal", "172.16.0.1")).isPresent();
        assertThat(check(policy, "v6.internal", "fd00::5")).isEmpty();
        assertThat(check(policy, "v6.internal", "fc00::5")).isPresent();
        assertThat(check(policy, "192.168.1.7", "192.168.1.7")).isEmpty();
        assertThat(check(policy, "192.168.1.8", "192.168.1.8")).isPresent();
        assertThat(check(policy, "x", "::ffff:10.1.1.1")).as("mapped IPv4 is matched by an IPv4 range").isEmpty();
        assertThat(check(OutboundPolicy.parse("*"), "x", "127.0.0.1", "169.254.169.254")).isEmpty();
    }

    @Test
    void aBadAllowEntryIsNamed() {
        assertThatThrownBy(() -> OutboundPolicy.parse("10.0.0.0/33")).hasMessageContaining("'10.0.0.0/33'").hasMessageContaining("prefix");
        assertThatThrownBy(() -> OutboundPolicy.parse("not a host")).hasMessageContaining("'not a host'");
        assertThatThrownBy(() -> OutboundPolicy.parse("999.1.1.1")).hasMessageContaining("'999.1.1.1'");
    }

    @ParameterizedTest
    @CsvSource({"ftp://example.com/x", "file:///etc/passwd", "gopher://example.com/", "javascript:alert(1)", "http:///nohost",
            "https://user:pw@example.com/"})
    void refusesOtherSchemesAndOddUrls(String url) {
        assertThat(DEFAULT.refuseUrl(URI.create(url))).isPresent();
    }

    @Test
    void acceptsHttpAndHttps() {
        assertThat(DEFAULT.refuseUrl(URI.create("https://hooks.slack.com/services/T0/B0/x"))).isEmpty();
        assertThat(DEFAULT.refuseUrl(URI.create("http://example.com:8080/hook"))).isEmpty();
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
