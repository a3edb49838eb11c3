package io.bugmaster.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which addresses may become links on our pages. */
class WebAddressesTest {
    @Test
    void httpAndHttpsWithAHostAreLinks() {
        assertThat(WebAddresses.isHttp("https://grafana.example.com/d/orders?from=now-1h")).isTrue();
        assertThat(WebAddresses.isHttp("HTTP://example.com")).isTrue();
    }

    @Test
    void scriptsDataOtherSchemesHostlessAndBrokenAddressesAreNot() {
        assertThat(WebAddresses.isHttp("javascript:alert(1)")).isFalse();
        assertThat(WebAddresses.isHttp("JavaScript:alert(1)")).isFalse();
        assertThat(WebAddresses.isHttp("data:text/html,<script>alert(1)</script>")).isFalse();
        assertThat(WebAddresses.isHttp("ftp://example.com/x")).isFalse();
        assertThat(WebAddresses.isHttp("http://")).isFalse();
        assertThat(WebAddresses.isHttp("https:///path")).isFalse();
        assertThat(WebAddresses.isHttp("https://exa mple.com")).isFalse();
        assertThat(WebAddresses.isHttp("/orgs/acme")).isFalse();
        assertThat(WebAddresses.isHttp(null)).isFalse();
    }

    @Test
    void pathsOnThisServerAreLinksButProtocolRelativeOnesAreNot() {
        assertThat(WebAddresses.isHttpOrLocalPath("/orgs/acme/releases/shop@1.4.0")).isTrue();
        assertThat(WebAddresses.isHttpOrLocalPath("https://example.com")).isTrue();
        assertThat(WebAddresses.isHttpOrLocalPath("//evil.example/x")).isFalse();
        assertThat(WebAddresses.isHttpOrLocalPath("/\\evil.example/x")).isFalse();
        assertThat(WebAddresses.isHttpOrLocalPath("javascript:alert(1)")).isFalse();
        assertThat(WebAddresses.isHttpOrLocalPath(null)).isFalse();
    }
}
