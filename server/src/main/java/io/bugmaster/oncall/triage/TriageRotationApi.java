package io.bugmaster.oncall.triage;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.web.api.ApiController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.JsonNode;

/**
 * A team's bugmaster rotation, beside Sentry's team resource ({@code /teams/{org}/{team}/}), which
 * stays as Sentry shapes it: {@code PUT {"schedule": {"id": "7"}}} marks the schedule,
 * {@code DELETE} unmarks it, {@code GET} answers the schedule and who is on it now (both null when
 * the team has no rotation).
 */
@ApiController
@RequestMapping("/api/0")
class TriageRotationApi {
    private final TriageRotations rotations;

    TriageRotationApi(TriageRotations rotations) {
        this.rotations = rotations;
    }

    record Ref(String id, String name) {}

    record TeamRef(String id, String slug, String name) {}

    record PersonJson(String id, String email, String name) {}

    record RotationJson(TeamRef team, Ref schedule, PersonJson bugmaster) {}

    @GetMapping({"/teams/{org}/{team}/triage-rotation/", "/teams/{org}/{team}/triage-rotation"})
    RotationJson get(Actor actor, @PathVariable String org, @PathVariable String team) {
        return rotations.get(actor, org, team).map(TriageRotationApi::json).orElse(new RotationJson(null, null, null));
    }

    @PutMapping({"/teams/{org}/{team}/triage-rotation/", "/teams/{org}/{team}/triage-rotation"})
    RotationJson put(Actor actor, @PathVariable String org, @PathVariable String team, @RequestBody(required = false) JsonNode body) {
        return json(rotations.set(actor, org, team, scheduleId(body)));
    }

    @DeleteMapping({"/teams/{org}/{team}/triage-rotation/", "/teams/{org}/{team}/triage-rotation"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String team) {
        rotations.clear(actor, org, team);
        return ResponseEntity.noContent().build();
    }

    /** {@code {"schedule": {"id": "7"}}}; the id may be a string (as the API answers ids) or a number. */
    static long scheduleId(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(null, "expected a JSON object: {\"schedule\": {\"id\": \"...\"}}");
        }
        JsonNode id = body.path("schedule").path("id");
        if (id.isIntegralNumber() && id.canConvertToLong() && id.longValue() > 0) {
            return id.longValue();
        }
        if (id.isString() && id.asString().matches("[0-9]{1,18}") && Long.parseLong(id.asString()) > 0) {
            return Long.parseLong(id.asString());
        }
        throw new InvalidInputException("schedule", "expected {\"schedule\": {\"id\": \"...\"}} with the id of a schedule");
    }

    /** A schedule id as a form sends it. */
    static long scheduleId(String value) {
        if (value.strip().matches("[0-9]{1,18}") && Long.parseLong(value.strip()) > 0) {
            return Long.parseLong(value.strip());
        }
        throw new InvalidInputException("schedule", "choose a schedule");
    }

    private static RotationJson json(TriageRotations.Bugmaster b) {
        return new RotationJson(new TeamRef(String.valueOf(b.teamId()), b.teamSlug(), b.teamName()), new Ref(String.valueOf(b.scheduleId()), b.scheduleName()),
                b.person().map(p -> new PersonJson(String.valueOf(p.id()), p.email(), p.name())).orElse(null));
    }
}
