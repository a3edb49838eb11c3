package io.bugmaster.oncall.schedules;

import io.bugmaster.common.PureLogic;
import java.time.Instant;

/** One person on call from {@code start} (inclusive) until {@code end} (exclusive). */
@PureLogic
public record Shift(long userId, Instant start, Instant end) {
    public Shift {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a shift ends after it starts");
        }
    }

    public boolean covers(Instant at) {
        return !at.isBefore(start) && at.isBefore(end);
    }
}
