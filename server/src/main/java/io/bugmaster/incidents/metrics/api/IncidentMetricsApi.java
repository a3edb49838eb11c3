package io.bugmaster.incidents.metrics.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.metrics.IncidentMetrics;
import io.bugmaster.incidents.metrics.IncidentMetricsService;
import io.bugmaster.incidents.metrics.MetricsParameters;
import io.bugmaster.incidents.metrics.MetricsQuery;
import io.bugmaster.incidents.metrics.ReadableDuration;
import io.bugmaster.web.api.ApiController;
import java.time.Duration;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /api/0/organizations/{org}/incident-metrics/?days=30}: MTTA and MTTR (mean, median,
 * p90) overall and per service, team, priority and ISO week; time in each stage; pages per person.
 * Every duration is given in whole seconds ({@code *_seconds}) and in words.
 */
@ApiController
class IncidentMetricsApi {
    private final IncidentMetricsService metrics;

    IncidentMetricsApi(IncidentMetricsService metrics) {
        this.metrics = metrics;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StatJson(int count, Long meanSeconds, Long medianSeconds, Long p90Seconds, String mean, String median, String p90) {
        static StatJson of(IncidentMetrics.Stat s) {
            return new StatJson(s.count(), ReadableDuration.seconds(s.mean()), ReadableDuration.seconds(s.median()),
                    ReadableDuration.seconds(s.p90()), text(s.mean()), text(s.median()), text(s.p90()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SummaryJson(int incidents, int open, int resolved, int acknowledged, int neverAcknowledged, int resolvedUnacknowledged,
            int openUnacknowledged, StatJson mtta, StatJson mttr) {
        static SummaryJson of(IncidentMetrics.Summary s) {
            return new SummaryJson(s.incidents(), s.open(), s.resolved(), s.acknowledged(), s.neverAcknowledged(), s.resolvedUnacknowledged(),
                    s.openUnacknowledged(), StatJson.of(s.toAcknowledge()), StatJson.of(s.toResolve()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WindowJson(String from, String to, Integer days, String tz) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record FiltersJson(String serviceId, String teamId, Object priority) {}

    record ServiceJson(String id, String name, SummaryJson summary) {}

    /** A team; id and name null for the incidents whose services have no team. */
    record TeamJson(String id, String name, SummaryJson summary) {}

    /** A priority; level null for the incidents without one. */
    record PriorityJson(Integer level, String label, SummaryJson summary) {}

    record WeekJson(String week, String start, SummaryJson summary) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record StageJson(String stage, int incidents, Long totalSeconds, Long meanSeconds, Long medianSeconds, String total, String mean,
            String median) {}

    record UserJson(String id, String name, String email) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LoadJson(UserJson user, int pages, int nightPages) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MetricsJson(WindowJson window, FiltersJson filters, boolean truncated, SummaryJson summary, List<ServiceJson> byService,
            List<TeamJson> byTeam, List<PriorityJson> byPriority, List<WeekJson> weeks, List<StageJson> stages,
            List<LoadJson> onCallLoad) {}

    @GetMapping({"/api/0/organizations/{org}/incident-metrics/", "/api/0/organizations/{org}/incident-metrics"})
    MetricsJson get(Actor actor, @PathVariable String org, @RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String tz, @RequestParam(name = "service_id", required = false) String serviceId,
            @RequestParam(name = "team_id", required = false) String teamId, @RequestParam(required = false) String priority) {
        IncidentMetricsService.Report r = metrics.report(actor, org, new MetricsParameters(days, from, to, tz, serviceId, teamId, priority));
        IncidentMetrics m = r.metrics();
        MetricsQuery q = m.query();
        Object priorityFilter = q.priority() == null ? null : q.priority() == MetricsQuery.NO_PRIORITY ? IncidentMetrics.NONE : q.priority();
        return new MetricsJson(new WindowJson(q.from().toString(), q.to().toString(), r.days(), q.zone().getId()),
                new FiltersJson(id(q.serviceId()), id(q.teamId()), priorityFilter), r.truncated(), SummaryJson.of(m.total()),
                m.byService().stream().map(g -> new ServiceJson(g.key(), r.serviceName(g.key()), SummaryJson.of(g.summary()))).toList(),
                m.byTeam().stream().map(g -> new TeamJson(none(g.key()) ? null : g.key(), none(g.key()) ? null : r.teamName(g.key()),
                        SummaryJson.of(g.summary()))).toList(),
                m.byPriority().stream().map(g -> new PriorityJson(none(g.key()) ? null : Integer.valueOf(g.key()),
                        none(g.key()) ? null : r.priorityLabel(g.key()), SummaryJson.of(g.summary()))).toList(),
                m.weeks().stream().map(w -> new WeekJson(w.isoWeek(), w.monday().toString(), SummaryJson.of(w.summary()))).toList(),
                m.stages().stream().map(s -> new StageJson(s.stage().id(), s.incidents(), ReadableDuration.seconds(s.total()),
                        ReadableDuration.seconds(s.mean()), ReadableDuration.seconds(s.median()), text(s.total()), text(s.mean()),
                        text(s.median()))).toList(),
                m.load().stream().map(l -> new LoadJson(user(r, l.userId()), l.pages(), l.nightPages())).toList());
    }

    private static UserJson user(IncidentMetricsService.Report r, long userId) {
        Directory.Person p = r.people().get(userId);
        return new UserJson(Long.toString(userId), p == null ? null : p.name(), p == null ? null : p.email());
    }

    private static boolean none(String key) {
        return key.equals(IncidentMetrics.NONE);
    }

    private static String id(Long id) {
        return id == null ? null : id.toString();
    }

    private static String text(Duration d) {
        return d == null ? null : ReadableDuration.of(d);
    }
}
