package io.bugmaster.oncall.schedules;

import io.bugmaster.common.PureLogic;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Objects;

/**
 * When a layer's people are on call (PagerDuty's restrictions): every day from {@code startTimeOfDay}
 * for {@code durationSeconds}, or every week from {@code startDayOfWeek} at that time. The window is
 * read in the schedule's wall-clock time, so it may span midnight and keeps its local hours across DST.
 */
@PureLogic
public record Restriction(Kind kind, LocalTime startTimeOfDay, long durationSeconds, DayOfWeek startDayOfWeek) {
    public static final long DAY_SECONDS = 86_400;
    public static final long WEEK_SECONDS = 7 * DAY_SECONDS;

    public enum Kind {
        DAILY("daily_restriction", DAY_SECONDS), WEEKLY("weekly_restriction", WEEK_SECONDS);

        private final String id;
        private final long maxSeconds;

        Kind(String id, long maxSeconds) {
            this.id = id;
            this.maxSeconds = maxSeconds;
        }

        /** The PagerDuty name, {@code daily_restriction} or {@code weekly_restriction}. */
        public String id() {
            return id;
        }

        public long maxSeconds() {
            return maxSeconds;
        }
    }

    public Restriction {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startTimeOfDay, "startTimeOfDay");
        if (durationSeconds <= 0 || durationSeconds > kind.maxSeconds) {
            throw new IllegalArgumentException("duration_seconds must be between 1 and " + kind.maxSeconds);
        }
        if (kind == Kind.WEEKLY) {
            Objects.requireNonNull(startDayOfWeek, "startDayOfWeek");
        } else {
            startDayOfWeek = null;
        }
    }

    public static Restriction daily(LocalTime start, long durationSeconds) {
        return new Restriction(Kind.DAILY, start, durationSeconds, null);
    }

    public static Restriction weekly(DayOfWeek day, LocalTime start, long durationSeconds) {
        return new Restriction(Kind.WEEKLY, start, durationSeconds, day);
    }
}
