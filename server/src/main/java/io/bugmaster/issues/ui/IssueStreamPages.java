package io.bugmaster.issues.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Project;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.Page;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.issues.IssueChanges;
import io.bugmaster.issues.IssueQueries;
import io.bugmaster.issues.IssueUpdate;
import io.bugmaster.issues.SavedSearch;
import io.bugmaster.issues.SavedSearchService;
import io.bugmaster.issues.search.DateRange;
import io.bugmaster.issues.IssueViews.IssueView;
import io.bugmaster.web.UiController;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The issue stream of an organization, optionally narrowed to one project: search, quick filters,
 * saved searches, sort, pages, assignment. While the organization (or project) has no issue at all,
 * the empty state polls a fragment of this page and swaps in the list when the first event arrives.
 */
@UiController
class IssueStreamPages {
    static final int PAGE_SIZE = 25;
    static final int SPARK_WIDTH = 96;
    static final int SPARK_HEIGHT = 24;

    /** A one-click search. */
    record QuickFilter(String label, String query) {}

    /** A sort the stream offers. */
    record SortOption(String id, String label) {}

    /** A saved search as the stream shows it: whether it is the current view, and whether the caller may delete it. */
    record SavedView(SavedSearch search, boolean current, boolean deletable) {}

    /** One choice of the assign menus: the form value ({@code me}, {@code none}, {@code user:<id>}, {@code team:<id>}) and its label. */
    record AssignOption(String value, String label) {}

    private static final Pattern ASSIGN_CHOICE = Pattern.compile("me|none|(user|team):[1-9][0-9]{0,18}");

    /** One row of the stream: the issue, its 24 h sparkline path and event count, and whether the caller is its assignee. */
    record Row(IssueView view, String spark, long last24h, boolean mine) {}

    static final List<QuickFilter> QUICK_FILTERS = List.of(
            new QuickFilter("Unresolved", "is:unresolved"),
            new QuickFilter("Assigned to me", "is:unresolved assigned:me"),
            new QuickFilter("My teams", "is:unresolved assigned:my_teams"),
            new QuickFilter("Unassigned", "is:unresolved is:unassigned"),
            new QuickFilter("Regressed", "is:unresolved is:regressed"),
            new QuickFilter("New today", "is:unresolved first-seen:-24h"));

    static final List<SortOption> SORTS = List.of(new SortOption("date", "Last seen"), new SortOption("new", "First seen"),
            new SortOption("freq", "Events"), new SortOption("user", "Users"));


    private final IssueQueries queries;
    private final IssueChanges changes;
    private final ProjectService projects;
    private final SavedSearchService searches;

    IssueStreamPages(IssueQueries queries, IssueChanges changes, ProjectService projects, SavedSearchService searches) {
        this.queries = queries;
        this.changes = changes;
        this.projects = projects;
        this.searches = searches;
    }

    @GetMapping("/orgs/{org}/issues")
    ModelAndView stream(Actor actor, @PathVariable String org, @RequestParam(required = false) String query,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String project,
            @RequestParam(required = false) String environment, @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "0") int offset) {
        return view("issues/stream", actor, org, new View(query, sort, project, environment, period, offset));
    }

    /**
     * The results part of the stream alone, for the empty state's polling: the same list again
     * while there is still no issue, the list itself once the first one exists (which stops the polling).
     */
    @GetMapping("/orgs/{org}/issues/results")
    ModelAndView results(Actor actor, @PathVariable String org, @RequestParam(required = false) String query,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String project,
            @RequestParam(required = false) String environment, @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "0") int offset) {
        ModelAndView mav = view("issues/stream :: results", actor, org, new View(query, sort, project, environment, period, offset));
        if (mav.getStatus() != null) {
            // a search error is shown by the full page; the poll keeps what it has
            mav.setStatus(null);
        }
        return mav;
    }

    /** A time range of the stream's "Last seen" picker; {@code within} is null for any time. */
    record Period(String id, String label, Duration within) {}

    static final List<Period> PERIODS = List.of(new Period("1h", "Last hour", Duration.ofHours(1)),
            new Period("24h", "Last 24 hours", Duration.ofHours(24)), new Period("7d", "Last 7 days", Duration.ofDays(7)),
            new Period("14d", "Last 14 days", Duration.ofDays(14)), new Period("30d", "Last 30 days", Duration.ofDays(30)),
            new Period("all", "Any time", null));

    static final String ALL_TIME = "all";

    /** The time range of the picker; blank means any time. */
    static Period period(String id) {
        String p = id == null || id.isBlank() ? ALL_TIME : id.strip();
        return PERIODS.stream().filter(x -> x.id().equals(p)).findFirst().orElseThrow(() -> new InvalidInputException("period",
                "unknown time range '" + p + "': choose one of 1h, 24h, 7d, 14d, 30d or all"));
    }

    /**
     * The query a saved search keeps for the view: what was typed, then the pickers as search terms
     * ({@code environment:"..." last-seen:-24h}), so the saved search shows the same issues.
     */
    static String savedQuery(String query, String environment, String period) {
        StringBuilder q = new StringBuilder(query == null ? "" : query.strip());
        if (environment != null && !environment.isBlank()) {
            q.append(q.isEmpty() ? "" : " ").append("environment:").append(quoted(environment.strip()));
        }
        Period p = period(period);
        if (p.within() != null) {
            q.append(q.isEmpty() ? "" : " ").append("last-seen:-").append(p.id());
        }
        return q.toString();
    }

    /** A search value as the search syntax reads it back: bare when it can be, else in quotes with {@code \} and {@code "} escaped. */
    static String quoted(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\')) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** What the request asks the stream for, as given. */
    record View(String query, String sort, String project, String environment, String period, int offset) {}

    /**
     * Addresses of the stream with the current project, environment and time range: every link of the
     * page (quick filters, pages, the form's {@code next}) keeps the pickers as they are.
     */
    record Links(String org, Long project, String environment, String period) {
        String to(String path, String query, String sort, int offset) {
            StringBuilder uri = new StringBuilder("/orgs/").append(UriUtils.encodePathSegment(org, StandardCharsets.UTF_8)).append(path)
                    .append("?query=").append(param(query)).append("&sort=").append(param(sort));
            if (project != null) {
                uri.append("&project=").append(project);
            }
            if (environment != null) {
                uri.append("&environment=").append(param(environment));
            }
            if (period != null) {
                uri.append("&period=").append(param(period));
            }
            if (offset > 0) {
                uri.append("&offset=").append(offset);
            }
            return uri.toString();
        }

        /** A query parameter's value, readable (':' stays) but unambiguous: '&', '=', '#', '+' and spaces are escaped. */
        private static String param(String value) {
            return UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8).replace("+", "%2B");
        }

        /** The stream with another query and sort, from the first page. */
        public String stream(String query, String sort) {
            return to("/issues", query, sort, 0);
        }

        public String page(String query, String sort, int offset) {
            return to("/issues", query, sort, Math.max(0, offset));
        }
    }

    private ModelAndView view(String template, Actor actor, String org, View request) {
        String q = request.query() == null ? IssueQueries.DEFAULT_QUERY : request.query().strip();
        String s = request.sort() == null || request.sort().isBlank() ? "date" : request.sort().strip();
        String p = request.project() == null || request.project().isBlank() ? null : request.project().strip();
        String env = request.environment() == null || request.environment().isBlank() ? null : request.environment().strip();
        int offset = Math.max(0, request.offset());
        List<Project> orgProjects = projects.list(actor, org, 0, 500).items();
        Project selected = p == null ? null : orgProjects.stream().filter(x -> String.valueOf(x.id()).equals(p)).findFirst().orElse(null);
        List<String> environments = new java.util.ArrayList<>(projects.pickerEnvironments(actor, org, selected == null ? null : selected.slug()));
        if (env != null && !environments.contains(env)) {
            // a hidden environment, or one named in a link: shown as chosen rather than silently dropped
            environments.add(env);
        }

        ModelAndView mav = new ModelAndView(template);
        mav.addObject("section", "issues");
        mav.addObject("query", q);
        mav.addObject("sort", s);
        mav.addObject("projectId", selected == null ? null : String.valueOf(selected.id()));
        mav.addObject("projectList", orgProjects);
        mav.addObject("environment", env);
        mav.addObject("environments", environments);
        mav.addObject("periods", PERIODS);
        mav.addObject("quickFilters", QUICK_FILTERS);
        mav.addObject("sorts", SORTS);
        mav.addObject("sparkWidth", SPARK_WIDTH);
        mav.addObject("sparkHeight", SPARK_HEIGHT);
        mav.addObject("page", new Page<IssueView>(List.of(), 0, PAGE_SIZE, false));
        mav.addObject("rows", List.of());
        mav.addObject("waiting", false);
        // the project whose settings page (with its DSN) the empty state points to
        mav.addObject("setupProject", selected != null ? selected : orgProjects.isEmpty() ? null : orgProjects.get(0));
        String periodId = request.period() == null || request.period().isBlank() ? ALL_TIME : request.period().strip();
        Links links = new Links(org, selected == null ? null : selected.id(), env, periodId.equals(ALL_TIME) ? null : periodId);
        mav.addObject("links", links);
        mav.addObject("period", periodId);
        mav.addObject("here", links.page(q, s, offset));
        mav.addObject("resultsUrl", links.to("/issues/results", q, s, 0));
        List<String> projectIds = selected == null ? List.of() : List.of(String.valueOf(selected.id()));
        try {
            Period range = period(periodId);
            IssueQueries.Narrowing narrowing = new IssueQueries.Narrowing(env == null ? List.of() : List.of(env),
                    range.within() == null ? null : new DateRange.Recent(range.within()));
            Page<IssueView> page = queries.listForOrganization(actor, org, projectIds, q, narrowing, s, IssueQueries.StatsPeriod.parse("24h"),
                    offset, PAGE_SIZE);
            mav.addObject("rows", page.items().stream()
                    .map(v -> new Row(v, Sparkline.area(v.stats(), SPARK_WIDTH, SPARK_HEIGHT), Sparkline.total(v.stats()),
                            v.assignee() != null && "user".equals(v.assignee().type()) && v.assignee().id() == actor.userId()))
                    .toList());
            mav.addObject("page", page);
            // the first-event empty state: nothing here at all yet, so poll until something arrives
            boolean waiting = page.items().isEmpty() && offset == 0 && q.equals(IssueQueries.DEFAULT_QUERY)
                    && queries.listForOrganization(actor, org, projectIds, "", "date", "", 0, 1).items().isEmpty();
            mav.addObject("waiting", waiting);
        } catch (InvalidInputException e) {
            mav.addObject("searchError", e.getMessage());
            mav.addObject("errorField", "period".equals(e.field()) ? "period" : "query");
            mav.setStatus(HttpStatusCode.valueOf(422));
        }
        OrgAccess access = searches.access(actor, org);
        mav.addObject("savedSearches", searches.list(actor, org).stream()
                .map(x -> new SavedView(x, x.query().equals(q) && x.sort().equals(s) && env == null && periodId.equals(ALL_TIME),
                        !x.shared() || access.has(io.bugmaster.accounts.Scopes.ORG_WRITE)))
                .toList());
        mav.addObject("maySaveOwn", searches.maySave(access, SavedSearch.OWNER));
        mav.addObject("mayShare", searches.maySave(access, SavedSearch.ORGANIZATION));
        mav.addObject("assignOptions", assignOptions(queries.assignable(actor, org), actor));
        return mav;
    }

    static List<AssignOption> assignOptions(IssueQueries.Assignable assignable, Actor actor) {
        List<AssignOption> options = new java.util.ArrayList<>();
        options.add(new AssignOption("me", "Me"));
        options.add(new AssignOption("none", "Unassigned"));
        for (var user : assignable.users()) {
            if (user.id() != actor.userId()) {
                options.add(new AssignOption("user:" + user.id(), user.name() == null || user.name().isBlank()
                        ? user.email() : user.name() + " (" + user.email() + ")"));
            }
        }
        for (var team : assignable.teams()) {
            options.add(new AssignOption("team:" + team.id(), "#" + team.name()));
        }
        return options;
    }

    /** The {@code assignedTo} change for a choice of the assign menus; the issue service checks that the person or team belongs here. */
    static IssueUpdate assignment(String choice, long userId) {
        String c = choice == null ? "" : choice.strip();
        if (!ASSIGN_CHOICE.matcher(c).matches()) {
            throw new InvalidInputException("assignee", "choose who to assign to in the menu");
        }
        return IssueUpdate.assignTo(switch (c) {
            case "me" -> "user:" + userId;
            case "none" -> null;
            default -> c;
        });
    }

    /** Saves the current view under a name, for the caller alone or shared with the organization. */
    @PostMapping("/orgs/{org}/issues/searches")
    String saveSearch(Actor actor, @PathVariable String org, @RequestParam(required = false) String name,
            @RequestParam(required = false) String query, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String environment, @RequestParam(required = false) String period,
            @RequestParam(required = false) String visibility, @RequestParam(required = false) String next,
            RedirectAttributes redirect) {
        String back = "redirect:" + (IssueDetailPages.returnsToStream(org, next) ? next : "/orgs/" + org + "/issues");
        try {
            SavedSearch saved = searches.create(actor, org, SavedSearch.Input.validate(name, savedQuery(query, environment, period),
                    sort, visibility));
            redirect.addFlashAttribute("notice", "Saved the search '" + saved.name() + "'"
                    + (saved.shared() ? " for everyone in the organization." : " for you."));
        } catch (InvalidInputException | io.bugmaster.common.ForbiddenException e) {
            redirect.addFlashAttribute("alert", "Could not save the search: " + e.getMessage());
        }
        return back;
    }

    @PostMapping("/orgs/{org}/issues/searches/{id}/delete")
    String deleteSearch(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam(required = false) String next,
            RedirectAttributes redirect) {
        String back = "redirect:" + (IssueDetailPages.returnsToStream(org, next) ? next : "/orgs/" + org + "/issues");
        try {
            searches.delete(actor, org, id);
            redirect.addFlashAttribute("notice", "Deleted the saved search.");
        } catch (io.bugmaster.common.ForbiddenException e) {
            redirect.addFlashAttribute("alert", "Could not delete the search: " + e.getMessage());
        }
        return back;
    }

    /** Bulk actions of the stream on the checked issues, of any of the organization's projects; back to the same view. */
    @PostMapping("/orgs/{org}/issues/bulk")
    String bulk(Actor actor, @PathVariable String org, @RequestParam(name = "id", required = false) List<String> ids,
            @RequestParam(required = false) String action, @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String next, RedirectAttributes redirect) {
        String back = "redirect:" + (IssueDetailPages.returnsToStream(org, next) ? next : "/orgs/" + org + "/issues");
        if ("assign".equals(action)) {
            if (ids == null || ids.isEmpty()) {
                redirect.addFlashAttribute("alert", "Select the issues first: tick their boxes, or the one to select all on this page.");
                return back;
            }
            try {
                List<IssueChanges.UpdateResult> results = changes.bulkUpdateInOrganization(actor, org, ids, assignment(assignee, actor.userId()));
                long changed = results.stream().mapToLong(r -> r.issueIds().size()).sum();
                redirect.addFlashAttribute("notice", ("none".equals(assignee) ? "Unassigned " : "Assigned ") + changed
                        + (changed == 1 ? " issue." : " issues."));
            } catch (InvalidInputException | ConflictException e) {
                redirect.addFlashAttribute("alert", e.getMessage());
            }
            return back;
        }
        IssueUpdate body = switch (action == null ? "" : action) {
            case "resolve" -> IssueUpdate.resolve();
            case "ignore" -> IssueUpdate.ignoreForever();
            case "assignMe" -> IssueUpdate.assignTo("user:" + actor.userId());
            case "merge" -> IssueUpdate.mergeIssues();
            default -> null;
        };
        if (body == null) {
            redirect.addFlashAttribute("alert", "Unknown action: choose one of the buttons on the page.");
            return back;
        }
        if (ids == null || ids.isEmpty()) {
            redirect.addFlashAttribute("alert", "Select the issues first: tick their boxes, or the one to select all on this page.");
            return back;
        }
        try {
            List<IssueChanges.UpdateResult> results = changes.bulkUpdateInOrganization(actor, org, ids, body);
            long changed = results.stream().mapToLong(r -> r.issueIds().size()).sum();
            redirect.addFlashAttribute("notice", switch (action) {
                case "merge" -> "Merged " + changed + " issues into one.";
                case "resolve" -> "Resolved " + changed + (changed == 1 ? " issue." : " issues.");
                case "ignore" -> "Ignored " + changed + (changed == 1 ? " issue." : " issues.");
                default -> "Assigned " + changed + (changed == 1 ? " issue" : " issues") + " to you.";
            });
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("alert", e.getMessage());
        }
        return back;
    }
}
