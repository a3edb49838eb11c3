package io.bugmaster.oncall.notices;

import io.bugmaster.common.PureLogic;
import io.bugmaster.oncall.schedules.Span;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a gap found ahead was already warned about. A gap is known by its start; one that has
 * begun is found starting "now", so a gap that starts inside a warned one (or where it was last
 * seen to end) is that same gap, going on.
 */
@PureLogic
final class GapPlan {
    private GapPlan() {}

    /** A gap the team was warned about, as far as it was known. */
    record Warned(Instant start, Instant end) {}

    /** The warned gap this one is, or empty when it is new. */
    static Optional<Warned> sameAs(Span gap, List<Warned> warned) {
        return warned.stream().filter(w -> !gap.start().isBefore(w.start()) && !gap.start().isAfter(w.end())).findFirst();
    }
}
