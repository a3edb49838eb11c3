package io.bugmaster.issues.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fuzzes the ownership rules parser and the CODEOWNERS import (seeds in
 * OwnershipRulesFuzzTestInputs/). Rules text parses, or every error names a line of the text; a
 * rule read back from its own text is the same rule. A CODEOWNERS import never fails and always
 * produces rules that the ownership parser accepts, as many as it says.
 */
class OwnershipRulesFuzzTest {
    /** Separates the mapping text from the CODEOWNERS file in one fuzz input. */
    private static final String SEPARATOR = "\n===\n";

    private static int lineCount(String text) {
        return text.split("\\r\\n|\\r|\\n", -1).length;
    }

    @FuzzTest(maxDuration = "10m")
    void rules(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        OwnershipRules.Parsed parsed = OwnershipRules.tryParse(text);
        if (!parsed.ok()) {
            assertThat(parsed.rules().isEmpty()).isTrue();
            int lines = text.length() > OwnershipRules.MAX_LENGTH ? 1 : lineCount(text);
            assertThat(parsed.errors()).allSatisfy(e -> {
                assertThat(e.line()).isBetween(1, lines);
                assertThat(e.message()).isNotBlank();
            });
            return;
        }
        for (OwnershipRules.Rule rule : parsed.rules().rules()) {
            assertThat(rule.line()).isBetween(1, lineCount(text));
            assertThat(rule.owners()).isNotEmpty();
            OwnershipRules again = OwnershipRules.parse(rule.text());
            assertThat(again.rules()).hasSize(1);
            OwnershipRules.Rule reread = again.rules().get(0);
            assertThat(reread.matcherType()).isEqualTo(rule.matcherType());
            assertThat(reread.pattern()).isEqualTo(rule.pattern());
            assertThat(reread.owners()).isEqualTo(rule.owners());
        }
    }

    @FuzzTest(maxDuration = "10m")
    void codeownersImport(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int cut = text.indexOf(SEPARATOR);
        String mappingText = cut < 0 ? "" : text.substring(0, cut);
        String codeowners = cut < 0 ? text : text.substring(cut + SEPARATOR.length());

        Map<String, String> mapping;
        try {
            mapping = Codeowners.parseMapping(mappingText);
        } catch (OwnershipRulesException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(err -> assertThat(err.line()).isBetween(1, lineCount(mappingText)));
            mapping = Map.of();
        }
        mapping.forEach((from, to) -> {
            assertThat(from).isEqualTo(from.toLowerCase(Locale.ROOT)).doesNotContainAnyWhitespaces();
            assertThat(to).isEqualTo(to.toLowerCase(Locale.ROOT)).doesNotContainAnyWhitespaces();
        });

        Codeowners.Import imported = Codeowners.convert(codeowners, mapping);
        OwnershipRules.Parsed rules = OwnershipRules.tryParse(imported.rules());
        assertThat(rules.errors()).as("the imported rules:\n%s", imported.rules()).isEmpty();
        assertThat(rules.rules().rules()).hasSize(imported.ruleCount());
        int lines = lineCount(codeowners);
        assertThat(imported.problems()).allSatisfy(p -> assertThat(p.line()).isBetween(1, lines));
        List<Integer> unmappedLines = imported.unmapped().stream().flatMap(u -> u.lines().stream()).collect(Collectors.toList());
        assertThat(unmappedLines).allSatisfy(line -> assertThat(line).isBetween(1, lines));
    }
}
