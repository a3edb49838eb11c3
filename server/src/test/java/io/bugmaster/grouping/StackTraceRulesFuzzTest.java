package io.bugmaster.grouping;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Fuzzes the stack trace rules parser and matcher (seeds in StackTraceRulesFuzzTestInputs/). Any
 * text parses or is refused with a {@link RulesException} whose errors name lines
 * of the text; parsed rules mark any frames without failing, one decision per frame, and a rule
 * read back from its own source line is the same rule.
 */
class StackTraceRulesFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void rules(FuzzedDataProvider data) {
        String module = data.consumeString(80);
        String path = data.consumeString(120);
        String function = data.consumeString(40);
        Boolean sdkFlag = data.consumeBoolean() ? null : data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        int lines = text.split("\r\n|\r|\n", -1).length;
        StackTraceRules rules;
        try {
            rules = StackTraceRules.parse(text);
        } catch (RulesException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(err -> {
                assertThat(err.line()).isBetween(1, lines);
                assertThat(err.message()).isNotBlank();
            });
            return;
        }
        assertThat(rules.rules()).hasSizeLessThanOrEqualTo(StackTraceRules.MAX_RULES);
        for (StackTraceRules.Rule rule : rules.rules()) {
            assertThat(rule.line()).isBetween(1, lines);
            List<StackTraceRules.Rule> again = StackTraceRules.parse(rule.source()).rules();
            assertThat(again).hasSize(1);
            assertThat(again.get(0).matchers()).isEqualTo(rule.matchers());
            assertThat(again.get(0).actions()).isEqualTo(rule.actions());
        }
        GroupingFrame frame = new GroupingFrame("a.java", path, module, function, 1, sdkFlag, "java", null, null);
        List<List<GroupingFrame>> stacks = List.of(List.of(frame, GroupingFrame.of("java.lang.Thread", "run", null), frame));
        StackTraceRules.Marking marking = StackTraceRules.mark(stacks, "java", rules);
        assertThat(marking.decisions()).hasSize(1);
        assertThat(marking.decisions().get(0)).hasSize(3);
    }
}
