package io.bugmaster.events.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.events.EventService;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.node.ObjectNode;

/** Sentry's event endpoints: an issue's events (newest first), its latest and oldest, one event by id. */
@ApiController
@RequestMapping("/api/0")
class EventsApi {
    private final EventService events;
    private final Paging paging;

    EventsApi(EventService events, Paging paging) {
        this.events = events;
        this.paging = paging;
    }

    @GetMapping({"/issues/{id}/events/", "/issues/{id}/events", "/organizations/{org}/issues/{id}/events/",
            "/organizations/{org}/issues/{id}/events"})
    ResponseEntity<List<ObjectNode>> list(Actor actor, HttpServletRequest request, @PathVariable(required = false) String org,
            @PathVariable String id, @RequestParam(required = false) String full, PageRequest page) {
        boolean withEntries = "true".equalsIgnoreCase(full) || "1".equals(full);
        return paging.respond(request, events.listForIssue(actor, org, id, withEntries, page.offset(), page.perPage()), e -> e);
    }

    /** {@code event} is latest, oldest, recommended or an event id. */
    @GetMapping({"/issues/{id}/events/{event}/", "/issues/{id}/events/{event}", "/organizations/{org}/issues/{id}/events/{event}/",
            "/organizations/{org}/issues/{id}/events/{event}"})
    ObjectNode one(Actor actor, @PathVariable(required = false) String org, @PathVariable String id,
            @PathVariable String event) {
        return events.forIssue(actor, org, id, event);
    }

    @GetMapping({"/projects/{org}/{project}/events/{event}/", "/projects/{org}/{project}/events/{event}"})
    ObjectNode forProject(Actor actor, @PathVariable String org, @PathVariable String project, @PathVariable String event) {
        return events.forProject(actor, org, project, event);
    }
}
