package io.bugmaster.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The layering rules of DESIGN.md, checked on every build: each {@link HouseRule} holds for the
 * product, and each flags its deliberately broken example (so no rule passes by matching nothing):
 * under {@code examples.architecture.<rule>} in the test sources, every {@code Broken*} class is
 * reported and nothing else is (the {@code Allowed*} classes show what the rule lets through).
 */
class ArchitectureTest {
    private static final String ROOT = "io.bugmaster";
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @ParameterizedTest
    @EnumSource(HouseRule.class)
    void holdsForTheProduct(HouseRule rule) {
        rule.under(ROOT).check(PRODUCT);
    }

    @ParameterizedTest
    @EnumSource(HouseRule.class)
    void flagsItsBrokenExample(HouseRule rule) {
        String root = rule.examplePackage();
        JavaClasses example = new ClassFileImporter().importPackages(root);
        assertThat(example).as("the broken example of " + rule + " under " + root).isNotEmpty();
        EvaluationResult result = rule.under(root).evaluate(example);
        assertThat(result.hasViolation()).as(rule + " flags its broken example").isTrue();
        List<String> details = result.getFailureReport().getDetails();
        Pattern exampleClass = Pattern.compile(Pattern.quote(root) + "\\.[\\w.]*?\\.([A-Z]\\w*)");
        for (String detail : details) {
            Matcher first = exampleClass.matcher(detail);
            assertThat(first.find() && first.group(1).startsWith("Broken")).as(rule + " reports only Broken* classes: " + detail)
                    .isTrue();
        }
        List<String> broken = example.stream().filter(c -> c.getSimpleName().startsWith("Broken")).map(c -> c.getName())
                .toList();
        assertThat(broken).as("broken classes of " + rule).isNotEmpty()
                .allSatisfy(name -> assertThat(String.join("\n", details)).as(rule + " reports " + name).contains(name));
    }
}
