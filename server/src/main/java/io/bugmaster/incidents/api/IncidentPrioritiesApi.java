package io.bugmaster.incidents.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.incidents.Incidents;
import io.bugmaster.incidents.Priority;
import io.bugmaster.web.api.ApiController;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An organization's incident priorities, the most severe (level 1) first. A PUT replaces them all
 * with the list it sends (2 to 10; the list's order gives the levels) and needs {@code org:write}.
 */
@ApiController
@RequestMapping("/api/0/organizations/{org}/incident-priorities")
class IncidentPrioritiesApi {
    private final Incidents incidents;

    IncidentPrioritiesApi(Incidents incidents) {
        this.incidents = incidents;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PriorityJson(int level, String label, String description, Integer updateReminderMinutes) {
        static PriorityJson of(Priority p) {
            return new PriorityJson(p.level(), p.label(), p.description(), p.updateReminderMinutes());
        }
    }

    @GetMapping({"/", ""})
    List<PriorityJson> list(Actor actor, @PathVariable String org) {
        return incidents.priorities(actor, org).stream().map(PriorityJson::of).toList();
    }

    @PutMapping({"/", ""})
    List<PriorityJson> replace(Actor actor, @PathVariable String org, @RequestBody(required = false) Object body) {
        return incidents.replacePriorities(actor, org, body).stream().map(PriorityJson::of).toList();
    }
}
