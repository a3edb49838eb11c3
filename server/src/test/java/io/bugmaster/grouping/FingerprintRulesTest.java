package io.bugmaster.grouping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintRulesTest {

    private static final GroupingEvent NODE = Fixtures.nodeProbeEvent("Expected property name or '}' in JSON at position 1", 6);

    private static RuleError onlyError(String text) {
        try {
            FingerprintRules.parse(text);
        } catch (RulesException e) {
            assertThat(e.errors()).hasSize(1);
            return e.errors().get(0);
        }
        throw new AssertionError("expected a parse error for: " + text);
    }

    @Test
    void parsesMatchersFingerprintAndTitle() {
        FingerprintRules rules = FingerprintRules.parse("""

                # comment
                  error.type:"Syntax Error" !app:no stack.abs_path:**/probe.js -> json, "with space", {{ default }} title="JSON broke"
                logger:com.acme.* -> acme
                """);

        assertThat(rules.rules()).hasSize(2);
        FingerprintRules.Rule rule = rules.rules().get(0);
        assertThat(rule.line()).isEqualTo(3);
        assertThat(rule.matchers()).containsExactly(
                new FingerprintRules.Matcher("type", "Syntax Error", false),
                new FingerprintRules.Matcher("app", "no", true),
                new FingerprintRules.Matcher("path", "**/probe.js", false));
        assertThat(rule.fingerprint()).containsExactly("json", "with space", "{{ default }}");
        assertThat(rule.title()).isEqualTo("JSON broke");
    }

    @Test
    void reportsEveryBadLineWithItsNumber() {
        assertThatThrownBy(() -> FingerprintRules.parse("""
                type:A -> a
                type:B a
                colour:red -> c
                type:C ->
                """))
                .isInstanceOf(RulesException.class)
                .satisfies(e -> assertThat(((RulesException) e).errors()).extracting(RuleError::line)
                        .containsExactly(2, 3, 4))
                .hasMessageContaining("line 2: missing '->'")
                .hasMessageContaining("line 3: unknown matcher 'colour'")
                .hasMessageContaining("line 4: no fingerprint after '->'");
    }

    @Test
    void explainsOtherMistakes() {
        assertThat(onlyError("-> x").message()).startsWith("no matcher before '->'");
        assertThat(onlyError("type -> x").message()).isEqualTo("expected matcher:value but found 'type'");
        assertThat(onlyError("type: -> x").message()).isEqualTo("matcher 'type' has no value");
        assertThat(onlyError("message:\"open -> x").message()).startsWith("missing '->'");
        assertThat(onlyError("message:\"open\" -> \"x").message()).startsWith("unterminated quoted value");
        assertThat(onlyError("app:maybe -> x").message()).isEqualTo("app: takes yes or no, not 'maybe'");
        assertThat(onlyError("family:cobol -> x").message()).startsWith("unknown family 'cobol'");
        assertThat(onlyError("type:A -> {{ colour }}").message()).startsWith("unknown fingerprint variable '{{ colour }}'");
        assertThat(onlyError("type:A -> {{ default").message()).isEqualTo("unterminated '{{' in the fingerprint");
        assertThat(onlyError("type:A -> x owner=bob").message()).startsWith("unknown attribute 'owner'");
        assertThat(onlyError("type:A -> title=\"T\" x").message()).startsWith("fingerprint part 'x' after the title");
        assertThat(onlyError("\n\n\ntype:A -> a b c title=").line()).isEqualTo(4);
    }

    @Test
    void blankTextIsNoRules() {
        assertThat(FingerprintRules.parse(null).isEmpty()).isTrue();
        assertThat(FingerprintRules.parse(" \n# only a comment\n").isEmpty()).isTrue();
    }

    @Test
    void firstMatchingRuleWins() {
        FingerprintRules rules = FingerprintRules.parse("""
                type:TypeError -> first
                type:Syntax* -> second
                type:* -> third
                """);

        assertThat(rules.match(NODE)).map(FingerprintRules.Rule::line).contains(2);
    }

    @Test
    void frameMatchersMustHoldForOneFrame() {
        assertThat(FingerprintRules.parse("module:probe function:JSON.parse -> x").match(NODE)).isEmpty();
        assertThat(FingerprintRules.parse("module:<anonymous> function:JSON.parse app:no -> x").match(NODE)).isPresent();
        assertThat(FingerprintRules.parse("path:/app/*.js app:yes family:javascript -> x").match(NODE)).isPresent();
        assertThat(FingerprintRules.parse("path:node:internal/*/cjs/* -> x").match(NODE)).isPresent();
        assertThat(FingerprintRules.parse("path:node:internal/* function:Module._load -> x").match(NODE)).isEmpty();
        assertThat(FingerprintRules.parse("path:node:internal/** function:Module._load -> x").match(NODE)).isPresent();
    }

    @Test
    void eventMatchers() {
        GroupingEvent event = GroupingEvent.builder().message("Disk full on /dev/sda1").level("warning").logger("ops.disk")
                .transaction("nightly").release("app@2.0.1").environment("staging").tag("region", "eu-west-1").build();

        assertThat(FingerprintRules.parse("message:\"disk full *\" -> x").match(event)).isPresent();
        assertThat(FingerprintRules.parse("level:warning logger:ops.* transaction:nightly -> x").match(event)).isPresent();
        assertThat(FingerprintRules.parse("release:app@2.* environment:staging tags.region:eu-?est-1 -> x").match(event)).isPresent();
        assertThat(FingerprintRules.parse("!tags.region:eu-* -> x").match(event)).isEmpty();
        assertThat(FingerprintRules.parse("tags.team:* -> x").match(event)).isEmpty();
        assertThat(FingerprintRules.parse("!tags.team:* -> x").match(event)).isPresent();
        assertThat(FingerprintRules.parse("level:error -> x").match(GroupingEvent.builder().build())).isPresent();
        assertThat(FingerprintRules.parse("error.value:*position* -> x").match(NODE)).isPresent();
        assertThat(FingerprintRules.parse("message:*position* -> x").match(NODE)).isPresent();
    }

    @Test
    void globs() {
        assertThat(Glob.of("a*c").matches("a/b/c")).isTrue();
        assertThat(Glob.path("a/*/c").matches("a/b/c")).isTrue();
        assertThat(Glob.path("a/*").matches("a/b/c")).isFalse();
        assertThat(Glob.path("a/**").matches("a/b/c")).isTrue();
        assertThat(Glob.path("**/c.js").matches("c.js")).isTrue();
        assertThat(Glob.of("f?o").matches("FOO")).isTrue();
        assertThat(Glob.of("a\\*").matches("a*")).isTrue();
        assertThat(Glob.of("a\\*").matches("ab")).isFalse();
        assertThat(Glob.of("*a*a*a*a*a*a*b").matches("a".repeat(100_000))).isFalse();
    }

    @Test
    void ruleListIsReturnedInOrder() {
        assertThat(FingerprintRules.parse("type:A -> a\ntype:B -> b").rules()).extracting(FingerprintRules.Rule::fingerprint)
                .containsExactly(List.of("a"), List.of("b"));
    }
}
