package io.bugmaster.oncall.notices;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Lets a module's work through once per minute of the clock: notices an hour or two weeks ahead
 * need no check every few seconds, and a thousand schedules cost little once a minute. A clock
 * moved back (a test) is a new minute too.
 */
final class OncePerMinute {
    private Instant last;

    synchronized boolean due(Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        if (minute.equals(last)) {
            return false;
        }
        last = minute;
        return true;
    }
}
