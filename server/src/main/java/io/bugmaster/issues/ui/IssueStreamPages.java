package io.bugmaster.issues.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Project;
import io.bugmaster.accounts.ProjectService;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.Page;
import io.bugmaster.issues.IssueService;
import io.bugmaster.issues.IssueUpdate;
import io.bugmaster.issues.IssueViews.IssueView;
import io.bugmaster.web.UiController;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The issue stream of an organization, optionally narrowed to one project: search, quick filters, sort, pages. */
@UiController
class IssueStreamPages {
    static final int PAGE_SIZE = 25;
    static final int SPARK_WIDTH = 96;
    static final int SPARK_HEIGHT = 24;

    /** A one-click search. */
    record QuickFilter(String label, String query) {}

    /** A sort the stream offers. */
    record SortOption(String id, String label) {}

    /** One row of the stream: the issue, its 24 h sparkline path and event count, and whether the caller is its assignee. */
    record Row(IssueView view, String spark, long last24h, boolean mine) {}

    static final List<QuickFilter> QUICK_FILTERS = List.of(
            new QuickFilter("Unresolved", "is:unresolved"),
            new QuickFilter("Assigned to me", "is:unresolved assigned:me"),
            new QuickFilter("Unassigned", "is:unresolved is:unassigned"),
            new QuickFilter("Regressed", "is:unresolved is:regressed"),
            new QuickFilter("New today", "is:unresolved first-seen:-24h"));

    static final List<SortOption> SORTS = List.of(new SortOption("date", "Last seen"), new SortOption("new", "First seen"),
            new SortOption("freq", "Events"), new SortOption("user", "Users"));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IssueService issues;
    private final ProjectService projects;

    IssueStreamPages(IssueService issues, ProjectService projects) {
        this.issues = issues;
        this.projects = projects;
    }

    @GetMapping("/orgs/{org}/issues")
    ModelAndView stream(Actor actor, @PathVariable String org, @RequestParam(required = false) String query,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String project,
            @RequestParam(defaultValue = "0") int offset) {
        String q = query == null ? IssueService.DEFAULT_QUERY : query.strip();
        String s = sort == null || sort.isBlank() ? "date" : sort.strip();
        String p = project == null || project.isBlank() ? null : project.strip();
        List<Project> orgProjects = projects.list(actor, org, 0, 500).items();
        Project selected = p == null ? null : orgProjects.stream().filter(x -> String.valueOf(x.id()).equals(p)).findFirst().orElse(null);

        ModelAndView mav = new ModelAndView("issues/stream");
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
        } catch (InvalidInputException e) {
            mav.addObject("rows", List.of());
            mav.addObject("page", new Page<IssueView>(List.of(), 0, PAGE_SIZE, false));
            mav.addObject("searchError", e.getMessage());
            mav.setStatus(HttpStatusCode.valueOf(422));
        }
        return mav;
    }

    /** Bulk actions of the stream on the checked issues, of any of the organization's projects; back to the same view. */
    @PostMapping("/orgs/{org}/issues/bulk")
    String bulk(Actor actor, @PathVariable String org, @RequestParam(name = "id", required = false) List<String> ids,
            @RequestParam(required = false) String action, @RequestParam(required = false) String next,
            RedirectAttributes redirect) {
        String back = "redirect:" + (IssueDetailPages.returnsToStream(org, next) ? next : "/orgs/" + org + "/issues");
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
