package io.bugmaster.issues;

import io.bugmaster.common.PureLogic;

/**
 * Decides whether an issue archived "until escalating" is escalating, against its own past:
 * the events of the last hour are compared with the issue's hourly average over the seven days
 * before that hour. It escalates when the last hour has at least {@value #MIN_EVENTS} events and at
 * least {@value #FACTOR} times the average (an issue that was quiet needs {@value #MIN_EVENTS} events
 * in an hour; one that averaged 5 an hour needs 50).
 */
@PureLogic
public final class EscalationDetector {
    public static final long MIN_EVENTS = 10;
    public static final long FACTOR = 10;
    public static final long BASELINE_HOURS = 7 * 24;

    /** Shown in the issue's {@code statusDetails} while it waits. */
    public static final String RULE = "escalates when the last hour has at least " + MIN_EVENTS + " events and at least "
            + FACTOR + " times the issue's hourly average of the 7 days before";

    private EscalationDetector() {}

    /** The number of events in one hour that counts as escalating, given the events of the 7 days before. */
    public static long threshold(long baselineEvents) {
        long scaled = (long) Math.ceil((double) baselineEvents * FACTOR / BASELINE_HOURS);
        return Math.max(MIN_EVENTS, scaled);
    }

    public static boolean isEscalating(long lastHourEvents, long baselineEvents) {
        return lastHourEvents >= threshold(baselineEvents);
    }
}
