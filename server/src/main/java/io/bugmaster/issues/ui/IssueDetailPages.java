package io.bugmaster.issues.ui;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.ConflictException;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.common.NotFoundException;
import io.bugmaster.events.EventService;
import io.bugmaster.issues.IssueChanges;
import io.bugmaster.issues.IssueComments;
import io.bugmaster.issues.IssueQueries;
import io.bugmaster.issues.IssueUpdate;
import io.bugmaster.issues.IssueViews.Activity;
import io.bugmaster.issues.IssueWorkflow;
import io.bugmaster.issues.Mentions;
import io.bugmaster.issues.ownership.OwnershipService;
import io.bugmaster.issues.IssueViews.Hash;
import io.bugmaster.issues.IssueViews.IssueView;
import io.bugmaster.issues.IssueViews.TagKey;
import io.bugmaster.releases.Deploy;
import io.bugmaster.releases.SuspectCommitService;
import io.bugmaster.web.UiController;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
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

    /**
     * One entry of the activity list; a comment comes with its text cut into plain and mentioned
     * segments, a change the issue made by itself (a regression, a wake-up) with its sentence.
     */
    record ActivityItem(Activity activity, boolean comment, List<Mentions.Segment> segments, boolean editable, String sentence) {}

    /** Someone or some team to assign to: {@code value} is what the form sends ({@code user:<id>}, {@code team:<id>}). */
    record AssigneeChoice(String value, String label) {}

    /**
     * A suggested assignee with a one-click assign: {@code value} as the assign form sends it,
     * {@code name} to show, {@code reason} why ("owner by rule", "suspect commit"), {@code rule} the
     * matching rule's matcher ({@code path:src/billing/*}) or null.
     */
    record SuggestedAssignee(String value, String name, String reason, String rule) {}

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int RELEASE_CHOICES = 50;
    /** A stream address is at most as long as the request line that showed it (the server's 8 KB limit). */
    private static final int MAX_NEXT = 8192;

    /** Ignore choices of the page: the form value and the statusDetails it stands for. */
    static final Map<String, IssueUpdate> IGNORE = Map.ofEntries(
            Map.entry("30m", IssueUpdate.ignoreFor(30)),
            Map.entry("2h", IssueUpdate.ignoreFor(120)),
            Map.entry("24h", IssueUpdate.ignoreFor(1440)),
            Map.entry("1w", IssueUpdate.ignoreFor(10080)),
            Map.entry("count1", IssueUpdate.ignoreUntilEvents(1)),
            Map.entry("count10", IssueUpdate.ignoreUntilEvents(10)),
            Map.entry("count100", IssueUpdate.ignoreUntilEvents(100)),
            Map.entry("count1000", IssueUpdate.ignoreUntilEvents(1000)),
            Map.entry("users1", IssueUpdate.ignoreUntilUsers(1)),
            Map.entry("users10", IssueUpdate.ignoreUntilUsers(10)),
            Map.entry("users100", IssueUpdate.ignoreUntilUsers(100)),
            Map.entry("users1000", IssueUpdate.ignoreUntilUsers(1000)),
            Map.entry("escalating", IssueUpdate.ignoreUntilEscalating()),
            Map.entry("forever", IssueUpdate.ignoreForever()));

    private final IssueQueries queries;
    private final IssueChanges changes;
    private final IssueComments comments;
    private final EventService events;
    private final SuspectCommitService suspects;
    private final EventExtras extras;
    private final OwnershipService ownership;
    private final Clock clock;

    private final java.util.List<io.bugmaster.issues.IssueReferences> references;

    IssueDetailPages(IssueQueries queries, IssueChanges changes, IssueComments comments, EventService events, SuspectCommitService suspects,
            EventExtras extras, OwnershipService ownership, Clock clock, java.util.List<io.bugmaster.issues.IssueReferences> references) {
        this.references = references;
        this.extras = extras;
        this.ownership = ownership;
        this.clock = clock;
        this.queries = queries;
        this.changes = changes;
        this.comments = comments;
        this.events = events;
        this.suspects = suspects;
    }

    @GetMapping("/orgs/{org}/issues/{id}")
    ModelAndView detail(Actor actor, @PathVariable String org, @PathVariable String id,
            @RequestParam(required = false) String event, @RequestParam(required = false) String chart) {
        return page(actor, org, id, event, chart);
    }

    private ModelAndView page(Actor actor, String org, String id, String event, String chart) {
        boolean daily = "30d".equals(chart);
        IssueView view = queries.get(actor, org, id, daily ? "30d" : "24h");
        long issueId = view.issue().id();
        ModelAndView mav = new ModelAndView("issues/detail");
        mav.addObject("section", "issues");
        mav.addObject("view", view);
        mav.addObject("issue", view.issue());
        mav.addObject("statusSentence", StatusSentence.of(view.issue(), clock.instant(),
                queries.latestActivity(actor, org, id, IssueWorkflow.SET_REGRESSION).map(a -> new StatusSentence.Regression(
                        ActivitySentence.regressionRelease(data(a)), a.createdAt())).orElse(null)));
        mav.addObject("bars", Sparkline.bars(view.stats(), CHART_WIDTH, CHART_HEIGHT, daily));
        mav.addObject("periodTotal", Sparkline.total(view.stats()));
        mav.addObject("daily", daily);
        mav.addObject("chartWidth", CHART_WIDTH);
        mav.addObject("chartHeight", CHART_HEIGHT);
        mav.addObject("facets", facets(queries.tags(actor, org, id)));
        mav.addObject("groupings", groupings(queries.hashes(actor, org, id)));
        mav.addObject("suspect", suspects.suspectCommit(actor, issueId).orElse(null));
        mav.addObject("references", references.stream().flatMap(r -> r.of(view.issue().orgId(), org, view.issue().id()).stream()).toList());
        long bucketSeconds = daily ? 86_400 : 3_600;
        Instant[] window = Sparkline.window(view.stats(), bucketSeconds);
        List<Deploy> deploys = window == null ? List.of() : queries.deploys(actor, org, id, window[0], window[1]);
        mav.addObject("deployMarkers", Sparkline.markers(view.stats(), bucketSeconds, CHART_WIDTH, deploys.stream()
                .map(d -> new Sparkline.Moment(d.dateFinished(), deployLabel(d))).toList()));
        mav.addObject("releaseChoices", queries.releaseChoices(actor, org, id, RELEASE_CHOICES));
        mav.addObject("assigneeChoices", assigneeChoices(actor, org));
        mav.addObject("suggestedAssignees", suggestedAssignees(actor, org, id, view));
        mav.addObject("activities", activityItems(actor, queries.activities(actor, org, id, 0, 50).items()));
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
        mav.addObject("extras", extras.of(actor, org, view.issue(), shown));
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
            @RequestParam(required = false) String ignore, @RequestParam(required = false) String next,
            @RequestParam(required = false) String release, @RequestParam(required = false) String assignee,
            RedirectAttributes redirect) {
        if ("assign".equals(action)) {
            String back = "redirect:" + (returnsToStream(org, next) ? next : "/orgs/" + org + "/issues/" + id);
            try {
                String choice = assignee == null || assignee.isBlank() ? "none" : assignee;
                changes.update(actor, org, id, IssueStreamPages.assignment(choice, actor.userId()));
                redirect.addFlashAttribute("notice", "none".equals(choice) ? "Unassigned." : "Assigned.");
            } catch (InvalidInputException | ConflictException e) {
                redirect.addFlashAttribute("alert", e.getMessage());
            }
            return back;
        }
        IssueUpdate body;
        String notice;
        switch (action == null ? "" : action) {
            case "resolve" -> {
                body = IssueUpdate.resolve();
                notice = "Resolved. A new event reopens it as a regression.";
            }
            case "resolveInRelease" -> {
                if (release == null || release.isBlank()) {
                    body = null;
                    notice = null;
                    redirect.addFlashAttribute("alert", "Choose the release that fixes the issue.");
                    return "redirect:/orgs/" + org + "/issues/" + id;
                }
                body = IssueUpdate.resolveInRelease(release.strip());
                notice = "Resolved in " + release.strip() + ": events of that release or older do not reopen it.";
            }
            case "resolveNextRelease" -> {
                body = IssueUpdate.resolveInNextRelease();
                notice = "Resolved in the next release: events from a newer release reopen it.";
            }
            case "unresolve" -> {
                body = IssueUpdate.unresolve();
                notice = "Unresolved.";
            }
            case "ignore" -> {
                body = IGNORE.get(ignore == null ? "" : ignore);
                notice = "Ignored.";
            }
            case "assignMe" -> {
                body = IssueUpdate.assignTo("user:" + actor.userId());
                notice = "Assigned to you.";
            }
            case "subscribe" -> {
                body = IssueUpdate.subscribe(true);
                notice = "Subscribed: you get workflow emails about this issue (comments, assignments, status).";
            }
            case "unsubscribe" -> {
                body = IssueUpdate.subscribe(false);
                notice = "Unsubscribed: no more workflow emails about this issue.";
            }
            case "unassign" -> {
                body = IssueUpdate.assignTo(null);
                notice = "Unassigned.";
            }
            default -> {
                body = null;
                notice = null;
            }
        }
        String back = "redirect:" + (returnsToStream(org, next) ? next : "/orgs/" + org + "/issues/" + id);
        if (body == null) {
            redirect.addFlashAttribute("alert", "Unknown action: choose one of the buttons on the page.");
            return back;
        }
        try {
            changes.update(actor, org, id, body);
            redirect.addFlashAttribute("notice", notice);
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("alert", e.getMessage());
        }
        return back;
    }

    @PostMapping("/orgs/{org}/issues/{id}/comments")
    ModelAndView comment(Actor actor, @PathVariable String org, @PathVariable String id,
            @RequestParam(required = false) String text, RedirectAttributes redirect) {
        try {
            comments.addComment(actor, org, id, text);
        } catch (InvalidInputException e) {
            ModelAndView mav = page(actor, org, id, null, null);
            mav.addObject("commentError", e.getMessage());
            mav.addObject("commentText", text);
            mav.setStatus(HttpStatus.BAD_REQUEST);
            return mav;
        }
        redirect.addFlashAttribute("notice", "Comment added.");
        return new ModelAndView("redirect:/orgs/" + org + "/issues/" + id + "#activity-h");
    }

    @PostMapping("/orgs/{org}/issues/{id}/comments/{commentId}/delete")
    String deleteComment(Actor actor, @PathVariable String org, @PathVariable String id, @PathVariable String commentId,
            RedirectAttributes redirect) {
        comments.deleteComment(actor, org, id, commentId);
        redirect.addFlashAttribute("notice", "Comment deleted.");
        return "redirect:/orgs/" + org + "/issues/" + id;
    }

    static String deployLabel(Deploy d) {
        return "Deploy of " + d.version() + " to " + d.environment() + " at " + MINUTE.format(d.dateFinished());
    }

    /**
     * Owners by rule and the suspect commit's author, leaving out whoever is assigned already.
     * Suggestions are a help, never a reason for the page to fail.
     */
    private List<SuggestedAssignee> suggestedAssignees(Actor actor, String org, String id, IssueView view) {
        OwnershipService.Suggestions suggestions;
        try {
            suggestions = ownership.suggestedAssignees(actor, org, id);
        } catch (RuntimeException e) {
            return List.of();
        }
        List<SuggestedAssignee> out = new ArrayList<>();
        for (OwnershipService.Suggestion s : suggestions.owners()) {
            var a = s.owner();
            if (view.assignee() != null && view.assignee().type().equals(a.type()) && view.assignee().id() == a.id()) {
                continue;
            }
            String name = "team".equals(a.type()) ? "#" + a.name() : (a.name() == null || a.name().isBlank() ? a.email() : a.name());
            boolean byRule = "ownershipRule".equals(s.source());
            String rule = byRule && s.rule() != null ? s.rule().matcherType() + ":" + s.rule().pattern() : null;
            out.add(new SuggestedAssignee(a.type() + ":" + a.id(), name, byRule ? "owner by rule" : "suspect commit", rule));
        }
        return out;
    }

    /** The organization's members (who have joined) and teams, as assignee choices: the stream's list, so both offer the same people. */
    private List<AssigneeChoice> assigneeChoices(Actor actor, String org) {
        List<AssigneeChoice> choices = new ArrayList<>();
        IssueQueries.Assignable assignable = queries.assignable(actor, org);
        for (var user : assignable.users()) {
            String name = user.name() == null || user.name().isBlank() ? user.email() : user.name() + " (" + user.email() + ")";
            choices.add(new AssigneeChoice("user:" + user.id(), name));
        }
        for (var team : assignable.teams()) {
            choices.add(new AssigneeChoice("team:" + team.id(), "#" + team.name()));
        }
        return choices;
    }

    static List<ActivityItem> activityItems(Actor actor, List<Activity> activities) {
        List<ActivityItem> items = new ArrayList<>();
        for (Activity a : activities) {
            JsonNode data = data(a);
            if (!IssueComments.NOTE.equals(a.type())) {
                items.add(new ActivityItem(a, false, List.of(), false, ActivitySentence.of(a.type(), a.userId(), data)));
                continue;
            }
            Set<String> tokens = new HashSet<>();
            data.path("mentions").forEach(m -> tokens.add(m.path("token").asString("")));
            items.add(new ActivityItem(a, true, Mentions.segments(data.path("text").asString(""), tokens),
                    a.userId() != null && a.userId() == actor.userId(), null));
        }
        return items;
    }

    private static JsonNode data(Activity a) {
        return a.dataJson() == null ? JSON.missingNode() : JSON.readTree(a.dataJson());
    }

    /** Only the organization's own issue stream is a place to return to after an action (no open redirect). */
    static boolean returnsToStream(String org, String next) {
        if (next == null) {
            return false;
        }
        String stream = "/orgs/" + org + "/issues";
        return next.length() <= MAX_NEXT && (next.equals(stream) || next.startsWith(stream + "?"))
                && next.chars().noneMatch(c -> c < 0x21 || c == '\\') && !next.contains("//");
    }

    /**
     * The issue's tag facets, each fact once: {@code os.name} ("Linux") is a roll-up of {@code os} ("Linux 6.1"), and so
     * are {@code browser.name}, {@code runtime.name} and {@code device.family}; as Sentry's issue page, the facets show
     * the full value and leave the roll-up out (it stays searchable, and in the API's tags).
     */
    static List<TagFacets> facets(List<TagKey> tags) {
        Set<String> keys = new HashSet<>();
        tags.forEach(t -> keys.add(t.key()));
        List<TagFacets> out = new ArrayList<>();
        for (TagKey tag : tags) {
            if (rollUpOfAnother(tag.key(), keys)) {
                continue;
            }
            long total = Math.max(1, tag.totalValues());
            out.add(new TagFacets(tag.key(), tag.totalValues(), tag.topValues().stream()
                    .map(v -> new Facet(v.value(), v.count(), (int) Math.round(v.count() * 100.0 / total)))
                    .toList()));
        }
        return out;
    }

    private static boolean rollUpOfAnother(String key, Set<String> keys) {
        for (String suffix : List.of(".name", ".family")) {
            if (key.endsWith(suffix) && keys.contains(key.substring(0, key.length() - suffix.length()))) {
                return true;
            }
        }
        return false;
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
