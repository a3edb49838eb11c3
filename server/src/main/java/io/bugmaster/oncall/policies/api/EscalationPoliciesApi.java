package io.bugmaster.oncall.policies.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.oncall.policies.EscalationPolicies;
import io.bugmaster.oncall.policies.EscalationPolicy;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Escalation policies and who is on call for them, with PagerDuty's field names and shapes. */
@ApiController
@RequestMapping("/api/0/organizations/{org}")
class EscalationPoliciesApi {
    private final EscalationPolicies policies;
    private final Paging paging;
    private final Clock clock;

    EscalationPoliciesApi(EscalationPolicies policies, Paging paging, Clock clock) {
        this.policies = policies;
        this.paging = paging;
        this.clock = clock;
    }

    record TargetJson(String type, String id) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RuleJson(int escalationDelayInMinutes, boolean roundRobin, List<TargetJson> targets) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PolicyJson(String id, String name, String description, int numLoops, List<RuleJson> escalationRules, String createdAt,
            String updatedAt) {
        static PolicyJson of(EscalationPolicy p) {
            return new PolicyJson(Long.toString(p.id()), p.name(), p.description(), p.numLoops(), p.rules().stream()
                    .map(r -> new RuleJson(r.escalationDelayInMinutes(), r.roundRobin(),
                            r.targets().stream().map(t -> new TargetJson(t.type().id(), Long.toString(t.id()))).toList()))
                    .toList(), p.createdAt().toString(), p.updatedAt().toString());
        }
    }

    record UserJson(String id, String email) {}

    record IdJson(String id) {}

    /** An on-call entry; {@code start} and {@code end} are the shift on the schedule, null for a person named on the level or a team's member. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OnCallJson(UserJson user, IdJson schedule, IdJson escalationPolicy, int escalationLevel, String start, String end) {}

    @GetMapping({"/escalation-policies/", "/escalation-policies"})
    ResponseEntity<List<PolicyJson>> list(Actor actor, HttpServletRequest request, @PathVariable String org, PageRequest page) {
        return paging.respond(request, policies.list(actor, org, page.offset(), page.perPage()), PolicyJson::of);
    }

    @PostMapping({"/escalation-policies/", "/escalation-policies"})
    ResponseEntity<PolicyJson> create(Actor actor, @PathVariable String org, @RequestBody EscalationPolicies.PolicyInput body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(PolicyJson.of(policies.create(actor, org, body)));
    }

    @GetMapping({"/escalation-policies/{id}/", "/escalation-policies/{id}"})
    PolicyJson get(Actor actor, @PathVariable String org, @PathVariable String id) {
        return PolicyJson.of(policies.get(actor, org, id));
    }

    @PutMapping({"/escalation-policies/{id}/", "/escalation-policies/{id}"})
    PolicyJson update(Actor actor, @PathVariable String org, @PathVariable String id, @RequestBody EscalationPolicies.PolicyInput body) {
        return PolicyJson.of(policies.update(actor, org, id, body));
    }

    @DeleteMapping({"/escalation-policies/{id}/", "/escalation-policies/{id}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable String id) {
        policies.delete(actor, org, id);
        return ResponseEntity.noContent().build();
    }

    /** Who each level of each policy reaches at {@code at} (default now; ISO-8601 with an offset). */
    @GetMapping({"/oncalls/", "/oncalls"})
    List<OnCallJson> onCalls(Actor actor, @PathVariable String org, @RequestParam(required = false) String at) {
        Instant when;
        try {
            when = at == null || at.isBlank() ? clock.instant() : OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("at", "a time such as 2026-03-29T09:00:00+02:00 or 2026-03-29T07:00:00Z, got '" + at + "'");
        }
        return policies.onCalls(actor, org, when).stream().map(o -> new OnCallJson(new UserJson(Long.toString(o.userId()), o.email()),
                o.scheduleId() == null ? null : new IdJson(o.scheduleId().toString()), new IdJson(Long.toString(o.policyId())), o.level(),
                o.start() == null ? null : o.start().toString(), o.end() == null ? null : o.end().toString())).toList();
    }

}
