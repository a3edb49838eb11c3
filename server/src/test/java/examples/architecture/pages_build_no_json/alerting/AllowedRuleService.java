package examples.architecture.pages_build_no_json.alerting;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Allowed: outside ui packages (the API's JSON, a service) building JSON is not this rule's business. */
public class AllowedRuleService {
    /** The typed value a page builds. */
    public record Rule(String name) {}

    public void create(Rule rule) {
        ObjectNode audit = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
        audit.put("name", rule.name());
    }

    public void createFromJson(JsonNode body) {
        create(new Rule(body.path("name").asString("")));
    }
}
