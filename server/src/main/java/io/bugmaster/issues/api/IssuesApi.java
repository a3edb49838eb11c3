package io.bugmaster.issues.api;

import io.bugmaster.web.Links;
import io.bugmaster.accounts.Actor;
import io.bugmaster.issues.IssueChanges;
import io.bugmaster.issues.IssueComments;
import io.bugmaster.issues.IssueQueries;
import io.bugmaster.issues.IssueUpdate;
import io.bugmaster.issues.search.DateRange;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import io.bugmaster.common.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;

/**
 * Sentry's issue endpoints: lists with search, one issue, bulk and single changes, merge, delete,
 * activity, tags and hashes. An issue is reached by id alone or under its organization.
 */
@ApiController
@RequestMapping("/api/0")
class IssuesApi {
    private final IssueQueries queries;
    private final IssueChanges changes;
    private final IssueComments comments;
    private final Paging paging;
    private final Links links;

    IssuesApi(IssueQueries queries, IssueChanges changes, IssueComments comments, Paging paging, Links links) {
        this.queries = queries;
        this.changes = changes;
        this.comments = comments;
        this.paging = paging;
        this.links = links;
    }

    /** As Sentry's (deprecated) project list: {@code statsPeriod} chooses the stats, {@code environment} narrows. */
    @GetMapping({"/projects/{org}/{project}/issues/", "/projects/{org}/{project}/issues"})
    ResponseEntity<List<IssueJson.GroupJson>> listForProject(Actor actor, HttpServletRequest request, @PathVariable String org,
            @PathVariable String project, @RequestParam(required = false) String query,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String statsPeriod,
            @RequestParam(required = false) List<String> environment, PageRequest page) {
        var narrowing = IssueQueries.Narrowing.of(environment, null);
        var list = queries.listForProject(actor, org, project, query, narrowing, sort, IssueQueries.StatsPeriod.parse(statsPeriod),
                page.offset(), page.perPage());
        return paging.respond(request, list, view -> IssueJson.issue(view, links));
    }

    /**
     * As Sentry's organization list: {@code statsPeriod} or {@code start} and {@code end} choose the time range,
     * {@code environment} narrows, {@code groupStatsPeriod} chooses the stats.
     */
    @GetMapping({"/organizations/{org}/issues/", "/organizations/{org}/issues"})
    ResponseEntity<List<IssueJson.GroupJson>> listForOrganization(Actor actor, HttpServletRequest request,
            @PathVariable String org, @RequestParam(name = "project", required = false) List<String> projects,
            @RequestParam(required = false) String query, @RequestParam(required = false) String sort,
            @RequestParam(required = false) List<String> environment, @RequestParam(required = false) String statsPeriod,
            @RequestParam(required = false) String start, @RequestParam(required = false) String end,
            @RequestParam(required = false) String groupStatsPeriod, PageRequest page) {
        DateRange range = DateRange.parse(statsPeriod, start, end);
        var narrowing = IssueQueries.Narrowing.of(environment, range);
        var list = queries.listForOrganization(actor, org, projects, query, narrowing, sort,
                IssueQueries.StatsPeriod.forList(groupStatsPeriod, range), page.offset(), page.perPage());
        return paging.respond(request, list, view -> IssueJson.issue(view, links));
    }

    @PutMapping({"/projects/{org}/{project}/issues/", "/projects/{org}/{project}/issues"})
    ResponseEntity<Map<String, Object>> bulkUpdate(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(name = "id", required = false) List<String> ids, @RequestParam(required = false) String query,
            @RequestBody JsonNode body) {
        IssueUpdate update = IssueUpdate.parse(body);
        return changes.bulkUpdate(actor, org, project, ids, query, update)
                .map(result -> ResponseEntity.ok(IssueJson.update(result)))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @DeleteMapping({"/projects/{org}/{project}/issues/", "/projects/{org}/{project}/issues"})
    ResponseEntity<Void> bulkDelete(Actor actor, @PathVariable String org, @PathVariable String project,
            @RequestParam(name = "id", required = false) List<String> ids, @RequestParam(required = false) String query) {
        changes.bulkDelete(actor, org, project, ids, query);
        return ResponseEntity.noContent().build();
    }

    @GetMapping({"/issues/{id}/", "/issues/{id}", "/organizations/{org}/issues/{id}/", "/organizations/{org}/issues/{id}"})
    IssueJson.GroupJson get(Actor actor, @PathVariable(required = false) String org, @PathVariable String id,
            @RequestParam(required = false) String statsPeriod) {
        return IssueJson.issue(queries.get(actor, org, id, statsPeriod), links);
    }

    @PutMapping({"/issues/{id}/", "/issues/{id}", "/organizations/{org}/issues/{id}/", "/organizations/{org}/issues/{id}"})
    IssueJson.GroupJson update(Actor actor, @PathVariable(required = false) String org, @PathVariable String id,
            @RequestBody JsonNode body) {
        changes.update(actor, org, id, IssueUpdate.parse(body));
        return IssueJson.issue(queries.get(actor, org, id, null), links);
    }

    @DeleteMapping({"/issues/{id}/", "/issues/{id}", "/organizations/{org}/issues/{id}/", "/organizations/{org}/issues/{id}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable(required = false) String org, @PathVariable String id) {
        changes.delete(actor, org, id);
        return ResponseEntity.accepted().build();
    }

    @GetMapping({"/issues/{id}/activities/", "/issues/{id}/activities", "/organizations/{org}/issues/{id}/activities/",
            "/organizations/{org}/issues/{id}/activities"})
    ResponseEntity<List<IssueJson.ActivityJson>> activities(Actor actor, HttpServletRequest request,
            @PathVariable(required = false) String org, @PathVariable String id, PageRequest page) {
        return paging.respond(request, queries.activities(actor, org, id, page.offset(), page.perPage()), IssueJson::activity);
    }

    @GetMapping({"/issues/{id}/tags/", "/issues/{id}/tags", "/organizations/{org}/issues/{id}/tags/",
            "/organizations/{org}/issues/{id}/tags"})
    List<IssueJson.TagKeyJson> tags(Actor actor, @PathVariable(required = false) String org, @PathVariable String id) {
        return queries.tags(actor, org, id).stream().map(IssueJson::tagKey).toList();
    }

    @GetMapping({"/issues/{id}/tags/{key}/", "/issues/{id}/tags/{key}", "/organizations/{org}/issues/{id}/tags/{key}/",
            "/organizations/{org}/issues/{id}/tags/{key}"})
    IssueJson.TagKeyJson tag(Actor actor, @PathVariable(required = false) String org, @PathVariable String id,
            @PathVariable String key) {
        return IssueJson.tagKey(queries.tag(actor, org, id, key));
    }

    @GetMapping({"/issues/{id}/tags/{key}/values/", "/issues/{id}/tags/{key}/values",
            "/organizations/{org}/issues/{id}/tags/{key}/values/", "/organizations/{org}/issues/{id}/tags/{key}/values"})
    ResponseEntity<List<IssueJson.TagValueJson>> tagValues(Actor actor, HttpServletRequest request,
            @PathVariable(required = false) String org, @PathVariable String id, @PathVariable String key,
            PageRequest page) {
        return paging.respond(request, queries.tagValues(actor, org, id, key, page.offset(), page.perPage()),
                IssueJson::tagValue);
    }

    @GetMapping({"/issues/{id}/hashes/", "/issues/{id}/hashes", "/organizations/{org}/issues/{id}/hashes/",
            "/organizations/{org}/issues/{id}/hashes"})
    List<IssueJson.HashJson> hashes(Actor actor, @PathVariable(required = false) String org, @PathVariable String id) {
        return queries.hashes(actor, org, id).stream().map(IssueJson::hash).toList();
    }

    // --- comments (Sentry's notes) ---

    @GetMapping({"/issues/{id}/comments/", "/issues/{id}/comments", "/organizations/{org}/issues/{id}/comments/",
            "/organizations/{org}/issues/{id}/comments"})
    ResponseEntity<List<IssueJson.ActivityJson>> comments(Actor actor, HttpServletRequest request,
            @PathVariable(required = false) String org, @PathVariable String id, PageRequest page) {
        return paging.respond(request, comments.comments(actor, org, id, page.offset(), page.perPage()), IssueJson::activity);
    }

    @PostMapping({"/issues/{id}/comments/", "/issues/{id}/comments", "/organizations/{org}/issues/{id}/comments/",
            "/organizations/{org}/issues/{id}/comments"})
    ResponseEntity<IssueJson.ActivityJson> addComment(Actor actor, @PathVariable(required = false) String org,
            @PathVariable String id, @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(IssueJson.activity(comments.addComment(actor, org, id, text(body))));
    }

    @PutMapping({"/issues/{id}/comments/{commentId}/", "/issues/{id}/comments/{commentId}",
            "/organizations/{org}/issues/{id}/comments/{commentId}/", "/organizations/{org}/issues/{id}/comments/{commentId}"})
    IssueJson.ActivityJson editComment(Actor actor, @PathVariable(required = false) String org, @PathVariable String id,
            @PathVariable String commentId, @RequestBody JsonNode body) {
        return IssueJson.activity(comments.editComment(actor, org, id, commentId, text(body)));
    }

    @DeleteMapping({"/issues/{id}/comments/{commentId}/", "/issues/{id}/comments/{commentId}",
            "/organizations/{org}/issues/{id}/comments/{commentId}/", "/organizations/{org}/issues/{id}/comments/{commentId}"})
    ResponseEntity<Void> deleteComment(Actor actor, @PathVariable(required = false) String org, @PathVariable String id,
            @PathVariable String commentId) {
        comments.deleteComment(actor, org, id, commentId);
        return ResponseEntity.noContent().build();
    }

    /** The {@code text} of a comment body: {@code {"text": "..."}}. */
    static String text(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(null, "expected a JSON object like {\"text\": \"...\"}");
        }
        JsonNode text = body.get("text");
        if (text == null || text.isNull()) {
            throw new InvalidInputException("text", "write something: a comment cannot be empty");
        }
        if (!text.isString()) {
            throw new InvalidInputException("text", "must be a string");
        }
        return text.asString();
    }
}
