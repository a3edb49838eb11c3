package io.bugmaster.releases.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Project;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.common.Page;
import io.bugmaster.releases.Deploy;
import io.bugmaster.releases.EnvironmentDeploys;
import io.bugmaster.releases.ReleaseHealth;
import io.bugmaster.releases.ReleaseHealth.Health;
import io.bugmaster.releases.ReleaseIssues;
import io.bugmaster.releases.ReleaseProject;
import io.bugmaster.releases.ReleaseService;
import io.bugmaster.releases.ReleaseView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import io.bugmaster.web.UiController;

/** The releases of an organization and one release's deploys, commits and issues. */
@UiController
class ReleasePages {
    static final int PAGE_SIZE = 25;
    static final int MAX_COMMITS = 100;
    static final int MAX_ISSUES = 25;
    static final String HEALTH_PERIOD = "30d";

    /** Session totals of a release (or of one environment of it); {@code crashFree} is null without sessions. */
    record Sessions(long sessions, long crashed, Double crashFree) {
        public String percent() {
            return crashFree == null ? "" : String.format(java.util.Locale.ROOT, "%.2f%%", crashFree * 100);
        }
    }

    /** One row of the list: the release, its deploys per environment (count and newest), its session health. */
    record Row(ReleaseView view, List<EnvironmentDeploys> deploys, Sessions sessions) {}

    /** One environment of a release: its newest deploy, how many deploys, and its sessions. */
    record Environment(String name, Deploy lastDeploy, int deployCount, Sessions sessions) {}

    private final ReleaseService releases;
    private final ProjectService projects;
    private final ReleaseHealth ingested;
    private final ReleaseIssues issues;

    ReleasePages(ReleaseService releases, ProjectService projects, ReleaseHealth ingested, ReleaseIssues issues) {
        this.releases = releases;
        this.projects = projects;
        this.ingested = ingested;
        this.issues = issues;
    }

    @GetMapping("/orgs/{org}/releases")
    ModelAndView list(Actor actor, @PathVariable String org, @RequestParam(required = false) String project,
            @RequestParam(defaultValue = "0") int offset) {
        String p = project == null || project.isBlank() ? null : project.strip();
        List<Project> orgProjects = projects.list(actor, org, 0, 500).items();
        Page<ReleaseView> page = releases.list(actor, org, p == null ? List.of() : List.of(p), null, Math.max(0, offset), PAGE_SIZE);
        // A fixed number of queries for the whole page: deploys of all its releases at once, health of all their projects at once.
        Map<Long, List<EnvironmentDeploys>> deploys = releases.deploysPerEnvironment(actor, org, page.items());
        Map<String, Sessions> health = totals(health(actor, org, page.items().stream()
                .flatMap(v -> v.projects().stream()).map(ReleaseProject::slug).distinct().toList(),
                page.items().stream().map(v -> v.release().version()).toList()), null);
        List<Row> rows = page.items().stream().map(v -> new Row(v, deploys.getOrDefault(v.release().id(), List.of()),
                health.get(v.release().version()))).toList();

        ModelAndView mav = new ModelAndView("releases/list");
        mav.addObject("section", "releases");
        mav.addObject("projectList", orgProjects);
        mav.addObject("projectFilter", p);
        mav.addObject("rows", rows);
        mav.addObject("page", page);
        return mav;
    }

    @GetMapping("/orgs/{org}/releases/{version}")
    ModelAndView detail(Actor actor, @PathVariable String org, @PathVariable String version) {
        ReleaseView view = releases.get(actor, org, version);
        List<EnvironmentDeploys> deploys = releases.deploysPerEnvironment(actor, org, List.of(view))
                .getOrDefault(view.release().id(), List.of());
        List<Health> health = health(actor, org, view.projects().stream().map(ReleaseProject::slug).toList(), List.of(version))
                .stream().filter(h -> version.equals(h.release())).toList();
        Map<String, Sessions> byEnvironment = totals(health, Health::environment);
        Map<String, EnvironmentDeploys> deploysByEnvironment = new TreeMap<>();
        deploys.forEach(d -> deploysByEnvironment.put(d.environment(), d));
        List<Environment> environments = new ArrayList<>();
        java.util.SortedSet<String> names = new java.util.TreeSet<>(deploysByEnvironment.keySet());
        byEnvironment.keySet().stream().filter(n -> n != null).forEach(names::add);
        for (String name : names) {
            EnvironmentDeploys d = deploysByEnvironment.get(name);
            environments.add(new Environment(name, d == null ? null : d.last(), d == null ? 0 : (int) d.count(),
                    byEnvironment.get(name)));
        }
        Page<ReleaseService.CommitWithFiles> commits = releases.commitsWithFiles(actor, org, version, 0, MAX_COMMITS);
        String query = "release:" + quote(version);
        String newQuery = "first-release:" + quote(version);
        Page<ReleaseIssues.IssueRow> firstSeen = issues.search(actor, org, newQuery, MAX_ISSUES);
        Page<ReleaseIssues.IssueRow> seen = issues.search(actor, org, query, MAX_ISSUES);

        ModelAndView mav = new ModelAndView("releases/detail");
        mav.addObject("section", "releases");
        mav.addObject("releaseView", view);
        mav.addObject("total", totals(health, h -> "").get(""));
        mav.addObject("environments", environments);
        mav.addObject("commits", commits);
        mav.addObject("newIssueList", firstSeen);
        mav.addObject("newIssueQuery", newQuery);
        mav.addObject("issueList", seen);
        mav.addObject("issueQuery", query);
        return mav;
    }

    /**
     * The release health of the given projects and releases, in one call; empty when the caller may
     * not read events (the page then shows no crash-free rate).
     */
    private List<Health> health(Actor actor, String org, Collection<String> projectSlugs, Collection<String> versions) {
        if (projectSlugs.isEmpty() || versions.isEmpty()) {
            return List.of();
        }
        try {
            return ingested.of(actor, org, projectSlugs, versions, HEALTH_PERIOD);
        } catch (RuntimeException e) {
            return List.of(); // no event:read in this organization
        }
    }

    /** Session totals by release version, or by {@code key} when given. */
    private static Map<String, Sessions> totals(List<Health> health, java.util.function.Function<Health, String> key) {
        Map<String, long[]> sums = new HashMap<>();
        for (Health h : health) {
            long[] s = sums.computeIfAbsent(key == null ? h.release() : key.apply(h), k -> new long[2]);
            s[0] += h.sessions();
            s[1] += h.crashed() + h.abnormal();
        }
        Map<String, Sessions> out = new HashMap<>();
        sums.forEach((k, s) -> out.put(k, new Sessions(s[0], s[1], s[0] == 0 ? null : Math.max(0, 1.0 - (double) s[1] / s[0]))));
        return out;
    }

    /** The version as one search value: quoted when it holds spaces or quotes. */
    static String quote(String version) {
        if (version.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\')) {
            return version;
        }
        return '"' + version.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
