package io.bugmaster.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    @Test
    void addressesAndRangesGetTheirPrefixLength() {
        assertThat(TrustedProxies.parse("10.0.0.0/8, 192.168.1.10 ::1,fd00::/8").cidrList())
                .isEqualTo("10.0.0.0/8, 192.168.1.10/32, 0:0:0:0:0:0:0:1/128, fd00:0:0:0:0:0:0:0/8");
        assertThat(TrustedProxies.parse(TrustedProxies.LOOPBACK).cidrList()).isEqualTo("127.0.0.0/8, 0:0:0:0:0:0:0:1/128");
    }

    @Test
    void noneOrNothingTrustsNoProxy() {
        assertThat(TrustedProxies.parse("none").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(" NONE ").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(null).isEmpty()).isTrue();
    }

    @Test
    void hostNamesAndMalformedEntriesAreRefusedWithoutALookup() {
        for (String bad : new String[] {"proxy.example.com", "localhost", "300.1.1.1", "010.0.0.1", "10.0.0.0/33", "::1/129",
                "10.0.0.0/x", "10.0.0.1/", "1.2.3", "fe80::1%eth0", "::g"}) {
            assertThatThrownBy(() -> TrustedProxies.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("BUGMASTER_TRUSTED_PROXIES: '" + bad + "' is not valid");
        }
    }
}
