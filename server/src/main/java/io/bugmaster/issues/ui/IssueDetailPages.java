package io.bugmaster.issues.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.events.EventService;
import io.bugmaster.issues.IssueService;
import io.bugmaster.issues.IssueUpdate;
import io.bugmaster.issues.IssueViews.Hash;
import io.bugmaster.issues.IssueViews.IssueView;
import io.bugmaster.issues.IssueViews.TagKey;
import io.bugmaster.releases.SuspectCommitService;
import io.bugmaster.web.UiController;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One issue: status controls, counts and chart, tag facets, grouping, suspect commit, activity, and one of its events. */
@UiController
class IssueDetailPages {
    static final int CHART_WIDTH = 480;
    static final int CHART_HEIGHT = 64;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A tag value as a bar: its share of the events that carry the tag. */
    record Facet(String value, long count, int percent) {}

    record TagFacets(String key, long total, List<Facet> values) {}

    record Component(String type, boolean contributes, List<String> values, String hint) {}

    record Grouping(String hash, String strategy, String variant, List<Component> components) {}

    /** Ignore choices of the page: the form value and the statusDetails it stands for. */
    static final Map<String, String> IGNORE = Map.of(
            "30m", "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreDuration\":30}}",
            "2h", "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreDuration\":120}}",
            "24h", "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreDuration\":1440}}",
            "1w", "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreDuration\":10080}}",
            "count10", "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreCount\":10}}",
            "count100", "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreCount\":100}}",
            "count1000", "{\"status\":\"ignored\",\"statusDetails\":{\"ignoreCount\":1000}}",
            "escalating", "{\"status\":\"ignored\",\"substatus\":\"archived_until_escalating\"}",
            "forever", "{\"status\":\"ignored\",\"substatus\":\"archived_forever\"}");

    private final IssueService issues;
    private final EventService events;
    private final SuspectCommitService suspects;

    IssueDetailPages(IssueService issues, EventService events, SuspectCommitService suspects) {
        this.issues = issues;
        this.events = events;
        this.suspects = suspects;
    }

    @GetMapping("/orgs/{org}/issues/{id}")
    ModelAndView detail(Actor actor, @PathVariable String org, @PathVariable String id,
            @RequestParam(required = false) String event, @RequestParam(required = false) String chart) {
        boolean daily = "30d".equals(chart);
        IssueView view = issues.get(actor, org, id, daily ? "30d" : "24h");
        long issueId = view.issue().id();
        ModelAndView mav = new ModelAndView("issues/detail");
        mav.addObject("section", "issues");
        mav.addObject("view", view);
        mav.addObject("issue", view.issue());
        mav.addObject("bars", Sparkline.bars(view.stats(), CHART_WIDTH, CHART_HEIGHT, daily));
        mav.addObject("periodTotal", Sparkline.total(view.stats()));
        mav.addObject("daily", daily);
        mav.addObject("chartWidth", CHART_WIDTH);
        mav.addObject("chartHeight", CHART_HEIGHT);
        mav.addObject("facets", facets(issues.tags(actor, org, id)));
        mav.addObject("groupings", groupings(issues.hashes(actor, org, id)));
        mav.addObject("suspect", suspects.suspectCommit(actor, issueId).orElse(null));
        mav.addObject("activities", issues.activities(actor, org, id, 0, 50).items());
        mav.addObject("assignedToMe", view.assignee() != null && "user".equals(view.assignee().type())
                && view.assignee().id() == actor.userId());
        EventView shown;
        try {
            shown = EventView.of(events.forIssue(actor, org, id, event == null || event.isBlank() ? "latest" : event.strip()));
        } catch (NotFoundException e) {
            if (event != null && !event.isBlank()) {
                throw e;
            }
            shown = null;
        }
        mav.addObject("event", shown);
        return mav;
    }

    @GetMapping("/orgs/{org}/issues/{id}/events/{eventId}.json")
    ResponseEntity<String> rawEvent(Actor actor, @PathVariable String org, @PathVariable String id, @PathVariable String eventId) {
        ObjectNode event = events.forIssue(actor, org, id, eventId);
        String name = "event-" + EventView.text(event.get("eventID")) + ".json";
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "") + "\"")
                .body(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event));
    }

    @PostMapping("/orgs/{org}/issues/{id}")
    String act(Actor actor, @PathVariable String org, @PathVariable String id, @RequestParam(required = false) String action,
            @RequestParam(required = false) String ignore, @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String next, RedirectAttributes redirect) {
        if ("assign".equals(action)) {
            String back = "redirect:" + (returnsToStream(org, next) ? next : "/orgs/" + org + "/issues/" + id);
            try {
                issues.update(actor, org, id, IssueStreamPages.assignment(assignee, actor.userId()));
                redirect.addFlashAttribute("notice", "none".equals(assignee) ? "Unassigned." : "Assigned.");
            } catch (InvalidInputException | ConflictException e) {
                redirect.addFlashAttribute("alert", e.getMessage());
            }
            return back;
        }
        String body;
        String notice;
        switch (action == null ? "" : action) {
            case "resolve" -> {
                body = "{\"status\":\"resolved\"}";
                notice = "Resolved. A new event reopens it as a regression.";
            }
            case "resolveNextRelease" -> {
                body = "{\"status\":\"resolvedInNextRelease\"}";
                notice = "Resolved in the next release: events from a newer release reopen it.";
            }
            case "unresolve" -> {
                body = "{\"status\":\"unresolved\"}";
                notice = "Unresolved.";
            }
            case "ignore" -> {
                body = IGNORE.get(ignore == null ? "" : ignore);
                notice = "Ignored.";
            }
            case "assignMe" -> {
                body = "{\"assignedTo\":\"user:" + actor.userId() + "\"}";
                notice = "Assigned to you.";
            }
            case "unassign" -> {
                body = "{\"assignedTo\":null}";
                notice = "Unassigned.";
            }
            default -> body = notice = null;
        }
        String back = "redirect:" + (returnsToStream(org, next) ? next : "/orgs/" + org + "/issues/" + id);
        if (body == null) {
            redirect.addFlashAttribute("alert", "Unknown action: choose one of the buttons on the page.");
            return back;
        }
        try {
            IssueUpdate update = IssueUpdate.parse(JSON.readTree(body));
            issues.update(actor, org, id, update);
            redirect.addFlashAttribute("notice", notice);
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("alert", e.getMessage());
        }
        return back;
    }

    /** Only the organization's own issue stream is a place to return to after an action (no open redirect). */
    static boolean returnsToStream(String org, String next) {
        if (next == null) {
            return false;
        }
        String stream = "/orgs/" + org + "/issues";
        return (next.equals(stream) || next.startsWith(stream + "?")) && next.chars().noneMatch(c -> c < 0x21 || c == '\\')
                && !next.contains("//");
    }

    static List<TagFacets> facets(List<TagKey> tags) {
        List<TagFacets> out = new ArrayList<>();
        for (TagKey tag : tags) {
            long total = Math.max(1, tag.totalValues());
            out.add(new TagFacets(tag.key(), tag.totalValues(), tag.topValues().stream()
                    .map(v -> new Facet(v.value(), v.count(), (int) Math.round(v.count() * 100.0 / total)))
                    .toList()));
        }
        return out;
    }

    static List<Grouping> groupings(List<Hash> hashes) {
        List<Grouping> out = new ArrayList<>();
        for (Hash h : hashes) {
            List<Component> components = new ArrayList<>();
            String variant = null;
            if (h.groupingJson() != null) {
                JsonNode g = JSON.readTree(h.groupingJson());
                variant = EventView.text(g.get("variant"));
                for (JsonNode c : g.path("components")) {
                    List<String> values = new ArrayList<>();
                    c.path("values").forEach(v -> values.add(v.asString()));
                    components.add(new Component(EventView.text(c.get("type")), c.path("contributes").asBoolean(false), values,
                            EventView.text(c.get("hint"))));
                }
            }
            out.add(new Grouping(h.hash(), h.strategy(), variant, components));
        }
        return out;
    }
}
