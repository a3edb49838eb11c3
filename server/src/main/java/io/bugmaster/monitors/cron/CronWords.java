package io.bugmaster.monitors.cron;

import io.bugmaster.common.PureLogic;
import io.bugmaster.monitors.MonitorConfig;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one line ({@code said}) a cron monitor's failing run says in signals and messages. The words
 * depend only on the situation (the exit status, the expected time, the settings), never on the
 * clock's seconds, so a job that keeps failing the same way is told once.
 */
@PureLogic
public final class CronWords {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    private CronWords() {}

    /** A job that ended with a non-zero exit status (pings {@code /3}). */
    public static String exitStatus(int status) {
        return "exit status " + status;
    }

    /** A job that reported failure without a code (Sentry's status error, a ping's {@code /fail}). */
    public static String failed() {
        return "failed";
    }

    /**
     * Nothing came within the margin: "no check-in since 03:00 (expected at 03:00, 5 min grace)",
     * times in the monitor's zone. {@code since} is the last check-in (shown with its day when it was
     * before the day before the expected time), null when there never was one.
     */
    public static String missed(Instant since, Instant expected, MonitorConfig config) {
        ZoneId zone = config.zone();
        ZonedDateTime due = expected.atZone(zone);
        String last;
        if (since == null) {
            last = "no check-in yet";
        } else {
            ZonedDateTime at = since.atZone(zone);
            // the day is shown when "since 03:00" could be read as today or yesterday no more
            boolean recent = !at.toLocalDate().isBefore(due.toLocalDate().minusDays(1));
            last = "no check-in since " + (recent ? TIME.format(at) : DAY_TIME.format(at));
        }
        return last + " (expected at " + TIME.format(due) + ", " + config.checkinMargin() + " min grace)";
    }

    /** A run still in progress past its max runtime. */
    public static String timedOut(MonitorConfig config) {
        return "still running after " + config.maxRuntime() + " min (max runtime)";
    }
}
