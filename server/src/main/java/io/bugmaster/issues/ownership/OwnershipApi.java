package io.bugmaster.issues.ownership;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bugmaster.accounts.Actor;
import io.bugmaster.common.InvalidInputException;
import io.bugmaster.issues.IssueViews.Assignee;
import io.bugmaster.issues.ownership.OwnershipRules.Owner;
import io.bugmaster.issues.ownership.OwnershipRules.Rule;
import io.bugmaster.issues.ownership.OwnershipService.AutoAssignment;
import io.bugmaster.web.api.ApiController;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import tools.jackson.databind.JsonNode;

/**
 * Sentry's project ownership endpoint ({@code GET/PUT .../ownership/}), a preview of rules against
 * an event, and an issue's suggested owners.
 */
@ApiController
@RequestMapping("/api/0")
class OwnershipApi {
    private final OwnershipService ownership;

    OwnershipApi(OwnershipService ownership) {
        this.ownership = ownership;
    }

    record MatcherJson(String type, String pattern) {}

    record OwnerJson(String type, String identifier) {}

    record RuleJson(MatcherJson matcher, List<OwnerJson> owners) {}

    record SchemaJson(@JsonProperty("$version") int version, List<RuleJson> rules) {}

    record OwnershipJson(String raw, boolean fallthrough, Instant dateCreated, Instant lastUpdated, boolean isActive,
            String autoAssignment, boolean codeownersAutoSync, SchemaJson schema) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ActorJson(String type, String id, String name, String email, String identifier, String source, String rule) {}

    record PreviewJson(String eventId, String title, MatcherJson rule, String ruleText, Integer line, List<ActorJson> owners) {}

    record IssueOwnersJson(List<ActorJson> owners, MatcherJson rule, String ruleText) {}

    @GetMapping({"/projects/{org}/{project}/ownership/", "/projects/{org}/{project}/ownership"})
    OwnershipJson get(Actor actor, @PathVariable String org, @PathVariable String project) {
        return json(ownership.get(actor, org, project));
    }

    @PutMapping({"/projects/{org}/{project}/ownership/", "/projects/{org}/{project}/ownership"})
    OwnershipJson put(Actor actor, @PathVariable String org, @PathVariable String project, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(null, "expected a JSON object with raw, fallthrough or autoAssignment");
        }
        String raw = text(body, "raw");
        Boolean fallthrough = bool(body, "fallthrough");
        String auto = text(body, "autoAssignment");
        bool(body, "codeownersAutoSync"); // accepted for Sentry clients; Bugmaster has no code host to sync from
        return json(ownership.update(actor, org, project,
                new OwnershipService.Change(raw, fallthrough, auto == null ? null : AutoAssignment.parse(auto))));
    }

    @PostMapping({"/projects/{org}/{project}/ownership/preview/", "/projects/{org}/{project}/ownership/preview"})
    PreviewJson preview(Actor actor, @PathVariable String org, @PathVariable String project, @RequestBody JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException(null, "expected a JSON object with raw and eventId");
        }
        String raw = text(body, "raw");
        OwnershipService.Preview p = ownership.preview(actor, org, project, raw == null ? "" : raw, text(body, "eventId"));
        List<ActorJson> owners = p.owners().stream().map(o -> o.actor() == null
                ? new ActorJson(o.owner().type() == Owner.Type.USER ? "user" : "team", null, null, null, o.owner().text(), "unknown", null)
                : actor(o.actor(), o.owner().text(), null, null)).toList();
        return new PreviewJson(p.eventId(), p.title(), matcher(p.rule()), p.rule() == null ? null : p.rule().text(),
                p.rule() == null ? null : p.rule().line(), owners);
    }

    @GetMapping({"/issues/{id}/owners/", "/issues/{id}/owners", "/organizations/{org}/issues/{id}/owners/",
            "/organizations/{org}/issues/{id}/owners"})
    IssueOwnersJson issueOwners(Actor actor, @PathVariable(required = false) String org, @PathVariable String id) {
        OwnershipService.Suggestions s = ownership.suggestedAssignees(actor, org, id);
        return new IssueOwnersJson(s.owners().stream().map(o -> actor(o.owner(), null, o.source(),
                o.rule() == null ? null : o.rule().text())).toList(), matcher(s.rule()), s.rule() == null ? null : s.rule().text());
    }

    static OwnershipJson json(OwnershipService.Ownership o) {
        List<RuleJson> rules = o.rules().rules().stream().map(r -> new RuleJson(matcher(r), r.owners().stream()
                .map(w -> new OwnerJson(w.type() == Owner.Type.USER ? "user" : "team", w.identifier())).toList())).toList();
        return new OwnershipJson(o.raw().isEmpty() && o.dateCreated() == null ? null : o.raw(), o.fallthrough(), o.dateCreated(),
                o.lastUpdated(), true, o.autoAssignment().label(), false, new SchemaJson(1, rules));
    }

    private static MatcherJson matcher(Rule rule) {
        return rule == null ? null : new MatcherJson(rule.matcherType(), rule.pattern());
    }

    private static ActorJson actor(Assignee a, String identifier, String source, String rule) {
        return new ActorJson(a.type(), String.valueOf(a.id()), a.name(), "user".equals(a.type()) ? a.email() : null,
                identifier, source, rule);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidInputException(field, "expected a string");
        }
        return node.asString();
    }

    private static Boolean bool(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidInputException(field, "expected true or false");
        }
        return node.booleanValue();
    }
}
