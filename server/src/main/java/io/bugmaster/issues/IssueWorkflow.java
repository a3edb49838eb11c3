package io.bugmaster.issues;

import io.bugmaster.common.PureLogic;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** Activity types recorded when an issue changes by itself (Sentry's names). */
    public static final String SET_REGRESSION = "set_regression";
    public static final String SET_UNRESOLVED = "set_unresolved";
    public static final String SET_ESCALATING = "set_escalating";

    private IssueWorkflow() {}

    /** The issue as the digester found it, with the counts this batch adds. */
    public record Arrival(String status, StatusDetails details, long timesSeenAfter, long userCountAfter,
            String eventRelease, Instant now) {}

    /**
     * The new status, or {@code null} for "unchanged", the signal to raise, or {@code null}, and the
     * activity to record with it.
     */
    public record Outcome(String status, String substatus, Signal signal, String activityType, Map<String, Object> activityData) {
        static final Outcome UNCHANGED = new Outcome(null, null, null, null, null);

        public boolean changes() {
            return status != null;
        }
    }

    public enum Signal {
        NEW_ISSUE("issue.new"), REGRESSION("issue.regression"), SNOOZE_EXPIRED("issue.snooze_expired"),
        /** Someone resolved the issue: the channels that were alerted about it are told (PagerDuty's resolve). */
        RESOLVED("issue.resolved"),
        /** Someone deleted the issue: the alerts open about it are closed (its body describes the issue, which is gone). */
        DELETED("issue.deleted"),
        /** The issue was merged into another ({@code target} in the body): the alerts open about it are closed. */
        MERGED("issue.merged"),
        /**
         * Someone changed the issue's status other than by resolving it (ignored, reopened) or its
         * assignee: messages that show it are brought up to date. Never alerts.
         */
        CHANGED("issue.changed");

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
     * @param eventId the event that arrived last, named in the activity
     */
    public static Outcome onEvents(Arrival arrival, BiPredicate<String, String> isNewer, String eventId) {
        switch (arrival.status()) {
            case RESOLVED -> {
                if (regresses(arrival, isNewer)) {
                    return new Outcome(UNRESOLVED, "regressed", Signal.REGRESSION, SET_REGRESSION,
                            regressionData(arrival.eventRelease(), arrival.details(), eventId));
                }
            }
            case IGNORED -> {
                String reason = wakeReason(arrival);
                if (reason != null) {
                    Map<String, Object> data = wakeData(reason, arrival.details());
                    data.put("event_id", eventId);
                    return new Outcome(UNRESOLVED, "ongoing", Signal.SNOOZE_EXPIRED, SET_UNRESOLVED, data);
                }
            }
            default -> { }
        }
        return Outcome.UNCHANGED;
    }

    /**
     * What a {@code set_regression} activity says (Sentry's fields): the release of the event that
     * reopened the issue, when it had one, and the release the resolution named, if any.
     */
    static Map<String, Object> regressionData(String eventRelease, StatusDetails details, String eventId) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (eventRelease != null) {
            data.put("version", eventRelease);
        }
        String bound = details == null ? null : details.boundRelease();
        if (bound != null) {
            data.put("resolved_in_version", bound);
        }
        data.put("event_id", eventId);
        return data;
    }

    /**
     * What the activity of an ignore that ended says: which condition ended it ({@code ignoreUntil},
     * {@code ignoreCount}, {@code ignoreUserCount}) and that condition's numbers.
     */
    public static Map<String, Object> wakeData(String reason, StatusDetails d) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", reason);
        if (d != null) {
            switch (reason) {
                case "ignoreUntil" -> data.put("ignoreUntil", d.ignoreUntil());
                case "ignoreCount" -> {
                    data.put("ignoreCount", d.ignoreCount());
                    putIfNotNull(data, "ignoreWindow", d.ignoreWindow());
                }
                case "ignoreUserCount" -> {
                    data.put("ignoreUserCount", d.ignoreUserCount());
                    putIfNotNull(data, "ignoreUserWindow", d.ignoreUserWindow());
                }
                default -> { }
            }
        }
        return data;
    }

    private static void putIfNotNull(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
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
     * Which condition of an ignored issue (time, count, users) is met, or null; "ignore forever" never ends here.
     * Counts within a window ({@code ignoreWindow}, {@code ignoreUserWindow}) need the events' times, so the
     * snooze engine module decides those, as it does "until escalating".
     */
    static String wakeReason(Arrival arrival) {
        StatusDetails d = arrival.details();
        if (d == null) {
            return null;
        }
        if (d.ignoreUntil() != null && !arrival.now().isBefore(Instant.ofEpochMilli(d.ignoreUntil()))) {
            return "ignoreUntil";
        }
        if (d.ignoreCount() != null && d.ignoreWindow() == null && d.baseTimesSeen() != null
                && arrival.timesSeenAfter() - d.baseTimesSeen() >= d.ignoreCount()) {
            return "ignoreCount";
        }
        return d.ignoreUserCount() != null && d.ignoreUserWindow() == null && d.baseUserCount() != null
                && arrival.userCountAfter() - d.baseUserCount() >= d.ignoreUserCount() ? "ignoreUserCount" : null;
    }
}
