package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The known grouping strategies, oldest first; the last one is current. An issue keeps the hashes
 * of every strategy it was grouped under, so adding a strategy here never splits old issues: the
 * digest computes {@link #allStrategies} and attaches an event to an issue that holds any of them.
 */
@PureLogic
public final class Strategies {

    private static final List<Strategy> ALL = List.of(new Strategy202611());

    private Strategies() {}

    public static List<Strategy> all() {
        return ALL;
    }

    public static Strategy current() {
        return ALL.get(ALL.size() - 1);
    }

    public static Optional<Strategy> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The event's result under every known strategy, current first. */
    public static List<GroupingResult> allStrategies(GroupingEvent event, FingerprintRules rules) {
        List<GroupingResult> results = new ArrayList<>();
        for (int k = ALL.size() - 1; k >= 0; k--) {
            results.add(ALL.get(k).group(event, rules));
        }
        return results;
    }

    public static List<GroupingResult> allStrategies(GroupingEvent event) {
        return allStrategies(event, FingerprintRules.none());
    }
}
