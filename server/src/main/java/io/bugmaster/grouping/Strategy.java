package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;

/**
 * A named, versioned way to turn an event into a hash. A released strategy never changes its
 * output: changes go into a new strategy with a new name, registered in {@link Strategies}.
 */
@PureLogic
public interface Strategy {

    /** For example {@code bugmaster:2026-11}; stored next to each hash. */
    String name();

    /** Groups the event; server-side rules win over the SDK fingerprint. Never throws. */
    GroupingResult group(GroupingEvent event, FingerprintRules rules);
}
