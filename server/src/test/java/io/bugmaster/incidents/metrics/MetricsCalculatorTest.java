package io.bugmaster.incidents.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.IncidentStage;
import io.bugmaster.incidents.metrics.CountedIncident.PageSent;
import io.bugmaster.incidents.metrics.CountedIncident.StageEntered;
import io.bugmaster.incidents.metrics.IncidentMetrics.Stat;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics with fixed inputs: PagerDuty's MTTA and MTTR, their median and p90 at the edges, and every grouping. */
class MetricsCalculatorTest {
    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z"); // a Monday
    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final MetricsQuery LAST_30_DAYS = new MetricsQuery(NOW.minus(Duration.ofDays(30)), NOW, ZoneOffset.UTC, null, null, null);

    static int ids = 0;

    static CountedIncident incident(Instant created, Duration ack, Duration resolve) {
        return incident(created, ack, resolve, null, List.of(1L), List.of(), List.of());
    }

    static CountedIncident incident(Instant created, Duration ack, Duration resolve, Integer priority, List<Long> services, List<Long> teams,
            List<PageSent> pages) {
        ids++;
        List<StageEntered> stages = new ArrayList<>(List.of(new StageEntered(IncidentStage.INVESTIGATING, created)));
        if (resolve != null) {
            stages.add(new StageEntered(IncidentStage.RESOLVED, created.plus(resolve)));
        }
        return new CountedIncident(ids, ids, "incident " + ids, created, ack == null ? null : created.plus(ack),
                resolve == null ? null : created.plus(resolve), priority, services, teams, stages, pages);
    }

    static List<Duration> minutes(long... values) {
        List<Duration> out = new ArrayList<>();
        for (long v : values) {
            out.add(Duration.ofMinutes(v));
        }
        return out;
    }

    @Test
    void medianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnesAndP90IsTheNearestRank() {
        assertThat(MetricsCalculator.stat(List.of())).isEqualTo(new Stat(0, null, null, null));
        assertThat(MetricsCalculator.stat(minutes(7))).isEqualTo(new Stat(1, Duration.ofMinutes(7), Duration.ofMinutes(7), Duration.ofMinutes(7)));
        // two values: median between them, p90 = rank ceil(1.8) = 2
        assertThat(MetricsCalculator.stat(minutes(10, 2))).isEqualTo(new Stat(2, Duration.ofMinutes(6), Duration.ofMinutes(6), Duration.ofMinutes(10)));
        // ten values: p90 is the 9th, not the largest (an outlier does not move it)
        Stat ten = MetricsCalculator.stat(minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 600));
        assertThat(ten.median()).isEqualTo(Duration.ofSeconds(330));
        assertThat(ten.p90()).isEqualTo(Duration.ofMinutes(9));
        assertThat(ten.mean()).isEqualTo(Duration.ofSeconds(3870));
        // eleven values: rank ceil(9.9) = 10
        assertThat(MetricsCalculator.stat(minutes(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)).p90()).isEqualTo(Duration.ofMinutes(10));
        assertThat(MetricsCalculator.stat(minutes(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)).median()).isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void noIncidentsGiveZeroCountsAndNoDurations() {
        IncidentMetrics m = MetricsCalculator.compute(List.of(), LAST_30_DAYS, NOW);
        assertThat(m.total().incidents()).isZero();
        assertThat(m.total().toAcknowledge()).isEqualTo(Stat.EMPTY);
        assertThat(m.total().toResolve()).isEqualTo(Stat.EMPTY);
        assertThat(m.byService()).isEmpty();
        assertThat(m.load()).isEmpty();
        assertThat(m.weeks()).as("every week the window touches, empty ones too: Sunday 1 November to Tuesday 1 December").hasSize(6);
        assertThat(m.stages()).extracting(IncidentMetrics.StageTime::incidents).containsOnly(0);
    }

    @Test
    void neverAcknowledgedIncidentsAreCountedApartAndLeftOutOfTheTimeToAcknowledge() {
        List<CountedIncident> list = List.of(
                incident(T0, Duration.ofMinutes(4), Duration.ofMinutes(30)),
                incident(T0.plusSeconds(60), Duration.ofMinutes(2), null), // acknowledged, open
                incident(T0.plusSeconds(120), null, Duration.ofMinutes(10)), // resolved without an acknowledgement
                incident(T0.plusSeconds(180), null, null)); // open, nobody acknowledged it
        IncidentMetrics.Summary s = MetricsCalculator.compute(list, LAST_30_DAYS, NOW).total();
        assertThat(s.incidents()).isEqualTo(4);
        assertThat(s.acknowledged()).isEqualTo(2);
        assertThat(s.resolvedUnacknowledged()).isEqualTo(1);
        assertThat(s.openUnacknowledged()).isEqualTo(1);
        assertThat(s.neverAcknowledged()).isEqualTo(2);
        assertThat(s.open()).isEqualTo(2);
        assertThat(s.toAcknowledge()).isEqualTo(new Stat(2, Duration.ofMinutes(3), Duration.ofMinutes(3), Duration.ofMinutes(4)));
        assertThat(s.toResolve().count()).as("resolved ones only, with or without an acknowledgement").isEqualTo(2);
        assertThat(s.toResolve().mean()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void onlyIncidentsCreatedInTheWindowCount() {
        Instant from = LAST_30_DAYS.from();
        List<CountedIncident> list = List.of(incident(from.minusMillis(1), Duration.ofMinutes(1), null), incident(from, Duration.ofMinutes(2), null),
                incident(NOW.minusMillis(1), Duration.ofMinutes(3), null), incident(NOW, Duration.ofMinutes(4), null));
        IncidentMetrics m = MetricsCalculator.compute(list, LAST_30_DAYS, NOW);
        assertThat(m.total().incidents()).isEqualTo(2);
        assertThat(m.incidents()).extracting(c -> c.toAcknowledge()).containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(3));
    }

    @Test
    void perServiceTeamAndPriorityAnIncidentCountsForEachServiceItImpairs() {
        List<CountedIncident> list = List.of(
                incident(T0, Duration.ofMinutes(1), Duration.ofMinutes(10), 1, List.of(3L, 4L), List.of(7L), List.of()),
                incident(T0, Duration.ofMinutes(3), null, 2, List.of(3L), List.of(7L), List.of()),
                incident(T0, null, null, null, List.of(4L), List.of(), List.of()));
        IncidentMetrics m = MetricsCalculator.compute(list, LAST_30_DAYS, NOW);
        assertThat(m.byService()).extracting(IncidentMetrics.Group::key).containsExactly("3", "4");
        assertThat(m.byService().get(0).summary().incidents()).isEqualTo(2);
        assertThat(m.byService().get(0).summary().toAcknowledge().median()).isEqualTo(Duration.ofMinutes(2));
        assertThat(m.byService().get(1).summary().incidents()).isEqualTo(2);
        assertThat(m.byService().get(1).summary().neverAcknowledged()).isEqualTo(1);
        assertThat(m.byTeam()).extracting(IncidentMetrics.Group::key).containsExactly("7", "none");
        assertThat(m.byPriority()).extracting(IncidentMetrics.Group::key).containsExactly("1", "2", "none");
        assertThat(m.byPriority().get(0).summary().toResolve().median()).isEqualTo(Duration.ofMinutes(10));

        MetricsQuery onlyService4 = new MetricsQuery(LAST_30_DAYS.from(), NOW, ZoneOffset.UTC, 4L, null, null);
        assertThat(MetricsCalculator.compute(list, onlyService4, NOW).total().incidents()).isEqualTo(2);
        MetricsQuery team7 = new MetricsQuery(LAST_30_DAYS.from(), NOW, ZoneOffset.UTC, null, 7L, null);
        assertThat(MetricsCalculator.compute(list, team7, NOW).total().incidents()).isEqualTo(2);
        MetricsQuery noPriority = new MetricsQuery(LAST_30_DAYS.from(), NOW, ZoneOffset.UTC, null, null, MetricsQuery.NO_PRIORITY);
        assertThat(MetricsCalculator.compute(list, noPriority, NOW).total().incidents()).isEqualTo(1);
        MetricsQuery p2 = new MetricsQuery(LAST_30_DAYS.from(), NOW, ZoneOffset.UTC, null, null, 2);
        assertThat(MetricsCalculator.compute(list, p2, NOW).incidents()).extracting(c -> c.incident().priority()).containsExactly(2);
    }

    @Test
    void incidentsPerIsoWeekInTheQueryZone() {
        // Sunday 23:30 UTC is already Monday in Paris: the next ISO week there
        Instant sundayNight = Instant.parse("2026-11-08T23:30:00Z");
        List<CountedIncident> list = List.of(incident(T0, Duration.ofMinutes(1), null), incident(sundayNight, Duration.ofMinutes(5), null));
        MetricsQuery utc = new MetricsQuery(T0, Instant.parse("2026-11-16T00:00:00Z"), ZoneOffset.UTC, null, null, null);
        List<IncidentMetrics.Week> weeks = MetricsCalculator.compute(list, utc, NOW).weeks();
        assertThat(weeks).extracting(IncidentMetrics.Week::isoWeek).containsExactly("2026-W45", "2026-W46");
        assertThat(weeks).extracting(w -> w.summary().incidents()).containsExactly(2, 0);
        assertThat(weeks.get(0).monday()).isEqualTo(LocalDate.parse("2026-11-02"));
        MetricsQuery paris = new MetricsQuery(T0, Instant.parse("2026-11-15T12:00:00Z"), ZoneId.of("Europe/Paris"), null, null, null);
        weeks = MetricsCalculator.compute(list, paris, NOW).weeks();
        assertThat(weeks).extracting(w -> w.summary().incidents()).containsExactly(1, 1);
        assertThat(weeks.get(1).summary().toAcknowledge().median()).isEqualTo(Duration.ofMinutes(5));
        // the ISO year of the last days of December can be the next one
        assertThat(MetricsCalculator.isoWeek(LocalDate.parse("2024-12-30"))).isEqualTo("2025-W01");
    }

    @Test
    void timeInEachStageRunsToTheNextStageResolutionOrNow() {
        CountedIncident resolved = new CountedIncident(1, 1, "a", T0, T0.plusSeconds(60), T0.plusSeconds(3600), 1, List.of(1L), List.of(),
                List.of(new StageEntered(IncidentStage.INVESTIGATING, T0), new StageEntered(IncidentStage.IDENTIFIED, T0.plusSeconds(600)),
                        new StageEntered(IncidentStage.MONITORING, T0.plusSeconds(1800)), new StageEntered(IncidentStage.RESOLVED, T0.plusSeconds(3600))),
                List.of());
        // open: back to investigating after monitoring; its current stage counts up to now
        Instant now = T0.plusSeconds(7200);
        CountedIncident open = new CountedIncident(2, 2, "b", T0, null, null, null, List.of(1L), List.of(),
                List.of(new StageEntered(IncidentStage.INVESTIGATING, T0), new StageEntered(IncidentStage.MONITORING, T0.plusSeconds(1200)),
                        new StageEntered(IncidentStage.INVESTIGATING, T0.plusSeconds(6000))),
                List.of());
        MetricsQuery q = new MetricsQuery(T0.minusSeconds(1), now, ZoneOffset.UTC, null, null, null);
        List<IncidentMetrics.StageTime> stages = MetricsCalculator.compute(List.of(resolved, open), q, now).stages();
        assertThat(stages).extracting(IncidentMetrics.StageTime::stage)
                .containsExactly(IncidentStage.INVESTIGATING, IncidentStage.IDENTIFIED, IncidentStage.MONITORING);
        IncidentMetrics.StageTime investigating = stages.get(0);
        assertThat(investigating.incidents()).isEqualTo(2);
        assertThat(investigating.total()).isEqualTo(Duration.ofSeconds(600 + 1200 + 1200));
        assertThat(investigating.mean()).isEqualTo(Duration.ofSeconds(1500));
        assertThat(stages.get(1).total()).isEqualTo(Duration.ofSeconds(1200));
        assertThat(stages.get(1).incidents()).isEqualTo(1);
        assertThat(stages.get(2).total()).isEqualTo(Duration.ofSeconds(1800 + 4800));

        ResponseTimes own = ResponseTimes.of(open, now);
        assertThat(own.toAcknowledge()).isNull();
        assertThat(own.toAcknowledgeText()).isEqualTo("not acknowledged yet (2h so far)");
        assertThat(own.toResolveText()).isEqualTo("open for 2h so far");
        assertThat(own.stages()).extracting(IncidentMetrics.StageTime::stage).containsExactly(IncidentStage.INVESTIGATING, IncidentStage.MONITORING);
        ResponseTimes done = ResponseTimes.of(resolved, now);
        assertThat(done.toAcknowledgeText()).isEqualTo("1m");
        assertThat(done.toResolveText()).isEqualTo("1h");
        assertThat(ResponseTimes.of(incident(T0, null, Duration.ofMinutes(5)), now).toAcknowledgeText())
                .isEqualTo("never acknowledged (resolved without an acknowledgement)");
    }

    @Test
    void pagesPerPersonAndThoseAtNightInTheGivenZone() {
        List<PageSent> pages = List.of(new PageSent(10, Instant.parse("2026-11-03T21:59:00Z")), // 22:59 in Paris, 21:59 UTC
                new PageSent(10, Instant.parse("2026-11-04T06:30:00Z")), // 07:30 Paris, 06:30 UTC
                new PageSent(10, Instant.parse("2026-11-04T12:00:00Z")),
                new PageSent(20, Instant.parse("2026-11-04T22:00:00Z"))); // 22:00 UTC: night from 22:00 on
        List<CountedIncident> list = List.of(incident(T0, null, null, null, List.of(1L), List.of(), pages));
        List<IncidentMetrics.Load> utc = MetricsCalculator.compute(list, LAST_30_DAYS, NOW).load();
        assertThat(utc).containsExactly(new IncidentMetrics.Load(10, 3, 1), new IncidentMetrics.Load(20, 1, 1));
        MetricsQuery paris = new MetricsQuery(LAST_30_DAYS.from(), NOW, ZoneId.of("Europe/Paris"), null, null, null);
        assertThat(MetricsCalculator.compute(list, paris, NOW).load())
                .containsExactly(new IncidentMetrics.Load(10, 3, 1), new IncidentMetrics.Load(20, 1, 1));
        assertThat(MetricsCalculator.atNight(Instant.parse("2026-11-03T21:59:00Z"), paris)).isTrue();
        assertThat(MetricsCalculator.atNight(Instant.parse("2026-11-04T06:30:00Z"), paris)).isFalse();
        assertThat(MetricsCalculator.atNight(Instant.parse("2026-11-04T06:30:00Z"), LAST_30_DAYS)).isTrue();
        assertThat(MetricsCalculator.atNight(Instant.parse("2026-11-04T07:00:00Z"), LAST_30_DAYS)).isFalse();
    }

    @Test
    void durationsReadAsPeopleSayThem() {
        assertThat(ReadableDuration.of(null)).isEqualTo("-");
        assertThat(ReadableDuration.of(Duration.ZERO)).isEqualTo("0s");
        assertThat(ReadableDuration.of(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(ReadableDuration.of(Duration.ofSeconds(250))).isEqualTo("4m 10s");
        assertThat(ReadableDuration.of(Duration.ofMinutes(125))).isEqualTo("2h 5m");
        assertThat(ReadableDuration.of(Duration.ofHours(76))).isEqualTo("3d 4h");
        assertThat(ReadableDuration.of(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(ReadableDuration.seconds(Duration.ofMillis(1500))).isEqualTo(2L);
    }

    @Test
    void parametersAreCheckedAndAWrongOneIsNamed() {
        MetricsQuery q = new MetricsParameters(null, null, null, null, null, null, null).query(NOW);
        assertThat(q.from()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(q.zone().getId()).isEqualTo("UTC");
        assertThat(new MetricsParameters("90", null, null, "Europe/Paris", "3", null, "P2").query(NOW))
                .isEqualTo(new MetricsQuery(NOW.minus(Duration.ofDays(90)), NOW, ZoneId.of("Europe/Paris"), 3L, null, 2));
        assertThat(new MetricsParameters(null, "2026-11-01", "2026-11-08", "Europe/Paris", null, null, "none").query(NOW))
                .isEqualTo(new MetricsQuery(Instant.parse("2026-10-31T23:00:00Z"), Instant.parse("2026-11-07T23:00:00Z"), ZoneId.of("Europe/Paris"),
                        null, null, MetricsQuery.NO_PRIORITY));
        assertNamed(new MetricsParameters("0", null, null, null, null, null, null), "days");
        assertNamed(new MetricsParameters("thirty", null, null, null, null, null, null), "days");
        assertNamed(new MetricsParameters("30", "2026-11-01", null, null, null, null, null), "days");
        assertNamed(new MetricsParameters(null, null, "2026-11-01", null, null, null, null), "from");
        assertNamed(new MetricsParameters(null, "yesterday", null, null, null, null, null), "from");
        assertNamed(new MetricsParameters(null, "2024-01-01", "2026-01-01", null, null, null, null), "from");
        assertNamed(new MetricsParameters(null, "2026-11-08", "2026-11-01", null, null, null, null), "to");
        assertNamed(new MetricsParameters(null, null, null, "Mars/Olympus", null, null, null), "tz");
        assertNamed(new MetricsParameters(null, null, null, null, "x", null, null), "service_id");
        assertNamed(new MetricsParameters(null, null, null, null, null, "-1", null), "team_id");
        assertNamed(new MetricsParameters(null, null, null, null, null, null, "urgent"), "priority");
    }

    private static void assertNamed(MetricsParameters p, String name) {
        assertThatThrownBy(() -> p.query(NOW)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(name));
    }
}
