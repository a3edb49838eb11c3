package examples.architecture.nothing_reads_the_wall_clock.issues;

import java.time.Clock;
import java.time.Instant;

/** Allowed: time from the injected Clock. */
public class AllowedSnoozes {
    private final Clock clock;

    public AllowedSnoozes(Clock clock) {
        this.clock = clock;
    }

    public boolean expired(Instant until) {
        return clock.instant().isAfter(until);
    }
}
