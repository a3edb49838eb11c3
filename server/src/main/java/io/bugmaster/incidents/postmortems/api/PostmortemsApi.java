package io.bugmaster.incidents.postmortems.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.postmortems.ActionItems;
import io.bugmaster.incidents.postmortems.Postmortem;
import io.bugmaster.incidents.postmortems.Postmortems;
import io.bugmaster.web.Downloads;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An incident's postmortem ({@code /incidents/{number}/postmortem/}: POST drafts it, GET reads it,
 * PUT saves title, body and state with the version it edited), its comments, its Markdown file,
 * the incident's action items, and the library of published postmortems ({@code /postmortems/}).
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}")
class PostmortemsApi {
    private static final MediaType MARKDOWN = new MediaType("text", "markdown", java.nio.charset.StandardCharsets.UTF_8);

    private final Postmortems postmortems;
    private final ActionItems actionItems;
    private final Paging paging;

    PostmortemsApi(Postmortems postmortems, ActionItems actionItems, Paging paging) {
        this.postmortems = postmortems;
        this.actionItems = actionItems;
        this.paging = paging;
    }

    record IncidentRef(long number, String title) {}

    record UserRef(String id, String name, String email) {
        static UserRef of(Directory.Person p) {
            return p == null ? null : new UserRef(Long.toString(p.id()), p.name(), p.email());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PostmortemJson(String id, IncidentRef incident, String title, String body, String state, long version, String createdAt,
            String updatedAt, String publishedAt) {
        static PostmortemJson of(Postmortem p, String incidentTitle) {
            return new PostmortemJson(Long.toString(p.id()), new IncidentRef(p.incidentNumber(), incidentTitle), p.title(), p.body(),
                    p.state().id(), p.version(), p.createdAt().toString(), p.updatedAt().toString(), text(p.publishedAt()));
        }

        static PostmortemJson of(Postmortems.Found f) {
            return of(f.postmortem(), f.incident().title());
        }
    }

    /** The library lists without bodies (they can be 200 KB each). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LibraryJson(String id, long incidentNumber, String title, String state, String publishedAt) {
        static LibraryJson of(Postmortem p) {
            return new LibraryJson(Long.toString(p.id()), p.incidentNumber(), p.title(), p.state().id(), text(p.publishedAt()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CommentJson(String id, UserRef author, String body, String createdAt) {
        static CommentJson of(Postmortems.Comment c) {
            return new CommentJson(Long.toString(c.comment().id()), UserRef.of(c.author()), c.comment().body(),
                    c.comment().createdAt().toString());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ActionItemJson(String id, long incidentNumber, String title, UserRef owner, String dueDate, String status, boolean overdue,
            String externalUrl, String createdAt, String doneAt) {
        static ActionItemJson of(ActionItems.Row r) {
            var a = r.item();
            return new ActionItemJson(Long.toString(a.id()), r.incidentNumber(), a.title(), UserRef.of(r.owner()),
                    a.dueDate() == null ? null : a.dueDate().toString(), a.status(), r.overdue(), a.externalUrl(), a.createdAt().toString(),
                    text(a.doneAt()));
        }
    }

    record Save(String title, String body, String state, Long version) {}

    record NewComment(String body) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ItemBody(String title, Object ownerId, String dueDate, String status, String externalUrl) {
        ActionItems.Input input() {
            return new ActionItems.Input(title, ownerId == null ? null : ownerId.toString(), dueDate, status, externalUrl);
        }
    }

    @PostMapping({"/incidents/{number}/postmortem/", "/incidents/{number}/postmortem"})
    @ResponseStatus(HttpStatus.CREATED)
    PostmortemJson draft(Actor actor, @PathVariable String org, @PathVariable String number) {
        return PostmortemJson.of(postmortems.draft(actor, org, number));
    }

    @GetMapping({"/incidents/{number}/postmortem/", "/incidents/{number}/postmortem"})
    PostmortemJson get(Actor actor, @PathVariable String org, @PathVariable String number) {
        return PostmortemJson.of(postmortems.get(actor, org, number));
    }

    /** {@code {"body": "...", "state": "in_review", "version": 3}}: fields left out keep their values. */
    @PutMapping({"/incidents/{number}/postmortem/", "/incidents/{number}/postmortem"})
    PostmortemJson save(Actor actor, @PathVariable String org, @PathVariable String number, @RequestBody Save body) {
        return PostmortemJson.of(postmortems.save(actor, org, number, new Postmortems.Edit(body.title(), body.body(), body.state(),
                body.version())));
    }

    @GetMapping({"/incidents/{number}/postmortem/markdown", "/incidents/{number}/postmortem/markdown/"})
    ResponseEntity<String> markdown(Actor actor, @PathVariable String org, @PathVariable String number) {
        Postmortem p = postmortems.get(actor, org, number).postmortem();
        return ResponseEntity.ok().contentType(MARKDOWN).header(HttpHeaders.CONTENT_DISPOSITION, Downloads.attachment(Postmortems.fileName(p)))
                .body(p.body());
    }

    @GetMapping({"/incidents/{number}/postmortem/comments/", "/incidents/{number}/postmortem/comments"})
    List<CommentJson> comments(Actor actor, @PathVariable String org, @PathVariable String number) {
        return postmortems.comments(actor, org, number).stream().map(CommentJson::of).toList();
    }

    @PostMapping({"/incidents/{number}/postmortem/comments/", "/incidents/{number}/postmortem/comments"})
    @ResponseStatus(HttpStatus.CREATED)
    CommentJson comment(Actor actor, @PathVariable String org, @PathVariable String number, @RequestBody NewComment body) {
        return CommentJson.of(postmortems.comment(actor, org, number, body.body()));
    }

    @GetMapping({"/incidents/{number}/action-items/", "/incidents/{number}/action-items"})
    List<ActionItemJson> actionItems(Actor actor, @PathVariable String org, @PathVariable String number) {
        return actionItems.list(actor, org, number).stream().map(ActionItemJson::of).toList();
    }

    /** {@code {"title", "owner_id", "due_date": "2026-12-31", "external_url"}}. */
    @PostMapping({"/incidents/{number}/action-items/", "/incidents/{number}/action-items"})
    @ResponseStatus(HttpStatus.CREATED)
    ActionItemJson addActionItem(Actor actor, @PathVariable String org, @PathVariable String number, @RequestBody ItemBody body) {
        return ActionItemJson.of(actionItems.create(actor, org, number, body.input()));
    }

    @PutMapping({"/incidents/{number}/action-items/{id}/", "/incidents/{number}/action-items/{id}"})
    ActionItemJson updateActionItem(Actor actor, @PathVariable String org, @PathVariable String number, @PathVariable String id,
            @RequestBody ItemBody body) {
        return ActionItemJson.of(actionItems.update(actor, org, number, id, body.input()));
    }

    @DeleteMapping({"/incidents/{number}/action-items/{id}/", "/incidents/{number}/action-items/{id}"})
    ResponseEntity<Void> deleteActionItem(Actor actor, @PathVariable String org, @PathVariable String number, @PathVariable String id) {
        actionItems.delete(actor, org, number, id);
        return ResponseEntity.noContent().build();
    }

    /** Published postmortems, newest first; {@code query}: words in the title or body; {@code service_id}: a service they impaired. */
    @GetMapping({"/postmortems/", "/postmortems"})
    ResponseEntity<List<LibraryJson>> library(Actor actor, HttpServletRequest request, @PathVariable String org,
            @RequestParam(name = "query", required = false) String query, @RequestParam(name = "service_id", required = false) String serviceId,
            PageRequest page) {
        return paging.respond(request, postmortems.library(actor, org, query, serviceId, page.offset(), page.perPage()), LibraryJson::of);
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
