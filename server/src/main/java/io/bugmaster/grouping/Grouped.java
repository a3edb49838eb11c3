package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;

/** The current strategy's result for an event and the summary its issue shows. */
@PureLogic
public record Grouped(GroupingResult result, IssueSummary summary) {}
