package io.bugmaster.incidents.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.incidents.Alert;
import io.bugmaster.incidents.DeclareRules;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentLogEntry;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.web.Links;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Incidents, addressed by their number in the organization ({@code id} and {@code incident_number}
 * are the same number), with PagerDuty's field names.
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/incidents")
class IncidentsApi {
    private final Incidents incidents;
    private final Paging paging;
    private final Links links;

    IncidentsApi(Incidents incidents, Paging paging, Links links) {
        this.incidents = incidents;
        this.paging = paging;
        this.links = links;
    }

    record PriorityRef(int level, String label) {}

    /** A linked error issue: Sentry's {@code shortId} spelling, and its page. */
    record IssueRef(String id, String shortId, String title, String link) {}

    record Ref(String id, String summary) {}

    record UserRef(String id, String email) {}

    record Assignment(UserRef assignee) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AlertJson(String id, String dedupKey, String status, String summary, String severity, Map<String, Object> details,
            String createdAt, String resolvedAt) {
        static AlertJson of(Alert a) {
            return new AlertJson(Long.toString(a.id()), a.dedupKey(), a.status(), a.summary(), a.severity(), a.details(),
                    a.createdAt().toString(), text(a.resolvedAt()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record IncidentJson(String id, long incidentNumber, String title, String status, String urgency, Ref service,
            List<Assignment> assignments, int escalationLevel, String nextEscalationAt, String createdAt, String acknowledgedAt,
            String resolvedAt, List<AlertJson> alerts, PriorityRef priority, String stage, String description, UserRef declaredBy,
            List<Ref> impactedServices, List<IssueRef> linkedIssues) {}

    IncidentJson json(String org, Incidents.View v) {
        Incident i = v.incident();
        return new IncidentJson(Long.toString(i.number()), i.number(), i.title(), i.status().id(),
                i.urgency().name().toLowerCase(java.util.Locale.ROOT), new Ref(Long.toString(v.service().id()), v.service().name()),
                v.assignees().stream().map(p -> new Assignment(new UserRef(Long.toString(p.id()), p.email()))).toList(), i.level(),
                text(i.nextEscalationAt()), i.createdAt().toString(), text(i.acknowledgedAt()), text(i.resolvedAt()),
                v.alerts().stream().map(AlertJson::of).toList(),
                v.priority() == null ? null : new PriorityRef(v.priority().level(), v.priority().label()), i.stage().id(), i.description(),
                v.declaredBy() == null ? null : new UserRef(Long.toString(v.declaredBy().id()), v.declaredBy().email()),
                v.impacted().stream().map(s -> new Ref(Long.toString(s.id()), s.name())).toList(),
                v.linkedIssues().stream().map(li -> new IssueRef(Long.toString(li.id()), li.shortId(), li.title(),
                        links.issue(org, li.id()))).toList());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogJson(String id, String type, String createdAt, UserRef user, String actor, String via, String message) {
        static LogJson of(IncidentLogEntry e) {
            return new LogJson(Long.toString(e.id()), e.kind(), e.at().toString(), e.userId() == null ? null : new UserRef(e.userId().toString(), null),
                    e.actor(), e.via(), e.message());
        }
    }

    record AssigneeRef(Object id) {}

    record Reassign(List<AssigneeRef> assignees) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Escalate(Integer escalationLevel) {}

    @GetMapping({"/", ""})
    ResponseEntity<List<IncidentJson>> list(Actor actor, HttpServletRequest request, @PathVariable String org,
            @RequestParam(name = "statuses", required = false) List<String> statuses,
            @RequestParam(name = "stage", required = false) List<String> stages,
            @RequestParam(name = "priority", required = false) List<String> priorities,
            @RequestParam(name = "service_id", required = false) String serviceId,
            @RequestParam(name = "query", required = false) String query,
            @RequestParam(name = "declared", required = false) String declared, PageRequest page) {
        Boolean onlyDeclared = switch (declared == null ? "" : declared.strip()) {
            case "" -> null;
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidInputException("declared", "true (incidents with a priority) or false (without); got '" + declared
                    + "'");
        };
        Incidents.ListFilter filter = new Incidents.ListFilter(statuses, stages, priorities, serviceId, query, onlyDeclared);
        return paging.respond(request, incidents.list(actor, org, filter, page.offset(), page.perPage()), v -> json(org, v));
    }

    /** Declares an incident: {@code {"title", "service_ids": ["3"], "priority": 2, "description", "issue_id"}}; the first service pages. */
    @PostMapping({"/", ""})
    ResponseEntity<IncidentJson> declare(Actor actor, @PathVariable String org, @RequestBody(required = false) Map<String, Object> body) {
        Incidents.View v = incidents.declare(actor, org, DeclareRules.declareInput(body), "api");
        return ResponseEntity.status(HttpStatus.CREATED).body(json(org, v));
    }

    @GetMapping({"/{number}/", "/{number}"})
    IncidentJson get(Actor actor, @PathVariable String org, @PathVariable String number) {
        return json(org, incidents.get(actor, org, number));
    }

    /** Changes any of title, priority, stage, description, impacted_services; fields left out keep their values. */
    @PutMapping({"/{number}/", "/{number}"})
    IncidentJson update(Actor actor, @PathVariable String org, @PathVariable String number,
            @RequestBody(required = false) Map<String, Object> body) {
        return json(org, incidents.update(actor, org, number, body, "api"));
    }

    /** {@code {"issue_id": "17"}}: links an error issue of the organization. */
    @PostMapping({"/{number}/issues/", "/{number}/issues"})
    ResponseEntity<IncidentJson> linkIssue(Actor actor, @PathVariable String org, @PathVariable String number,
            @RequestBody(required = false) Map<String, Object> body) {
        Object issueId = body == null ? null : body.get("issue_id");
        if (issueId != null && !(issueId instanceof String) && !(issueId instanceof Number)) {
            throw new InvalidInputException("issue_id", "the id of an error issue of this organization, such as \"17\"");
        }
        Incidents.View v = incidents.linkIssue(actor, org, number, issueId == null ? null : issueId.toString(), "api");
        return ResponseEntity.status(HttpStatus.CREATED).body(json(org, v));
    }

    @GetMapping({"/{number}/issues/", "/{number}/issues"})
    List<IssueRef> linkedIssues(Actor actor, @PathVariable String org, @PathVariable String number) {
        return json(org, incidents.get(actor, org, number)).linkedIssues();
    }

    @DeleteMapping({"/{number}/issues/{issueId}/", "/{number}/issues/{issueId}"})
    IncidentJson unlinkIssue(Actor actor, @PathVariable String org, @PathVariable String number, @PathVariable String issueId) {
        return json(org, incidents.unlinkIssue(actor, org, number, issueId, "api"));
    }

    @GetMapping({"/{number}/log/", "/{number}/log"})
    ResponseEntity<List<LogJson>> log(Actor actor, HttpServletRequest request, @PathVariable String org, @PathVariable String number,
            PageRequest page) {
        return paging.respond(request, incidents.log(actor, org, number, page.offset(), page.perPage()), LogJson::of);
    }

    @PostMapping({"/{number}/acknowledge/", "/{number}/acknowledge"})
    IncidentJson acknowledge(Actor actor, @PathVariable String org, @PathVariable String number) {
        return json(org, incidents.acknowledge(actor, org, number, "api"));
    }

    @PostMapping({"/{number}/resolve/", "/{number}/resolve"})
    IncidentJson resolve(Actor actor, @PathVariable String org, @PathVariable String number) {
        return json(org, incidents.resolve(actor, org, number, "api"));
    }

    /** {@code {"assignees": [{"id": "12"}]}}: pages them now and makes them the assignees. */
    @PutMapping({"/{number}/assignees/", "/{number}/assignees"})
    IncidentJson reassign(Actor actor, @PathVariable String org, @PathVariable String number, @RequestBody Reassign body) {
        List<String> ids = body.assignees() == null ? List.of()
                : body.assignees().stream().map(a -> a == null || a.id() == null ? "" : a.id().toString()).toList();
        return json(org, incidents.reassign(actor, org, number, ids, "api"));
    }

    /** {@code {"escalation_level": 2}} or an empty object for the next level. */
    @PostMapping({"/{number}/escalate/", "/{number}/escalate"})
    IncidentJson escalate(Actor actor, @PathVariable String org, @PathVariable String number,
            @RequestBody(required = false) Escalate body) {
        return json(org, incidents.escalate(actor, org, number, body == null ? null : body.escalationLevel(), "api"));
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
