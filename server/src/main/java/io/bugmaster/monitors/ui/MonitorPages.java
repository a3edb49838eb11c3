package io.bugmaster.monitors.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.accounts.ProjectKey;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.BugmasterProperties;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.Page;
import io.bugmaster.incidents.Services;
import io.bugmaster.monitors.Monitor;
import io.bugmaster.monitors.MonitorKind;
import io.bugmaster.monitors.MonitorState;
import io.bugmaster.monitors.MonitorStore;
import io.bugmaster.monitors.api.Monitors;
import io.bugmaster.monitors.sources.DataSources;
import io.bugmaster.web.UiController;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Monitors in the web: the list (state, schedule, last run, 90-day uptime bars, filters), a
 * monitor's page (why it is in its state, how to send check-ins, its runs or its values and last
 * result), the form for each kind, and the actions (pause, resume, mute, delete) for people who
 * may change alerts.
 */
@UiController
@RequestMapping("/orgs/{org}/monitors")
class MonitorPages {
    static final int RUNS_PER_PAGE = 50;
    /** Runs the timeline chart draws, and the results the value chart draws (the last 7 days). */
    static final int CHARTED = 60;
    static final int CHARTED_RESULTS = 2_000;
    /** A condition's operator in the form: its id and its sign. */
    record Operator(String id, String symbol) {}

    static final List<Operator> OPERATORS = io.bugmaster.monitors.Condition.OPERATORS.stream()
            .map(o -> new Operator(o, new io.bugmaster.monitors.Condition(o, 0).describe().replace(" 0", ""))).toList();

    /** Why a monitor is late or down, for people (state_reason). */
    static final Map<String, String> REASONS = Map.of("missed", "a check-in was missed", "timeout", "a run timed out", "error",
            "the job failed", "condition", "the condition holds", "query_error", "the check could not run", "late", "a check-in is late");
    static final List<String> ZONES = new TreeSet<>(ZoneId.getAvailableZoneIds()).stream().filter(z -> z.contains("/") || z.equals("UTC")).toList();

    private final Monitors monitors;
    private final Directory directory;
    private final DataSources dataSources;
    private final Services services;
    private final ProjectService projects;
    private final Clock clock;
    private final String baseUrl;

    MonitorPages(Monitors monitors, Directory directory, DataSources dataSources, Services services, ProjectService projects, Clock clock,
            BugmasterProperties props) {
        this.monitors = monitors;
        this.directory = directory;
        this.dataSources = dataSources;
        this.services = services;
        this.projects = projects;
        this.clock = clock;
        this.baseUrl = props.baseUrlTrimmed();
    }

    /** A monitor in the list: its project and its uptime bars. */
    record Row(Monitor monitor, String project, List<UptimeBars.Day> days, String uptime, String lastValue) {}

    /** A run in the table, its duration for people. */
    record RunRow(MonitorStore.CheckIn checkIn, String duration) {}

    /** A check result in the table, its value for people. */
    record ResultRow(MonitorStore.Result result, String value) {}

    @GetMapping({"", "/"})
    ModelAndView list(Actor actor, @PathVariable String org, @RequestParam(required = false) String state,
            @RequestParam(required = false) String project) {
        OrgAccess access = monitors.reader(actor, org);
        Map<Long, String> slugs = directory.projectSlugs(access.org().id());
        Instant now = clock.instant();
        List<Monitor> all = monitors.list(actor, org);
        List<Row> rows = all.stream()
                .filter(m -> state == null || state.isBlank() || m.state().id().equals(state))
                .filter(m -> project == null || project.isBlank() || project.equals(slugs.get(m.projectId())))
                .map(m -> {
                    List<UptimeBars.Day> days = uptime(m, now);
                    return new Row(m, slugs.getOrDefault(m.projectId(), "?"), days, UptimeBars.uptime(days),
                            m.lastValue() == null ? null : MonitorCharts.number(m.lastValue()));
                }).toList();
        ModelAndView mav = new ModelAndView("monitors/list");
        mav.addObject("section", "monitors");
        mav.addObject("rows", rows);
        mav.addObject("total", all.size());
        mav.addObject("states", MonitorState.values());
        mav.addObject("projects", slugs.values().stream().sorted().toList());
        mav.addObject("state", state == null ? "" : state);
        mav.addObject("project", project == null ? "" : project);
        mav.addObject("base", base(org));
        mav.addObject("exampleUrl", baseUrl + "/ping/<ping-key>/nightly-report");
        return mav;
    }

    @GetMapping("/new")
    ModelAndView newMonitor(Actor actor, @PathVariable String org, @RequestParam(defaultValue = "cron") String kind) {
        monitors.writer(actor, org);
        MonitorKind k = MonitorKind.parse(kind).orElse(MonitorKind.CRON);
        return form(actor, org, null, MonitorForm.blank(k), Map.of());
    }

    @PostMapping("/new")
    ModelAndView create(Actor actor, @PathVariable String org, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        monitors.writer(actor, org);
        MonitorForm typed = MonitorForm.of(params);
        try {
            Monitor m = monitors.create(actor, org, typed.project(), typed.slug(), typed.settings());
            redirect.addFlashAttribute("notice", "Monitor '" + m.name() + "' created." + (m.kind() == MonitorKind.CRON
                    ? " It waits for its first check-in: see below how the job sends them." : " Its check runs now."));
            return new ModelAndView("redirect:" + base(org) + "/" + m.slug());
        } catch (InvalidInputException | ConflictException e) {
            return rejected(form(actor, org, null, typed, errors(e)));
        }
    }

    @GetMapping("/{slug}/edit")
    ModelAndView edit(Actor actor, @PathVariable String org, @PathVariable String slug) {
        monitors.writer(actor, org);
        Monitor m = monitors.get(actor, org, slug);
        return form(actor, org, m, MonitorForm.of(m, monitors.projectSlug(m)), Map.of());
    }

    @PostMapping("/{slug}/edit")
    ModelAndView save(Actor actor, @PathVariable String org, @PathVariable String slug, @RequestParam Map<String, String> params,
            RedirectAttributes redirect) {
        monitors.writer(actor, org);
        Monitor current = monitors.get(actor, org, slug);
        Map<String, String> fixed = new LinkedHashMap<>(params);
        fixed.put("kind", current.kind().id());
        fixed.put("slug", current.slug());
        fixed.put("project", monitors.projectSlug(current));
        MonitorForm typed = MonitorForm.of(fixed);
        try {
            Monitor m = monitors.update(actor, org, slug, typed.settings());
            redirect.addFlashAttribute("notice", "Monitor '" + m.name() + "' saved.");
            return new ModelAndView("redirect:" + base(org) + "/" + m.slug());
        } catch (InvalidInputException | ConflictException e) {
            return rejected(form(actor, org, current, typed, errors(e)));
        }
    }

    @PostMapping("/{slug}/pause")
    String pause(Actor actor, @PathVariable String org, @PathVariable String slug, RedirectAttributes redirect) {
        Monitor m = monitors.pause(actor, org, slug);
        redirect.addFlashAttribute("notice", "Monitor '" + m.name() + "' paused: it is not watched until you resume it.");
        return "redirect:" + base(org) + "/" + slug;
    }

    @PostMapping("/{slug}/resume")
    String resume(Actor actor, @PathVariable String org, @PathVariable String slug, RedirectAttributes redirect) {
        Monitor m = monitors.resume(actor, org, slug);
        redirect.addFlashAttribute("notice", "Monitor '" + m.name() + "' resumed.");
        return "redirect:" + base(org) + "/" + slug;
    }

    @PostMapping("/{slug}/mute")
    String mute(Actor actor, @PathVariable String org, @PathVariable String slug, @RequestParam(defaultValue = "true") boolean muted,
            RedirectAttributes redirect) {
        Monitor m = monitors.mute(actor, org, slug, muted);
        redirect.addFlashAttribute("notice", muted ? "Monitor '" + m.name() + "' muted: its failures are shown here but nobody is told."
                : "Monitor '" + m.name() + "' unmuted.");
        return "redirect:" + base(org) + "/" + slug;
    }

    @PostMapping("/{slug}/delete")
    String delete(Actor actor, @PathVariable String org, @PathVariable String slug, RedirectAttributes redirect) {
        Monitor m = monitors.get(actor, org, slug);
        monitors.delete(actor, org, slug);
        redirect.addFlashAttribute("notice", "Monitor '" + m.name() + "' deleted with its history.");
        return "redirect:" + base(org);
    }

    @GetMapping({"/{slug}", "/{slug}/"})
    ModelAndView monitor(Actor actor, @PathVariable String org, @PathVariable String slug,
            @RequestParam(name = "page", defaultValue = "1") String pageParam) {
        Monitor m = monitors.get(actor, org, slug);
        Instant now = clock.instant();
        int page = pageNumber(pageParam);
        ModelAndView mav = new ModelAndView("monitors/monitor");
        mav.addObject("section", "monitors");
        mav.addObject("m", m);
        mav.addObject("project", monitors.projectSlug(m));
        mav.addObject("reason", m.stateReason() == null ? null : REASONS.getOrDefault(m.stateReason(), m.stateReason()));
        mav.addObject("days", uptime(m, now));
        mav.addObject("base", base(org));
        if (m.kind() == MonitorKind.CRON) {
            Page<MonitorStore.CheckIn> runs = monitors.checkIns(m, (page - 1) * RUNS_PER_PAGE, RUNS_PER_PAGE);
            List<MonitorStore.CheckIn> charted = monitors.checkIns(m, 0, CHARTED).items().stream()
                    .sorted(Comparator.comparing(MonitorStore.CheckIn::receivedAt)).toList();
            mav.addObject("runs", runs);
            mav.addObject("runRows", runs.items().stream().map(c -> new RunRow(c, c.duration() == null ? "—"
                    : MonitorCharts.Formats.duration(c.duration()))).toList());
            mav.addObject("bars", MonitorCharts.runs(charted));
            Monitors.PingUrls urls = monitors.pingUrls(m);
            mav.addObject("pingUrls", urls);
            mav.addObject("curlLines", curlLines(urls.byUuid()));
            mav.addObject("dsn", dsn(actor, org, monitors.projectSlug(m)));
            mav.addObject("schedule", m.config().schedule());
        } else {
            Instant from = now.minus(Duration.ofDays(7));
            List<MonitorStore.Result> charted = monitors.results(m, from, now.plusMillis(1), CHARTED_RESULTS);
            var condition = m.config().sql() != null ? m.config().sql().condition() : m.config().metric() != null
                    ? m.config().metric().condition() : null;
            mav.addObject("chart", MonitorCharts.values(charted, condition, from, now));
            Page<MonitorStore.Result> results = monitors.results(m, (page - 1) * RUNS_PER_PAGE, RUNS_PER_PAGE);
            mav.addObject("results", results);
            mav.addObject("resultRows", results.items().stream().map(r -> new ResultRow(r, r.value() == null ? "—"
                    : MonitorCharts.number(r.value()))).toList());
            mav.addObject("last", results.items().isEmpty() || page != 1 ? null : ResultDetail.of(results.items().get(0)));
        }
        mav.addObject("page", page);
        mav.addObject("chartWidth", MonitorCharts.WIDTH);
        mav.addObject("chartHeight", MonitorCharts.HEIGHT);
        return mav;
    }

    /** The healthchecks.io-style lines a crontab uses, for this monitor's ping URL. */
    static String curlLines(String url) {
        String curl = "curl -fsS -m 10 --retry 5 ";
        return String.join("\n",
                "# at the end of the job",
                curl + url,
                "# when it starts, to measure its duration and catch runs that never end",
                curl + url + "/start",
                "# when it fails, or with its exit status (0 is success, anything else a failure)",
                curl + url + "/fail",
                "/usr/local/bin/job.sh; " + curl + url + "/$?",
                "# with its output (the first 10 KB are kept)",
                "/usr/local/bin/job.sh 2>&1 | " + curl + "--data-binary @- " + url);
    }

    private List<UptimeBars.Day> uptime(Monitor m, Instant now) {
        Instant from = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(UptimeBars.DAYS - 1L));
        Monitors.Uptime u = monitors.uptime(m, from);
        return UptimeBars.days(now, m.createdAt(), u.flips(), u.failuresByDay());
    }

    /** The project's first active DSN, for the Sentry SDK and sentry-cli examples; null when it has none. */
    private String dsn(Actor actor, String org, String projectSlug) {
        try {
            return projects.listKeys(actor, org, projectSlug).stream().filter(ProjectKey::active).findFirst().map(k -> k.dsn(baseUrl))
                    .orElse(null);
        } catch (RuntimeException e) {
            return null; // a caller without project:read sees the example without a DSN
        }
    }

    private ModelAndView form(Actor actor, String org, Monitor current, MonitorForm form, Map<String, String> errors) {
        OrgAccess access = monitors.writer(actor, org);
        ModelAndView mav = new ModelAndView("monitors/form");
        mav.addObject("section", "monitors");
        mav.addObject("current", current);
        mav.addObject("pageTitle", current == null ? "New monitor" : "Edit " + current.name());
        mav.addObject("form", form);
        mav.addObject("errors", errors);
        mav.addObject("projects", directory.projectsOf(access.org().id()));
        mav.addObject("sources", dataSources.list(access.org().id()));
        mav.addObject("services", services.list(actor, org, 0, 500).items());
        mav.addObject("zones", ZONES);
        mav.addObject("units", io.bugmaster.monitors.Schedule.UNITS);
        mav.addObject("operators", OPERATORS);
        mav.addObject("severities", io.bugmaster.monitors.MonitorService.SEVERITIES);
        mav.addObject("base", base(org));
        return mav;
    }

    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("config", ""), Map.entry("data_source_id", "data_source"),
            Map.entry("service_id", "service"));

    /** The error next to the field that holds it; anything else above the form (key {@code ""}). */
    static Map<String, String> errors(RuntimeException e) {
        if (e instanceof ConflictException) {
            return Map.of("slug", capitalized(e.getMessage()));
        }
        String field = e instanceof InvalidInputException invalid ? invalid.field() : null;
        String message = e.getMessage();
        String text = field != null && message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
        String shown = field == null ? "" : FIELDS.getOrDefault(field, field);
        return Map.of(shown, capitalized(text));
    }

    private static int pageNumber(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            return n >= 1 && n <= 100_000 ? n : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String capitalized(String s) {
        String text = s == null || s.isEmpty() ? "Something is wrong with this form" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return text.endsWith(".") || text.endsWith(")") ? text : text + ".";
    }

    private static ModelAndView rejected(ModelAndView mav) {
        mav.setStatus(HttpStatusCode.valueOf(422));
        return mav;
    }

    private static String base(String org) {
        return "/orgs/" + org + "/monitors";
    }
}
