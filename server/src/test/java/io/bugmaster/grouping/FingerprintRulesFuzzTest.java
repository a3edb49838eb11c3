package io.bugmaster.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the fingerprint rules parser (seeds in FingerprintRulesFuzzTestInputs/). Any text parses
 * or is refused with a {@link RulesException} whose errors name lines of the text; a
 * rule read back from its own source line is the same rule.
 */
class FingerprintRulesFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void rules(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int lines = text.split("\r\n|\r|\n", -1).length;
        FingerprintRules rules;
        try {
            rules = FingerprintRules.parse(text);
        } catch (RulesException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(err -> {
                assertThat(err.line()).isBetween(1, lines);
                assertThat(err.message()).isNotBlank();
            });
            return;
        }
        for (FingerprintRules.Rule rule : rules.rules()) {
            assertThat(rule.line()).isBetween(1, lines);
            assertThat(rule.matchers()).isNotEmpty();
            assertThat(rule.fingerprint()).isNotEmpty();
            FingerprintRules again = FingerprintRules.parse(rule.source());
            assertThat(again.rules()).hasSize(1);
            FingerprintRules.Rule reread = again.rules().get(0);
            assertThat(reread.matchers()).isEqualTo(rule.matchers());
            assertThat(reread.fingerprint()).isEqualTo(rule.fingerprint());
            assertThat(reread.title()).isEqualTo(rule.title());
        }
    }
}
