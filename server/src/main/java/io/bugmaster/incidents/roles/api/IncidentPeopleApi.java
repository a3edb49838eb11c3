package io.bugmaster.incidents.roles.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.incidents.roles.IncidentRoles;
import io.bugmaster.incidents.roles.Responders;
import io.bugmaster.web.api.ApiController;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Who works an incident: its roles' holders ({@code /roles/}) and the people asked to respond
 * ({@code /responders/}), addressed by the incident's number.
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/incidents/{number}")
class IncidentPeopleApi {
    private final IncidentRoles roles;
    private final Responders responders;

    IncidentPeopleApi(IncidentRoles roles, Responders responders) {
        this.roles = roles;
        this.responders = responders;
    }

    /** {@code {"role": "incident_manager" or its id, "user_id": "12"}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Assign(Object role, Object userId) {}

    /** One of user_id, escalation_policy_id, service_id; and an optional message. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AddResponders(Object userId, Object escalationPolicyId, Object serviceId, String message) {}

    @GetMapping({"/roles/", "/roles"})
    List<RoleJson.Holders> holders(Actor actor, @PathVariable String org, @PathVariable String number) {
        return roles.holders(actor, org, number).stream().map(RoleJson.Holders::of).toList();
    }

    /** Makes the member the role's holder (the holder until now steps down) and notifies them. */
    @PostMapping({"/roles/", "/roles"})
    ResponseEntity<RoleJson.Holders> assign(Actor actor, @PathVariable String org, @PathVariable String number,
            @RequestBody(required = false) Assign body) {
        Assign b = body == null ? new Assign(null, null) : body;
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(RoleJson.Holders.of(roles.assign(actor, org, number, RoleJson.id(b.role()), RoleJson.id(b.userId()), "api")));
    }

    @DeleteMapping({"/roles/{role}/", "/roles/{role}"})
    ResponseEntity<Void> unassign(Actor actor, @PathVariable String org, @PathVariable String number, @PathVariable String role) {
        roles.unassign(actor, org, number, role, "api");
        return ResponseEntity.noContent().build();
    }

    @GetMapping({"/responders/", "/responders"})
    List<RoleJson.Responder> responders(Actor actor, @PathVariable String org, @PathVariable String number) {
        return responders.list(actor, org, number).stream().map(RoleJson.Responder::of).toList();
    }

    /** Pages them now; answers the requests made, one per person reached. */
    @PostMapping({"/responders/", "/responders"})
    ResponseEntity<List<RoleJson.Responder>> add(Actor actor, @PathVariable String org, @PathVariable String number,
            @RequestBody(required = false) AddResponders body) {
        AddResponders b = body == null ? new AddResponders(null, null, null, null) : body;
        List<Responders.Responder> added = responders.add(actor, org, number,
                new Responders.Request(RoleJson.id(b.userId()), RoleJson.id(b.escalationPolicyId()), RoleJson.id(b.serviceId()), b.message()),
                "api");
        return ResponseEntity.status(HttpStatus.CREATED).body(added.stream().map(RoleJson.Responder::of).toList());
    }
}
