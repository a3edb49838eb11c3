package io.bugmaster.issues.ui;

import io.bugmaster.common.PureLogic;
import io.bugmaster.issues.Issue;
import io.bugmaster.issues.StatusDetails;
import io.bugmaster.web.Formats;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Says in one sentence what a resolved or ignored issue is waiting for, as the issue page shows it. */
@PureLogic
final class StatusSentence {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private StatusSentence() {}

    /** When the issue last regressed, and the release of the event that reopened it (null when that event had none). */
    record Regression(String release, Instant at) {}

    /**
     * The sentence, or null when the status needs no explanation (unresolved, new or ongoing).
     *
     * @param lastRegression the issue's latest regression, or null when none is recorded
     */
    static String of(Issue issue, Instant now, Regression lastRegression) {
        StatusDetails d = issue.statusDetails() == null ? StatusDetails.NONE : issue.statusDetails();
        return switch (issue.status()) {
            case "resolved" -> resolved(d);
            case "ignored" -> ignored(issue, d, now);
            default -> "regressed".equals(issue.substatus()) ? regressed(lastRegression, now) : null;
        };
    }

    private static String regressed(Regression regression, Instant now) {
        if (regression == null) {
            return "Regressed: it was resolved and a new event reopened it.";
        }
        String when = Formats.ago(regression.at(), now);
        return (regression.release() == null ? "Regressed " + when : "Regressed in " + regression.release() + ", " + when)
                + ": it was resolved and a new event reopened it.";
    }

    private static String resolved(StatusDetails d) {
        if (d.inRelease() != null) {
            return "Resolved in " + d.inRelease() + ": an event of a newer release reopens it.";
        }
        if (Boolean.TRUE.equals(d.inNextRelease())) {
            return d.resolvedAfter() == null
                    ? "Resolved in the next release: an event of any release after now reopens it."
                    : "Resolved in the next release after " + d.resolvedAfter() + ": an event of a newer release reopens it.";
        }
        if (d.inCommit() != null && d.inCommit().commit() != null) {
            return "Resolved in commit " + abbreviate(d.inCommit().commit()) + ".";
        }
        return "Resolved: any new event reopens it as a regression.";
    }

    private static String ignored(Issue issue, StatusDetails d, Instant now) {
        if (d.ignoreUntil() != null) {
            Instant until = Instant.ofEpochMilli(d.ignoreUntil());
            return "Ignored until " + TIME.format(until) + " (" + remaining(Duration.between(now, until)) + ").";
        }
        if (d.ignoreCount() != null) {
            long base = d.baseTimesSeen() == null ? issue.timesSeen() : d.baseTimesSeen();
            String window = d.ignoreWindow() == null ? "" : " within " + minutes(d.ignoreWindow());
            return "Ignored until " + count(d.ignoreCount(), "more event") + window + " ("
                    + Math.max(0, issue.timesSeen() - base) + " so far).";
        }
        if (d.ignoreUserCount() != null) {
            long base = d.baseUserCount() == null ? issue.userCount() : d.baseUserCount();
            String window = d.ignoreUserWindow() == null ? "" : " within " + minutes(d.ignoreUserWindow());
            return "Ignored until " + count(d.ignoreUserCount(), "more user") + window + " ("
                    + Math.max(0, issue.userCount() - base) + " so far).";
        }
        if ("archived_until_escalating".equals(issue.substatus()) || Boolean.TRUE.equals(d.ignoreUntilEscalating())) {
            return "Ignored until it escalates: a spike well over its usual rate brings it back.";
        }
        return "Ignored forever: it stays out of the stream whatever happens.";
    }

    private static String remaining(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return "any moment now";
        }
        long minutes = Math.max(1, (left.toSeconds() + 59) / 60);
        if (minutes < 120) {
            return "in " + count(minutes, "minute");
        }
        long hours = (minutes + 30) / 60;
        return hours < 48 ? "in about " + count(hours, "hour") : "in about " + count((hours + 12) / 24, "day");
    }

    private static String minutes(long minutes) {
        if (minutes % 1440 == 0) {
            return count(minutes / 1440, "day");
        }
        return minutes % 60 == 0 ? count(minutes / 60, "hour") : count(minutes, "minute");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
