package io.bugmaster.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintPreviewTest {

    private static final GroupingEvent NODE = Fixtures.nodeProbeEvent("Expected property name or '}' in JSON at position 1", 6);

    @Test
    void noRulesGiveTheDefaultGroup() {
        FingerprintPreview.Result result = FingerprintPreview.of(NODE, "  \n");
        assertThat(result.errors()).isEmpty();
        assertThat(result.matched()).isEmpty();
        assertThat(result.changesGrouping()).isFalse();
        assertThat(result.withRules()).isEqualTo(result.byDefault());
        assertThat(result.byDefault().hash()).isEqualTo(Grouper.group(NODE).result().hash());
    }

    @Test
    void theFirstMatchingRuleSetsTheFingerprintHashAndTitle() {
        FingerprintPreview.Result result = FingerprintPreview.of(NODE, """
                # not this one
                error.type:NoSuchError -> other
                error.type:SyntaxError -> json-errors title="JSON broke"
                error.type:* -> everything
                """);
        assertThat(result.errors()).isEmpty();
        assertThat(result.matched()).map(FingerprintRules.Rule::line).contains(3);
        assertThat(result.withRules().variant()).isEqualTo(GroupingResult.FINGERPRINT);
        assertThat(result.fingerprint()).contains("json-errors");
        assertThat(result.changesGrouping()).isTrue();
        assertThat(result.withRules().hash()).matches("[0-9a-f]{32}").isNotEqualTo(result.byDefault().hash());
        assertThat(result.title()).isEqualTo("JSON broke");
        // the same rules give the same hash as ingestion would
        assertThat(result.withRules().hash()).isEqualTo(Grouper.group(NODE, FingerprintRules.parse(
                "error.type:SyntaxError -> json-errors")).result().hash());
    }

    @Test
    void aRuleWithTheDefaultKeepsTheDefaultValuesInTheFingerprint() {
        FingerprintPreview.Result result = FingerprintPreview.of(NODE, "error.type:SyntaxError -> {{ default }}, extra");
        assertThat(result.matched()).isPresent();
        assertThat(result.changesGrouping()).isTrue();
    }

    @Test
    void rulesThatDoNotMatchLeaveTheDefault() {
        FingerprintPreview.Result result = FingerprintPreview.of(NODE, "error.type:NoSuchError -> other");
        assertThat(result.matched()).isEmpty();
        assertThat(result.changesGrouping()).isFalse();
        assertThat(result.defaultValues()).isNotEmpty();
    }

    @Test
    void rulesThatDoNotParseGiveTheirErrorsAndTheDefault() {
        FingerprintPreview.Result result = FingerprintPreview.of(NODE, "error.type:A -> a\ncolour:red -> c");
        assertThat(result.errors()).extracting(RuleError::line).containsExactly(2);
        assertThat(result.matched()).isEmpty();
        assertThat(result.withRules()).isEqualTo(result.byDefault());
    }
}
