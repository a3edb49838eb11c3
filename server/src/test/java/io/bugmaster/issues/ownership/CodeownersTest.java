package io.bugmaster.issues.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodeownersTest {

    static Stream<Arguments> patterns() {
        return Stream.of(
                Arguments.of("*", "*"),
                Arguments.of("*.js", "*.js"),
                Arguments.of("/docs/", "*/docs/*"),
                Arguments.of("apps/", "*/apps/*"),
                Arguments.of("/build/logs/**", "*/build/logs/*"),
                Arguments.of("**/logs", "*/logs|*/logs/*"),
                Arguments.of("/src/app/Main.java", "*/src/app/Main.java"),
                Arguments.of("docs/*.md", "*/docs/*.md"),
                Arguments.of("/", "*"),
                Arguments.of("**/", "*"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("patterns")
    void patternsBecomeGlobsThatMatchAtAnyDepth(String pattern, String globs) {
        assertThat(String.join("|", Codeowners.globs(pattern))).isEqualTo(globs);
    }

    static final String FILE = """
            # Global owners
            *       @acme/platform

            /src/components/cart/   @acme/web @octocat   # the cart
            *.py    dev@example.com
            /docs/
            /infra/ @ghost
            [Section]
            """;

    @Test
    void ownersAreMappedAndTheUnmappedAreReported() {
        Map<String, String> mapping = Codeowners.parseMapping("""
                # GitHub -> Bugmaster
                @acme/platform = #platform
                @ACME/web = #web
                """);
        Codeowners.Import imported = Codeowners.convert(FILE, mapping);
        assertThat(imported.rules()).isEqualTo("""
                path:* #platform
                path:*/src/components/cart/* #web
                path:*.py dev@example.com
                """);
        assertThat(imported.ruleCount()).isEqualTo(3);
        assertThat(imported.unmapped()).containsExactly(new Codeowners.Unmapped("@octocat", java.util.List.of(4)),
                new Codeowners.Unmapped("@ghost", java.util.List.of(7)));
        assertThat(imported.problems()).extracting(OwnershipRules.LineError::line).containsExactly(6, 7);
        assertThat(imported.complete()).isFalse();
        // the result is valid ownership rules text, and matches a real JS frame
        OwnershipRules rules = OwnershipRules.parse(imported.rules());
        EventOwnershipFacts facts = OwnershipRulesTest.facts(OwnershipRulesTest.JS);
        assertThat(rules.match(facts).orElseThrow().owners().get(0).text()).isEqualTo("#web");
        assertThat(rules.match(OwnershipRulesTest.facts(OwnershipRulesTest.PYTHON)).orElseThrow().owners().get(0).text())
                .isEqualTo("dev@example.com");
    }

    @Test
    void badMappingLinesAreNamed() {
        assertThatThrownBy(() -> Codeowners.parseMapping("@ok = #ok\nnonsense\n@x = bob"))
                .isInstanceOf(OwnershipRulesException.class)
                .hasMessageContaining("line 2: expected '<code owner> = <email or #team>'")
                .hasMessageContaining("line 3: 'bob' is not a Bugmaster owner");
    }
}
