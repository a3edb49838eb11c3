package io.bugmaster.oncall.schedules;

import io.bugmaster.common.PureLogic;
import java.time.Instant;

/** A stretch of time, {@code [start, end)}: a gap in a schedule, a window asked about. */
@PureLogic
public record Span(Instant start, Instant end) {}
