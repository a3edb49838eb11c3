package io.bugmaster.oncall.notices;

import io.bugmaster.common.PureLogic;
import io.bugmaster.oncall.schedules.Shift;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which handoffs are due a notice: shifts that start within {@code lead} after now, where someone
 * new takes over (a shift that only continues the same person's is no handoff).
 */
@PureLogic
final class HandoffPlan {
    private HandoffPlan() {}

    /**
     * A notice to send: the incoming person's shift (its end null when it runs past the shifts
     * looked at) and who is on call until it starts (null: nobody).
     */
    record Due(long userId, Instant start, Instant end, Long outgoing) {}

    /** @param shifts the final schedule from at most now, by start, over a window that ends at {@code horizon} */
    static List<Due> due(List<Shift> shifts, Instant now, Duration lead, Instant horizon) {
        List<Shift> turns = joined(shifts);
        List<Due> out = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            Shift s = turns.get(i);
            if (!s.start().isAfter(now) || s.start().isAfter(now.plus(lead))) {
                continue;
            }
            Shift before = i > 0 && turns.get(i - 1).end().equals(s.start()) ? turns.get(i - 1) : null;
            out.add(new Due(s.userId(), s.start(), s.end().isBefore(horizon) ? s.end() : null, before == null ? null : before.userId()));
        }
        return out;
    }

    /** Adjacent shifts of the same person as one turn. */
    static List<Shift> joined(List<Shift> shifts) {
        List<Shift> out = new ArrayList<>();
        for (Shift s : shifts) {
            Shift last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.userId() == s.userId() && !s.start().isAfter(last.end())) {
                out.set(out.size() - 1, new Shift(last.userId(), last.start(), s.end().isAfter(last.end()) ? s.end() : last.end()));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
