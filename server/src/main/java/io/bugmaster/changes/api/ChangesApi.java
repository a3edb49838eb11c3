package io.bugmaster.changes.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.changes.Change;
import io.bugmaster.changes.Changes;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code /changes/}: deploy scripts and people post what changed in production; incidents show what changed before them. */
@ApiController
@RequestMapping("/api/0/organizations/{org}/changes")
class ChangesApi {
    private final Changes changes;
    private final Paging paging;

    ChangesApi(Changes changes, Paging paging) {
        this.changes = changes;
        this.paging = paging;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChangeJson(String id, String kind, String summary, String environment, String who, List<Change.Link> links, String happenedAt,
            String createdAt, List<String> serviceIds, List<String> projectIds) {
        static ChangeJson of(Change c) {
            return new ChangeJson(Long.toString(c.id()), c.kind().id(), c.summary(), c.environment(), c.who(), c.links(),
                    c.happenedAt().toString(), c.createdAt().toString(), c.serviceIds().stream().map(String::valueOf).toList(),
                    c.projectIds().stream().map(String::valueOf).toList());
        }
    }

    @PostMapping({"/", ""})
    ResponseEntity<ChangeJson> post(Actor actor, @PathVariable String org, @RequestBody Map<String, Object> body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(ChangeJson.of(changes.post(actor, org, body)));
    }

    @GetMapping({"/", ""})
    ResponseEntity<List<ChangeJson>> list(Actor actor, HttpServletRequest request, @PathVariable String org, PageRequest page,
            @RequestParam(name = "service_id", required = false) String serviceId,
            @RequestParam(name = "project", required = false) String project,
            @RequestParam(name = "kind", required = false) String kind,
            @RequestParam(name = "since", required = false) String since,
            @RequestParam(name = "until", required = false) String until) {
        return paging.respond(request, changes.list(actor, org, new Changes.Query(serviceId, project, kind, since, until), page.offset(),
                page.perPage()), ChangeJson::of);
    }
}
