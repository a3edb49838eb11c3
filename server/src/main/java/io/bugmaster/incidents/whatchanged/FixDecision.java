package io.bugmaster.incidents.whatchanged;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the team decided to fix an incident (seeds 002 and 003): a strategy and two rough estimates,
 * the time to restore the service (even degraded) and the time to fix it for good, in minutes.
 * "Go with the shortest of the two."
 */
@PureLogic
public record FixDecision(long id, Strategy strategy, Integer restoreMinutes, Integer fixMinutes, String note, Long userId, Instant at) {
    public static final int MAX_MINUTES = 90 * 24 * 60;
    public static final int MAX_NOTE = 1000;

    public enum Strategy {
        REVERT("revert", "revert"), ROLLBACK("rollback", "roll back"), RESTART("restart", "restart"), HOTFIX("hotfix", "hotfix"),
        DISABLE_THIRD_PARTY("disable_third_party", "disable the third party"), OTHER("other", "other");

        private final String id;
        private final String label;

        Strategy(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        public static Optional<Strategy> parse(String id) {
            return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
        }

        public static String all() {
            return Arrays.stream(values()).map(Strategy::id).collect(Collectors.joining(", "));
        }
    }

    /** A decision as given, checked. */
    public record Draft(Strategy strategy, Integer restoreMinutes, Integer fixMinutes, String note) {}

    public static Draft draft(String strategy, Integer restoreMinutes, Integer fixMinutes, String note) {
        Strategy s = strategy == null ? null : Strategy.parse(strategy.strip()).orElse(null);
        if (s == null) {
            throw new InvalidInputException("strategy", "one of " + Strategy.all() + "; got " + (strategy == null ? "nothing" : "'" + strategy + "'"));
        }
        String n = note == null || note.isBlank() ? null : note.strip();
        if (n != null && n.length() > MAX_NOTE) {
            throw new InvalidInputException("note", "at most " + MAX_NOTE + " characters, got " + n.length());
        }
        return new Draft(s, minutes("restore_minutes", restoreMinutes), minutes("fix_minutes", fixMinutes), n);
    }

    private static Integer minutes(String field, Integer value) {
        if (value != null && (value < 0 || value > MAX_MINUTES)) {
            throw new InvalidInputException(field, "an estimate in minutes from 0 to " + MAX_MINUTES + " (90 days), got " + value);
        }
        return value;
    }

    /** "revert (restore ~10 min; fix ~2 days)". */
    public String summary() {
        StringBuilder s = new StringBuilder(strategy.label());
        if (restoreMinutes != null || fixMinutes != null) {
            s.append(" (");
            if (restoreMinutes != null) {
                s.append("restore ~").append(duration(restoreMinutes));
            }
            if (fixMinutes != null) {
                s.append(restoreMinutes != null ? "; " : "").append("fix ~").append(duration(fixMinutes));
            }
            s.append(")");
        }
        return s.toString();
    }

    /** 45 -> "45 min", 90 -> "1.5 h", 2880 -> "2 days". */
    static String duration(int minutes) {
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 24 * 60) {
            return trim(minutes / 60.0) + " h";
        }
        double days = minutes / (24 * 60.0);
        return trim(days) + (days == 1 ? " day" : " days");
    }

    private static String trim(double v) {
        double rounded = Math.round(v * 10) / 10.0;
        return rounded == Math.floor(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
