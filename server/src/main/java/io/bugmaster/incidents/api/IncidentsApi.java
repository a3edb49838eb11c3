package io.bugmaster.incidents.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.accounts.Directory;
import io.bugmaster.incidents.Alert;
import io.bugmaster.incidents.Incident;
import io.bugmaster.incidents.IncidentLogEntry;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
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

    IncidentsApi(Incidents incidents, Paging paging) {
        this.incidents = incidents;
        this.paging = paging;
    }

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
            String resolvedAt, List<AlertJson> alerts) {
        static IncidentJson of(Incidents.View v) {
            Incident i = v.incident();
            return new IncidentJson(Long.toString(i.number()), i.number(), i.title(), i.status().id(),
                    i.urgency().name().toLowerCase(java.util.Locale.ROOT), new Ref(Long.toString(v.service().id()), v.service().name()),
                    v.assignees().stream().map(p -> new Assignment(new UserRef(Long.toString(p.id()), p.email()))).toList(), i.level(),
                    text(i.nextEscalationAt()), i.createdAt().toString(), text(i.acknowledgedAt()), text(i.resolvedAt()),
                    v.alerts().stream().map(AlertJson::of).toList());
        }
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
            @RequestParam(name = "service_id", required = false) String serviceId, PageRequest page) {
        return paging.respond(request, incidents.list(actor, org, statuses, serviceId, page.offset(), page.perPage()), IncidentJson::of);
    }

    @GetMapping({"/{number}/", "/{number}"})
    IncidentJson get(Actor actor, @PathVariable String org, @PathVariable String number) {
        return IncidentJson.of(incidents.get(actor, org, number));
    }

    @GetMapping({"/{number}/log/", "/{number}/log"})
    ResponseEntity<List<LogJson>> log(Actor actor, HttpServletRequest request, @PathVariable String org, @PathVariable String number,
            PageRequest page) {
        return paging.respond(request, incidents.log(actor, org, number, page.offset(), page.perPage()), LogJson::of);
    }

    @PostMapping({"/{number}/acknowledge/", "/{number}/acknowledge"})
    IncidentJson acknowledge(Actor actor, @PathVariable String org, @PathVariable String number) {
        return IncidentJson.of(incidents.acknowledge(actor, org, number, "api"));
    }

    @PostMapping({"/{number}/resolve/", "/{number}/resolve"})
    IncidentJson resolve(Actor actor, @PathVariable String org, @PathVariable String number) {
        return IncidentJson.of(incidents.resolve(actor, org, number, "api"));
    }

    /** {@code {"assignees": [{"id": "12"}]}}: pages them now and makes them the assignees. */
    @PutMapping({"/{number}/assignees/", "/{number}/assignees"})
    IncidentJson reassign(Actor actor, @PathVariable String org, @PathVariable String number, @RequestBody Reassign body) {
        List<String> ids = body.assignees() == null ? List.of()
                : body.assignees().stream().map(a -> a == null || a.id() == null ? "" : a.id().toString()).toList();
        return IncidentJson.of(incidents.reassign(actor, org, number, ids, "api"));
    }

    /** {@code {"escalation_level": 2}} or an empty object for the next level. */
    @PostMapping({"/{number}/escalate/", "/{number}/escalate"})
    IncidentJson escalate(Actor actor, @PathVariable String org, @PathVariable String number,
            @RequestBody(required = false) Escalate body) {
        return IncidentJson.of(incidents.escalate(actor, org, number, body == null ? null : body.escalationLevel(), "api"));
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
