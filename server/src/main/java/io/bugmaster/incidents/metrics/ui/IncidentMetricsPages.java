package io.bugmaster.incidents.metrics.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.incidents.metrics.IncidentMetrics;
import io.bugmaster.incidents.metrics.IncidentMetricsService;
import io.bugmaster.incidents.metrics.MetricsParameters;
import io.bugmaster.web.UiController;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The incident metrics page ({@code /orgs/<org>/incidents/metrics}): summary tiles, SVG charts and
 * tables per service, team and priority over 30 or 90 days (or a from/to), with the filters of the
 * API; every count links to the same page narrowed to what it counts, at the list of those incidents.
 */
@UiController
class IncidentMetricsPages {
    /** The counted incidents listed under the charts, newest first. */
    static final int LISTED = 200;

    private final IncidentMetricsService metrics;

    IncidentMetricsPages(IncidentMetricsService metrics) {
        this.metrics = metrics;
    }

    /** A row of a per-service, per-team or per-priority table: its name, the link to its incidents, and its summary. */
    record GroupRow(String name, String href, IncidentMetrics.Summary summary) {}

    @GetMapping({"/orgs/{org}/incidents/metrics", "/orgs/{org}/incidents/metrics/"})
    ModelAndView page(Actor actor, @PathVariable String org, @RequestParam(required = false) String days,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String tz, @RequestParam(name = "service_id", required = false) String serviceId,
            @RequestParam(name = "team_id", required = false) String teamId, @RequestParam(required = false) String priority,
            @RequestParam(required = false) String list) {
        IncidentMetricsService.Report r = metrics.report(actor, org, new MetricsParameters(days, from, to, tz, serviceId, teamId, priority));
        IncidentMetrics m = r.metrics();
        MetricsFilters filters = MetricsFilters.of("/orgs/" + r.orgSlug() + "/incidents/metrics", days, from, to, tz, serviceId, teamId, priority,
                list);
        Predicate<IncidentMetrics.Counted> listed = switch (filters.get("list")) {
            case MetricsFilters.LIST_NEVER_ACKNOWLEDGED -> c -> !c.incident().acknowledged();
            case MetricsFilters.LIST_OPEN -> c -> !c.incident().resolved();
            default -> c -> true;
        };
        List<IncidentMetrics.Counted> counted = m.incidents().stream().filter(listed)
                .sorted(Comparator.comparing((IncidentMetrics.Counted c) -> c.incident().createdAt()).reversed()).toList();
        ModelAndView mav = new ModelAndView("incidents/metrics");
        mav.addObject("section", "incidents");
        mav.addObject("r", r);
        mav.addObject("m", m);
        mav.addObject("f", filters);
        mav.addObject("perWeek", MetricsCharts.perWeek(m));
        mav.addObject("responsePerWeek", MetricsCharts.responsePerWeek(m));
        mav.addObject("stages", MetricsCharts.stages(m));
        mav.addObject("load", MetricsCharts.load(r));
        mav.addObject("byService", m.byService().stream()
                .map(g -> new GroupRow(r.serviceName(g.key()), filters.with("service_id", g.key()), g.summary())).toList());
        mav.addObject("byTeam", m.byTeam().stream().map(g -> new GroupRow(r.teamName(g.key()),
                g.key().equals(IncidentMetrics.NONE) ? null : filters.with("team_id", g.key()), g.summary())).toList());
        mav.addObject("byPriority", m.byPriority().stream()
                .map(g -> new GroupRow(r.priorityLabel(g.key()), filters.with("priority", g.key()), g.summary())).toList());
        mav.addObject("weekLinks", m.weeks().stream().map(w -> filters.with(java.util.Map.of("from", w.monday().toString(), "to",
                w.monday().plusWeeks(1).toString(), "tz", m.query().zone().getId()))).toList());
        mav.addObject("counted", counted.stream().limit(LISTED).toList());
        mav.addObject("countedTotal", counted.size());
        return mav;
    }
}
