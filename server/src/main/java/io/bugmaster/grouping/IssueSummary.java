package io.bugmaster.grouping;

import io.bugmaster.common.PureLogic;

/**
 * What an issue shows before anyone opens it: Sentry-like {@code title} and {@code culprit}, and
 * the metadata of the main exception (or message) and its crashing frame. Any field but title may
 * be null.
 */
@PureLogic
public record IssueSummary(String title, String culprit, String type, String value, String filename, String function) {}
