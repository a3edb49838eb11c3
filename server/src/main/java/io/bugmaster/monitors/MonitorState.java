package io.bugmaster.monitors;

import java.util.Locale;
import java.util.Optional;

/**
 * new: nothing reported or run yet; up: healthy; late: a check-in is due and the margin has not
 * passed yet (nobody is told); down: failing (missed, timed out, failed, or the check's condition
 * holds) as many times in a row as the failure threshold says; paused: not watched.
 */
public enum MonitorState {
    NEW, UP, LATE, DOWN, PAUSED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MonitorState> parse(String id) {
        for (MonitorState s : values()) {
            if (s.id().equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
