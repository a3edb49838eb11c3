package io.bugmaster.issues;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.function.BiPredicate;

/**
 * What new events do to an issue's status: a resolved issue regresses, an ignored issue wakes up
 * when its condition is met. Pure: the digester gives it the state and the batch, and applies the outcome.
 */
@PureLogic
public final class IssueWorkflow {
    public static final String UNRESOLVED = "unresolved";
    public static final String RESOLVED = "resolved";
    public static final String IGNORED = "ignored";

    private IssueWorkflow() {}

    /** The issue as the digester found it, with the counts this batch adds. */
    public record Arrival(String status, StatusDetails details, long timesSeenAfter, long userCountAfter,
            String eventRelease, Instant now) {}

    /** The new status, or {@code null} for "unchanged", and the signal to raise, or {@code null}. */
    public record Outcome(String status, String substatus, Signal signal) {
        static final Outcome UNCHANGED = new Outcome(null, null, null);

        public boolean changes() {
            return status != null;
        }
    }

    public enum Signal {
        NEW_ISSUE("issue.new"), REGRESSION("issue.regression"), SNOOZE_EXPIRED("issue.snooze_expired");

        private final String topic;

        Signal(String topic) {
            this.topic = topic;
        }

        public String topic() {
            return topic;
        }
    }

    /**
     * @param isNewer tells whether release {@code a} is newer than release {@code b} (semver when both are, else by date)
     */
    public static Outcome onEvents(Arrival arrival, BiPredicate<String, String> isNewer) {
        return switch (arrival.status()) {
            case RESOLVED -> regresses(arrival, isNewer)
                    ? new Outcome(UNRESOLVED, "regressed", Signal.REGRESSION) : Outcome.UNCHANGED;
            case IGNORED -> ignoreEnds(arrival) ? new Outcome(UNRESOLVED, "ongoing", Signal.SNOOZE_EXPIRED) : Outcome.UNCHANGED;
            default -> Outcome.UNCHANGED;
        };
    }

    /** A resolved issue regresses on a new event, unless the resolution waits for a release the event is not newer than. */
    static boolean regresses(Arrival arrival, BiPredicate<String, String> isNewer) {
        String bound = arrival.details() == null ? null : arrival.details().boundRelease();
        if (bound == null) {
            boolean waitingForNext = arrival.details() != null && Boolean.TRUE.equals(arrival.details().inNextRelease());
            // "next release" chosen when the project had no release yet: any release is the next one
            return !waitingForNext || arrival.eventRelease() != null;
        }
        if (arrival.eventRelease() == null) {
            return false;
        }
        boolean inNext = Boolean.TRUE.equals(arrival.details().inNextRelease()) && arrival.details().inRelease() == null;
        if (inNext) {
            return isNewer.test(arrival.eventRelease(), bound);
        }
        return arrival.eventRelease().equals(bound) || isNewer.test(arrival.eventRelease(), bound);
    }

    /**
     * Whether an ignored issue's condition (time, count, users) is met; "ignore forever" never ends here.
     * Counts within a window ({@code ignoreWindow}, {@code ignoreUserWindow}) need the events' times, so the
     * snooze engine module decides those, as it does "until escalating".
     */
    static boolean ignoreEnds(Arrival arrival) {
        StatusDetails d = arrival.details();
        if (d == null) {
            return false;
        }
        if (d.ignoreUntil() != null && !arrival.now().isBefore(Instant.ofEpochMilli(d.ignoreUntil()))) {
            return true;
        }
        if (d.ignoreCount() != null && d.ignoreWindow() == null && d.baseTimesSeen() != null
                && arrival.timesSeenAfter() - d.baseTimesSeen() >= d.ignoreCount()) {
            return true;
        }
        return d.ignoreUserCount() != null && d.ignoreUserWindow() == null && d.baseUserCount() != null
                && arrival.userCountAfter() - d.baseUserCount() >= d.ignoreUserCount();
    }
}
