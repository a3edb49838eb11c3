package io.bugmaster.alerting;

import io.bugmaster.common.PureLogic;
import io.bugmaster.notify.Times;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The weekly report without a database: when it is due, which ISO week it is for, and its words.
 * The report sent at the scheduled time of a week covers the seven days before it.
 */
@PureLogic
public final class WeeklyReports {
    /** A report whose time passed longer ago than this (the server was down) is skipped, not sent late. */
    public static final Duration CATCH_UP = Duration.ofDays(1);
    public static final int TOP = 5;

    private WeeklyReports() {}

    /** When the report goes out each week: a weekday and a time of day, UTC. */
    public record Schedule(DayOfWeek day, LocalTime time) {
        /** {@code MON 08:00} (any weekday's first three letters or full name; {@code 8:00} too), or {@code off}: empty. */
        public static Optional<Schedule> parse(String value) {
            String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
            if (v.equals("OFF") || v.equals("FALSE") || v.equals("NONE")) {
                return Optional.empty();
            }
            String[] parts = v.split("\\s+");
            if (parts.length == 2) {
                for (DayOfWeek d : DayOfWeek.values()) {
                    if (d.name().equals(parts[0]) || d.name().substring(0, 3).equals(parts[0])) {
                        try {
                            String t = parts[1].length() == 4 ? "0" + parts[1] : parts[1];
                            return Optional.of(new Schedule(d, LocalTime.parse(t)));
                        } catch (DateTimeParseException e) {
                            break;
                        }
                    }
                }
            }
            throw new IllegalArgumentException("BUGMASTER_WEEKLY_REPORT must be a weekday and a UTC time like 'MON 08:00', or 'off'; got: "
                    + value);
        }

            /** Why a member gets the report, for the message: {@code Sent to the members of #payments every Monday at 08:00 UTC ...}. */
        public String reason(String teamSlug) {
            String weekday = day.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
            return "Sent to the members of #" + teamSlug + " every " + weekday + " at " + time + " UTC;"
                    + " turn it off in your notification settings";
        }

        /** The latest scheduled time at or before {@code now}. */
        public Instant lastAtOrBefore(Instant now) {
            ZonedDateTime t = now.atZone(ZoneOffset.UTC);
            ZonedDateTime candidate = t.with(TemporalAdjusters.previousOrSame(day)).with(time).withSecond(0).withNano(0);
            if (candidate.isAfter(t)) {
                candidate = candidate.minusWeeks(1);
            }
            return candidate.toInstant();
        }
    }

    /** The report due at {@code now}: its scheduled time (which names its ISO week), or empty when none is due. */
    public static Optional<Instant> due(Schedule schedule, Instant now) {
        Instant at = schedule.lastAtOrBefore(now);
        return Duration.between(at, now).compareTo(CATCH_UP) <= 0 ? Optional.of(at) : Optional.empty();
    }

    /** {@code 2026-W48}. */
    public static String isoWeek(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%d-W%02d", t.get(IsoFields.WEEK_BASED_YEAR), t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** One issue in a list: its title, short id, events, and link. */
    public record IssueLine(String shortId, String title, long events, String link) {}

    /** One project's week. */
    public record ProjectSection(String project, long newCount, List<IssueLine> topNew, long regressedCount,
            List<IssueLine> topRegressed, long unassignedCount, List<IssueLine> topUnassigned) {
        public boolean isQuiet() {
            return newCount == 0 && regressedCount == 0 && unassignedCount == 0;
        }
    }

    public record Report(String title, String body) {}

    /** The report of a team, or empty when none of its projects has anything to tell (nothing is sent then). */
    public static Optional<Report> build(String teamSlug, String week, Instant from, Instant to, List<ProjectSection> projects) {
        if (projects.stream().allMatch(ProjectSection::isQuiet)) {
            return Optional.empty();
        }
        StringBuilder body = new StringBuilder();
        body.append("Issues in the projects of #").append(teamSlug).append(" from ").append(Times.weekday(from)).append(" to ")
                .append(Times.weekday(to)).append(".\n");
        for (ProjectSection p : projects) {
            body.append("\n## ").append(p.project()).append(": ").append(p.newCount()).append(" new, ")
                    .append(p.regressedCount()).append(" regressed, ").append(p.unassignedCount()).append(" unassigned\n");
            if (p.isQuiet()) {
                body.append("Nothing new, nothing regressed, nothing left unassigned.\n");
                continue;
            }
            section(body, "New issues", p.newCount(), p.topNew());
            section(body, "Regressed issues", p.regressedCount(), p.topRegressed());
            section(body, "Unresolved and unassigned", p.unassignedCount(), p.topUnassigned());
        }
        long news = projects.stream().mapToLong(ProjectSection::newCount).sum();
        long regressed = projects.stream().mapToLong(ProjectSection::regressedCount).sum();
        long unassigned = projects.stream().mapToLong(ProjectSection::unassignedCount).sum();
        String title = "Weekly report " + week + " for #" + teamSlug + ": " + news + " new, " + regressed + " regressed, "
                + unassigned + " unassigned";
        return Optional.of(new Report(title, body.toString().strip()));
    }

    private static void section(StringBuilder body, String name, long count, List<IssueLine> top) {
        if (count == 0) {
            return;
        }
        body.append(name).append(" (").append(count).append(count > top.size() ? ", the " + top.size() + " most seen" : "")
                .append("):\n");
        for (IssueLine i : top) {
            // a title is event data: one line, and never markup of the report
            String title = i.title().replaceAll("[\\r\\n\\t]+", " ").strip();
            body.append("- ").append(i.shortId()).append(" ").append(title).append(" (").append(i.events())
                    .append(i.events() == 1 ? " event) " : " events) ").append(i.link()).append("\n");
        }
    }
}
