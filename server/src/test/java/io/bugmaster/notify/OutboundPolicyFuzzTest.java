package io.bugmaster.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fuzzes the outbound URL policy (seeds in OutboundPolicyFuzzTestInputs/), checking its decisions
 * against the JDK's own address classification: whatever the URL or address, the policy answers
 * without an exception, never accepts what the JDK calls loopback, private, link-local, unspecified
 * or multicast, and an allow-everything policy accepts everything the default accepts.
 */
class OutboundPolicyFuzzTest {
    private static final OutboundPolicy DEFAULT = OutboundPolicy.denyPrivate();
    private static final OutboundPolicy EVERYTHING = OutboundPolicy.parse("*");

    /** What the JDK itself knows is not a public address (a subset of what the policy refuses). */
    private static boolean jdkSaysLocal(InetAddress a) {
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress();
    }

    @FuzzTest(maxDuration = "10m")
    void url(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            return;
        }
        Optional<String> refused = DEFAULT.refuseUrl(url);
        if (refused.isPresent()) {
            assertThat(refused.get()).isNotBlank().hasSizeLessThanOrEqualTo(2 * text.length() + 600);
            return;
        }
        assertThat(EVERYTHING.refuseUrl(url)).isEmpty();
        assertThat(url.getScheme().toLowerCase(Locale.ROOT)).isIn("http", "https");
        assertThat(url.getHost()).isNotNull();
        assertThat(url.getRawUserInfo()).isNull();
        assertThat(url.getPort()).isBetween(-1, 65535).isNotZero();
        Optional<InetAddress> literal = OutboundPolicy.literal(url.getHost());
        if (literal.isPresent()) {
            assertThat(jdkSaysLocal(literal.get())).as("accepted %s", literal.get()).isFalse();
        } else {
            assertThat(url.getHost()).matches("[A-Za-z0-9.-]+").doesNotEndWith(".");
        }
    }

    @FuzzTest(maxDuration = "10m")
    void resolvedAddresses(FuzzedDataProvider data) throws UnknownHostException {
        String setting = data.consumeString(64);
        OutboundPolicy policy;
        try {
            policy = OutboundPolicy.parse(setting);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains(OutboundPolicy.SETTING);
            policy = DEFAULT;
        }
        byte[] bytes = data.consumeBytes(data.consumeBoolean() ? 4 : 16);
        if (bytes.length != 4 && bytes.length != 16) {
            return;
        }
        InetAddress address = InetAddress.getByAddress(bytes);
        Optional<String> byDefault = DEFAULT.refuseAddresses("hooks.example.com", List.of(address));
        if (jdkSaysLocal(address)) {
            assertThat(byDefault).as("%s", address).isPresent();
        }
        byDefault.ifPresent(m -> assertThat(m).contains(OutboundPolicy.SETTING + "=hooks.example.com (the host)"));
        if (byDefault.isEmpty()) {
            assertThat(policy.refuseAddresses("hooks.example.com", List.of(address))).as("allowing more never refuses more").isEmpty();
        }
        assertThat(EVERYTHING.refuseAddresses("hooks.example.com", List.of(address))).isEmpty();
    }
}
