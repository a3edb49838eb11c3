package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.List;
import java.util.Optional;

/**
 * What a project's fingerprint rules would do to one event, before they are saved: which rule
 * matches, the fingerprint and grouping hash the current strategy gives with those rules, and what
 * it gives without any rule (the default). Rules that do not parse give their errors and no
 * rules result.
 */
@PureLogic
public final class FingerprintPreview {

    private FingerprintPreview() {}

    /**
     * @param errors   the rules' parse errors (then {@code matched} is empty and {@code withRules} is the default)
     * @param matched  the first rule that matches the event, if any
     * @param withRules the current strategy's result with the rules
     * @param byDefault the current strategy's result with no rules
     * @param title    the issue title with the rules (a rule's {@code title=} replaces the default title)
     */
    public record Result(List<RuleError> errors, Optional<FingerprintRules.Rule> matched,
            GroupingResult withRules, GroupingResult byDefault, String title) {

        public Result {
            errors = List.copyOf(errors);
        }

        /** True when the rules put the event in another group than the default would. */
        public boolean changesGrouping() {
            return !withRules.hash().equals(byDefault.hash());
        }

        /** The values that made the hash with the rules (the fingerprint, when a rule or the SDK set one). */
        public List<String> fingerprint() {
            return values(withRules);
        }

        public List<String> defaultValues() {
            return values(byDefault);
        }

        private static List<String> values(GroupingResult result) {
            return result.contributing().stream().flatMap(c -> c.values().stream()).toList();
        }
    }

    /** Previews {@code rulesText} (null or blank: no rules) against the event. */
    public static Result of(GroupingEvent event, String rulesText) {
        GroupingResult byDefault = Strategies.current().group(event, FingerprintRules.none());
        FingerprintRules rules;
        try {
            rules = rulesText == null || rulesText.isBlank() ? FingerprintRules.none() : FingerprintRules.parse(rulesText);
        } catch (RulesException e) {
            return new Result(e.errors(), Optional.empty(), byDefault, byDefault,
                    Grouper.summarize(event, FingerprintRules.none()).title());
        }
        GroupingResult withRules = Strategies.current().group(event, rules);
        return new Result(List.of(), rules.match(event), withRules, byDefault, Grouper.summarize(event, rules).title());
    }
}
