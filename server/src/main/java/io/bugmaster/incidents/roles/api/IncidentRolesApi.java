package io.bugmaster.incidents.roles.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.incidents.roles.IncidentRoles;
import io.bugmaster.incidents.roles.RoleRules;
import io.bugmaster.web.api.ApiController;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;

/** An organization's incident roles: {@code {"slug", "name", "description", "position"}}; changing them needs {@code org:write}. */
@ApiController
@RequestMapping("/api/0/organizations/{org}/incident-roles")
class IncidentRolesApi {
    private final IncidentRoles roles;

    IncidentRolesApi(IncidentRoles roles) {
        this.roles = roles;
    }

    @GetMapping({"/", ""})
    List<RoleJson.Role> list(Actor actor, @PathVariable String org) {
        return roles.list(actor, org).stream().map(RoleJson.Role::of).toList();
    }

    @PostMapping({"/", ""})
    ResponseEntity<RoleJson.Role> create(Actor actor, @PathVariable String org, @RequestBody RoleRules.Input body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(RoleJson.Role.of(roles.create(actor, org, body)));
    }

    @GetMapping({"/{id}/", "/{id}"})
    RoleJson.Role get(Actor actor, @PathVariable String org, @PathVariable String id) {
        return RoleJson.Role.of(roles.get(actor, org, id));
    }

    @PutMapping({"/{id}/", "/{id}"})
    RoleJson.Role update(Actor actor, @PathVariable String org, @PathVariable String id, @RequestBody RoleRules.Input body) {
        return RoleJson.Role.of(roles.update(actor, org, id, body));
    }

    /** Deletes the role; whoever holds it on an incident stops holding it. */
    @DeleteMapping({"/{id}/", "/{id}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String id) {
        roles.delete(actor, org, id);
        return ResponseEntity.noContent().build();
    }
}
