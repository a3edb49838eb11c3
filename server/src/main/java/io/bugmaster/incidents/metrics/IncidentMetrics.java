package io.bugmaster.incidents.metrics;

import io.bugmaster.common.PureLogic;
import io.bugmaster.incidents.IncidentStage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Response metrics over the incidents a {@link MetricsQuery} picks, with PagerDuty's definitions:
 * time to acknowledge runs from creation to the first acknowledgement (acknowledged incidents
 * only), time to resolve from creation to resolution (resolved incidents only). Groups are keyed
 * by id ("none" for incidents without a priority or whose services have no team).
 */
@PureLogic
public record IncidentMetrics(MetricsQuery query, Summary total, List<Group> byService, List<Group> byTeam, List<Group> byPriority,
        List<Week> weeks, List<StageTime> stages, List<Load> load, List<Counted> incidents) {

    public static final String NONE = "none";

    /**
     * Counts and the two measures. Never acknowledged: resolved without an acknowledgement, or open
     * and not acknowledged yet; both are left out of the time to acknowledge.
     */
    public record Summary(int incidents, int open, int resolved, int acknowledged, int resolvedUnacknowledged, int openUnacknowledged,
            Stat toAcknowledge, Stat toResolve) {
        public int neverAcknowledged() {
            return resolvedUnacknowledged + openUnacknowledged;
        }
    }

    /**
     * Mean, median (the middle value; the mean of the two middle ones for an even count) and 90th
     * percentile (nearest rank: the smallest value at least 90% of the values do not exceed) of
     * {@code count} durations; the durations are null when the count is 0.
     */
    public record Stat(int count, Duration mean, Duration median, Duration p90) {
        static final Stat EMPTY = new Stat(0, null, null, null);
    }

    /** A service, team (by id) or priority (level, or "none") and its incidents' summary. */
    public record Group(String key, Summary summary) {}

    /** An ISO week (starting on {@code monday} in the query's zone, e.g. 2026-W49): incidents created in it and their measures. */
    public record Week(String isoWeek, LocalDate monday, Summary summary) {}

    /** Time spent in a stage (resolution ends the last one; an open incident's current stage counts up to now). */
    public record StageTime(IncidentStage stage, int incidents, Duration total, Duration mean, Duration median) {
        public String totalText() {
            return ReadableDuration.of(total);
        }
    }

    /** Pages a person received about the counted incidents, and how many of them at night (22:00 to 07:00 in the zone). */
    public record Load(long userId, int pages, int nightPages) {}

    /** One counted incident with its own measures (null while it is not acknowledged or not resolved). */
    public record Counted(CountedIncident incident, Duration toAcknowledge, Duration toResolve) {}
}
