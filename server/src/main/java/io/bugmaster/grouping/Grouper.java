package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.List;
import java.util.Optional;

/** The entry point for the digest: groups an event with the current strategy and summarizes it. */
@PureLogic
public final class Grouper {

    private Grouper() {}

    /** Current strategy's result and the issue summary; a matching rule's title replaces the title. */
    public static Grouped group(GroupingEvent event, FingerprintRules rules) {
        FingerprintRules effective = rules == null ? FingerprintRules.none() : rules;
        GroupingResult result = Strategies.current().group(event, effective);
        return new Grouped(result, summarize(event, effective));
    }

    public static Grouped group(GroupingEvent event) {
        return group(event, FingerprintRules.none());
    }

    /** The issue summary, with the title of the first matching rule when it has one. */
    public static IssueSummary summarize(GroupingEvent event, FingerprintRules rules) {
        IssueSummary summary = IssueSummaries.of(event);
        Optional<String> title = (rules == null ? FingerprintRules.none() : rules).match(event)
                .map(FingerprintRules.Rule::title);
        if (title.isPresent()) {
            String expanded = IssueSummaries.cut(EventFacts.expandInline(title.get(), event));
            return new IssueSummary(expanded, summary.culprit(), summary.type(), summary.value(), summary.filename(),
                    summary.function());
        }
        return summary;
    }

    /** The event's result under every known strategy, current first (see {@link Strategies#allStrategies}). */
    public static List<GroupingResult> allStrategies(GroupingEvent event, FingerprintRules rules) {
        return Strategies.allStrategies(event, rules == null ? FingerprintRules.none() : rules);
    }
}
