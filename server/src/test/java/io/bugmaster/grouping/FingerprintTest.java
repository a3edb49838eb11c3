package io.bugmaster.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static GroupingEvent javaEvent(List<String> fingerprint, String value, int line) {
        GroupingEvent base = Fixtures.javaProbeEvent(value, line, "probe@1.0.0");
        return GroupingEvent.builder().platform("java").exceptions(base.exceptions()).sdkFingerprint(fingerprint)
                .transaction("POST /checkout").level("error").logger("com.acme.Pay").tag("region", "eu-west-1").build();
    }

    private static GroupingResult group(GroupingEvent event) {
        return Strategies.current().group(event, FingerprintRules.none());
    }

    @Test
    void sdkFingerprintWithoutDefaultReplacesTheStackTrace() {
        GroupingResult a = group(javaEvent(List.of("payment-gateway-down"), "x", 14));
        GroupingResult b = group(GroupingEvent.builder().message("anything else").sdkFingerprint(List.of("payment-gateway-down")).build());

        assertThat(a.variant()).isEqualTo("fingerprint");
        assertThat(b.hash()).isEqualTo(a.hash());
        assertThat(a.components()).containsExactly(
                new Component("fingerprint", true, List.of("payment-gateway-down"), "fingerprint from the SDK"));
    }

    @Test
    void sdkFingerprintWithDefaultRefinesTheDefaultGrouping() {
        GroupingResult eu = group(javaEvent(List.of("{{ default }}", "eu"), "x", 14));
        GroupingResult euOtherLine = group(javaEvent(List.of("{{default}}", "eu"), "y", 30));
        GroupingResult us = group(javaEvent(List.of("{{ default }}", "us"), "x", 14));
        GroupingResult plain = group(javaEvent(null, "x", 14));

        assertThat(euOtherLine.hash()).isEqualTo(eu.hash());
        assertThat(us.hash()).isNotEqualTo(eu.hash());
        assertThat(eu.hash()).isNotEqualTo(plain.hash());
        assertThat(eu.contributing()).first().isEqualTo(new Component("fingerprint", true, List.of("{{ default }}", "eu"),
                "fingerprint from the SDK; {{ default }} is the default grouping below"));
        assertThat(eu.contributing()).extracting(Component::values).contains(List.of("SentryProbe", "main"));
    }

    @Test
    void onlyDefaultOrEmptyFingerprintIsTheDefaultGrouping() {
        GroupingResult plain = group(javaEvent(null, "x", 14));

        assertThat(group(javaEvent(List.of(), "x", 14)).hash()).isEqualTo(plain.hash());
        GroupingResult onlyDefault = group(javaEvent(List.of("{{ default }}"), "x", 14));
        assertThat(onlyDefault.hash()).isEqualTo(plain.hash());
        assertThat(onlyDefault.variant()).isEqualTo("stacktrace");
    }

    @Test
    void fingerprintVariablesTakeTheEventsValues() {
        GroupingResult result = group(javaEvent(List.of("{{ type }}", "{{ transaction }}", "{{ level }}", "{{ logger }}",
                "{{ tags.region }}", "{{ tags.missing }}", "{{ function }}", "{{ nonsense }}"), "x", 14));

        assertThat(result.contributing().get(0).values()).containsExactly("NumberFormatException", "POST /checkout", "error",
                "com.acme.Pay", "eu-west-1", "<no-value-for-tag-missing>", "forInputString", "{{ nonsense }}");
    }

    @Test
    void serverRuleWinsOverTheSdkFingerprintAndSaysSo() {
        FingerprintRules rules = FingerprintRules.parse("""
                # database trouble is one issue per region
                error.type:NumberFormat* tags.region:eu-* -> bad-number, {{ tags.region }} title="Bad number in {{ transaction }}"
                """);
        GroupingEvent event = javaEvent(List.of("from-sdk"), "x", 14);
        GroupingResult result = Strategies.current().group(event, rules);

        assertThat(result.variant()).isEqualTo("fingerprint");
        assertThat(result.components()).containsExactly(
                new Component("rule", false, List.of(
                        "error.type:NumberFormat* tags.region:eu-* -> bad-number, {{ tags.region }} title=\"Bad number in {{ transaction }}\""),
                        "matched server-side fingerprint rule at line 2"),
                new Component("sdk-fingerprint", false, List.of("from-sdk"), "SDK fingerprint overridden by the server-side rule"),
                new Component("fingerprint", true, List.of("bad-number", "eu-west-1"), "fingerprint from the rule at line 2"));
        assertThat(Grouper.group(event, rules).summary().title()).isEqualTo("Bad number in POST /checkout");
    }

    @Test
    void ruleThatDoesNotMatchLeavesTheSdkFingerprint() {
        FingerprintRules rules = FingerprintRules.parse("error.type:TimeoutException -> timeouts");

        assertThat(Strategies.current().group(javaEvent(List.of("from-sdk"), "x", 14), rules).components())
                .extracting(Component::type).containsExactly("fingerprint");
    }

    @Test
    void ruleWithDefaultKeepsTheStackTraceInTheHash() {
        FingerprintRules rules = FingerprintRules.parse("level:error -> errors, {{ default }}");
        GroupingResult a = Strategies.current().group(javaEvent(null, "x", 14), rules);
        GroupingResult other = Strategies.current().group(Fixtures.nodeProbeEvent("y", 6), rules);

        assertThat(a.hash()).isNotEqualTo(other.hash());
        assertThat(a.contributing()).extracting(Component::type).startsWith("fingerprint", "exception-type", "frame");
    }
}
