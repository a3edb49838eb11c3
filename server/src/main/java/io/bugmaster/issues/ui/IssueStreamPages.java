package io.bugmaster.issues.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Project;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.Page;
import io.bugmaster.accounts.OrgAccess;
import io.bugmaster.issues.IssueService;
import io.bugmaster.issues.IssueUpdate;
import io.bugmaster.issues.SavedSearch;
import io.bugmaster.issues.SavedSearchService;
import io.bugmaster.issues.IssueViews.IssueView;
import io.bugmaster.web.UiController;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IssueService issues;
    private final ProjectService projects;
    private final SavedSearchService searches;

    IssueStreamPages(IssueService issues, ProjectService projects, SavedSearchService searches) {
        this.issues = issues;
        this.projects = projects;
        this.searches = searches;
    }

    @GetMapping("/orgs/{org}/issues")
    ModelAndView stream(Actor actor, @PathVariable String org, @RequestParam(required = false) String query,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String project,
            @RequestParam(defaultValue = "0") int offset) {
        return view("issues/stream", actor, org, query, sort, project, offset);
    }

    /**
     * The results part of the stream alone, for the empty state's polling: the same list again
     * while there is still no issue, the list itself once the first one exists (which stops the polling).
     */
    @GetMapping("/orgs/{org}/issues/results")
    ModelAndView results(Actor actor, @PathVariable String org, @RequestParam(required = false) String query,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String project,
            @RequestParam(defaultValue = "0") int offset) {
        ModelAndView mav = view("issues/stream :: results", actor, org, query, sort, project, offset);
        if (mav.getStatus() != null) {
            // a search error is shown by the full page; the poll keeps what it has
            mav.setStatus(null);
        }
        return mav;
    }

    private ModelAndView view(String template, Actor actor, String org, String query, String sort, String project, int offset) {
        String q = query == null ? IssueService.DEFAULT_QUERY : query.strip();
        String s = sort == null || sort.isBlank() ? "date" : sort.strip();
        String p = project == null || project.isBlank() ? null : project.strip();
        List<Project> orgProjects = projects.list(actor, org, 0, 500).items();
        Project selected = p == null ? null : orgProjects.stream().filter(x -> String.valueOf(x.id()).equals(p)).findFirst().orElse(null);

        ModelAndView mav = new ModelAndView(template);
        mav.addObject("section", "issues");
        mav.addObject("query", q);
        mav.addObject("sort", s);
        mav.addObject("projectId", selected == null ? null : String.valueOf(selected.id()));
        mav.addObject("projectList", orgProjects);
        mav.addObject("quickFilters", QUICK_FILTERS);
        mav.addObject("sorts", SORTS);
        mav.addObject("sparkWidth", SPARK_WIDTH);
        mav.addObject("sparkHeight", SPARK_HEIGHT);
        mav.addObject("here", UriComponentsBuilder.fromPath("/orgs/{org}/issues").queryParam("query", q).queryParam("sort", s)
                .queryParamIfPresent("project", java.util.Optional.ofNullable(selected).map(x -> x.id()))
                .queryParamIfPresent("offset", offset > 0 ? java.util.Optional.of(offset) : java.util.Optional.empty())
                .encode().buildAndExpand(org).toUriString());
        // the project whose settings page (with its DSN) the empty state points to
        mav.addObject("setupProject", selected != null ? selected : orgProjects.isEmpty() ? null : orgProjects.get(0));
        try {
            Page<IssueView> page = issues.listForOrganization(actor, org, selected == null ? List.of() : List.of(String.valueOf(selected.id())),
                    q, s, "24h", Math.max(0, offset), PAGE_SIZE);
            mav.addObject("rows", page.items().stream()
                    .map(v -> new Row(v, Sparkline.area(v.stats(), SPARK_WIDTH, SPARK_HEIGHT), Sparkline.total(v.stats()),
                            v.assignee() != null && "user".equals(v.assignee().type()) && v.assignee().id() == actor.userId()))
                    .toList());
            mav.addObject("page", page);
            // the first-event empty state: nothing here at all yet, so poll until something arrives
            boolean waiting = page.items().isEmpty() && offset <= 0 && q.equals(IssueService.DEFAULT_QUERY)
                    && issues.listForOrganization(actor, org, selected == null ? List.of() : List.of(String.valueOf(selected.id())),
                            "", "date", "", 0, 1).items().isEmpty();
            mav.addObject("waiting", waiting);
            mav.addObject("resultsUrl", UriComponentsBuilder.fromPath("/orgs/{org}/issues/results").queryParam("query", q)
                    .queryParam("sort", s).queryParamIfPresent("project", Optional.ofNullable(selected).map(x -> x.id()))
                    .encode().buildAndExpand(org).toUriString());
        } catch (InvalidInputException e) {
            mav.addObject("rows", List.of());
            mav.addObject("page", new Page<IssueView>(List.of(), 0, PAGE_SIZE, false));
            mav.addObject("searchError", e.getMessage());
            mav.addObject("waiting", false);
            mav.setStatus(HttpStatusCode.valueOf(422));
        }
        OrgAccess access = searches.access(actor, org);
        mav.addObject("savedSearches", searches.list(actor, org).stream()
                .map(x -> new SavedView(x, x.query().equals(q) && x.sort().equals(s),
                        !x.shared() || access.has(io.bugmaster.accounts.Scopes.ORG_WRITE)))
                .toList());
        mav.addObject("maySaveOwn", searches.maySave(access, SavedSearch.OWNER));
        mav.addObject("mayShare", searches.maySave(access, SavedSearch.ORGANIZATION));
        mav.addObject("assignOptions", assignOptions(issues.assignable(actor, org), actor));
        return mav;
    }

    static List<AssignOption> assignOptions(IssueService.Assignable assignable, Actor actor) {
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
        ObjectNode body = JSON.createObjectNode();
        switch (c) {
            case "me" -> body.put("assignedTo", "user:" + userId);
            case "none" -> body.putNull("assignedTo");
            default -> body.put("assignedTo", c);
        }
        return IssueUpdate.parse(body);
    }

    /** Saves the current view under a name, for the caller alone or shared with the organization. */
    @PostMapping("/orgs/{org}/issues/searches")
    String saveSearch(Actor actor, @PathVariable String org, @RequestParam(required = false) String name,
            @RequestParam(required = false) String query, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String visibility, @RequestParam(required = false) String next,
            RedirectAttributes redirect) {
        String back = "redirect:" + (IssueDetailPages.returnsToStream(org, next) ? next : "/orgs/" + org + "/issues");
        try {
            SavedSearch saved = searches.create(actor, org, SavedSearch.Input.validate(name, query == null ? "" : query, sort, visibility));
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
                List<IssueService.UpdateResult> results = issues.bulkUpdateInOrganization(actor, org, ids, assignment(assignee, actor.userId()));
                long changed = results.stream().mapToLong(r -> r.issueIds().size()).sum();
                redirect.addFlashAttribute("notice", ("none".equals(assignee) ? "Unassigned " : "Assigned ") + changed
                        + (changed == 1 ? " issue." : " issues."));
            } catch (InvalidInputException | ConflictException e) {
                redirect.addFlashAttribute("alert", e.getMessage());
            }
            return back;
        }
        String body = switch (action == null ? "" : action) {
            case "resolve" -> "{\"status\":\"resolved\"}";
            case "ignore" -> "{\"status\":\"ignored\",\"substatus\":\"archived_forever\"}";
            case "assignMe" -> "{\"assignedTo\":\"user:" + actor.userId() + "\"}";
            case "merge" -> "{\"merge\":1}";
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
            List<IssueService.UpdateResult> results = issues.bulkUpdateInOrganization(actor, org, ids,
                    IssueUpdate.parse(JSON.readTree(body)));
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
