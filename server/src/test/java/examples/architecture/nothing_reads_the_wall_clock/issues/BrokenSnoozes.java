package examples.architecture.nothing_reads_the_wall_clock.issues;

import java.time.Instant;

/** Broken: reads the wall clock instead of the one Clock bean. */
public class BrokenSnoozes {
    public boolean expired(Instant until) {
        return Instant.now().isAfter(until);
    }

    public long nowMillis() {
        return System.currentTimeMillis();
    }
}
