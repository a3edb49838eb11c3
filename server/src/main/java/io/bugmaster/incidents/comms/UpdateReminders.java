package io.bugmaster.incidents.comms;

import io.bugmaster.common.PureLogic;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an open incident's "post a status update" reminder is due: its priority's period after the
 * later of the last thing that told stakeholders (a status update, the declaration, a priority
 * set) and the last reminder. One reminder per period, and only one after a long pause (an engine
 * that was down does not send the periods it missed).
 */
@PureLogic
public final class UpdateReminders {
    private UpdateReminders() {}

    /** The moment the next reminder is due, or empty when the priority has no reminder period. */
    public static Optional<Instant> nextAt(Instant quietSince, Instant remindedAt, Integer periodMinutes) {
        if (periodMinutes == null || periodMinutes <= 0) {
            return Optional.empty();
        }
        Instant from = remindedAt != null && remindedAt.isAfter(quietSince) ? remindedAt : quietSince;
        return Optional.of(from.plus(Duration.ofMinutes(periodMinutes)));
    }

    public static boolean due(Instant quietSince, Instant remindedAt, Integer periodMinutes, Instant now) {
        return nextAt(quietSince, remindedAt, periodMinutes).map(at -> !now.isBefore(at)).orElse(false);
    }

    /** "45 minutes", "2 hours 5 minutes": how long stakeholders have heard nothing, in words. */
    public static String quietFor(Instant quietSince, Instant now) {
        return words(Math.max(0, Duration.between(quietSince, now).toMinutes()));
    }

    /** "in 4 hours", "in 12 minutes" (minutes rounded up), or "now" once it is due. */
    public static String dueIn(Instant at, Instant now) {
        long seconds = Duration.between(now, at).toSeconds();
        return seconds <= 0 ? "now" : "in " + words((seconds + 59) / 60);
    }

    private static String words(long minutes) {
        if (minutes < 60) {
            return minutes + (minutes == 1 ? " minute" : " minutes");
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return hours + (hours == 1 ? " hour" : " hours") + (rest == 0 ? "" : " " + rest + (rest == 1 ? " minute" : " minutes"));
    }
}
