package io.bugmaster.alerting.api;

import io.bugmaster.accounts.Actor;
import io.bugmaster.alerting.AlertRuleJson;
import io.bugmaster.alerting.AlertRuleService;
import io.bugmaster.web.api.ApiController;
import io.bugmaster.web.api.PageRequest;
import io.bugmaster.web.api.Paging;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Alert rules, close to Sentry's issue alert rules: the organization's
 * ({@code /organizations/{org}/alert-rules/}) and a project's ({@code /projects/{org}/{proj}/alert-rules/},
 * the rules scoped to exactly that project).
 */
@ApiController
class AlertRulesApi {
    private static final String ORG = "/api/0/organizations/{org}/alert-rules";
    private static final String PROJECT = "/api/0/projects/{org}/{project}/alert-rules";

    private final AlertRuleService rules;
    private final Paging paging;

    AlertRulesApi(AlertRuleService rules, Paging paging) {
        this.rules = rules;
        this.paging = paging;
    }

    static ObjectNode render(AlertRuleService.View view) {
        var rule = view.rule();
        ObjectNode out = AlertRuleJson.render(rule.definition(), view.names());
        ObjectNode json = out.objectNode();
        json.put("id", Long.toString(rule.id()));
        json.put("name", rule.name());
        json.put("status", rule.enabled() ? "active" : "disabled");
        json.put("enabled", rule.enabled());
        json.put("disabledReason", rule.enabled() ? null : rule.disabledReason());
        json.setAll(out);
        json.put("dateCreated", rule.createdAt().toString());
        json.put("dateModified", rule.updatedAt().toString());
        json.put("lastTriggered", rule.lastFiredAt() == null ? null : rule.lastFiredAt().toString());
        json.put("createdBy", rule.createdBy() == null ? null : Long.toString(rule.createdBy()));
        view.warnings().forEach(json.putArray("warnings")::add);
        return json;
    }

    @GetMapping({ORG + "/", ORG, PROJECT + "/", PROJECT})
    ResponseEntity<List<ObjectNode>> list(Actor actor, HttpServletRequest request, @PathVariable String org,
            @PathVariable(required = false) String project, PageRequest page) {
        return paging.respond(request, rules.list(actor, org, project, page.offset(), page.perPage()), AlertRulesApi::render);
    }

    @PostMapping({ORG + "/", ORG, PROJECT + "/", PROJECT})
    ResponseEntity<ObjectNode> create(Actor actor, @PathVariable String org, @PathVariable(required = false) String project,
            @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(render(rules.create(actor, org, project, body)));
    }

    @GetMapping({ORG + "/{id}/", ORG + "/{id}", PROJECT + "/{id}/", PROJECT + "/{id}"})
    ObjectNode get(Actor actor, @PathVariable String org, @PathVariable(required = false) String project, @PathVariable String id) {
        return render(rules.get(actor, org, project, id));
    }

    @PutMapping({ORG + "/{id}/", ORG + "/{id}", PROJECT + "/{id}/", PROJECT + "/{id}"})
    ObjectNode update(Actor actor, @PathVariable String org, @PathVariable(required = false) String project,
            @PathVariable String id, @RequestBody JsonNode body) {
        return render(rules.update(actor, org, project, id, body));
    }

    @DeleteMapping({ORG + "/{id}/", ORG + "/{id}", PROJECT + "/{id}/", PROJECT + "/{id}"})
    ResponseEntity<Void> delete(Actor actor, @PathVariable String org, @PathVariable(required = false) String project,
            @PathVariable String id) {
        rules.delete(actor, org, project, id);
        return ResponseEntity.noContent().build();
    }
}
