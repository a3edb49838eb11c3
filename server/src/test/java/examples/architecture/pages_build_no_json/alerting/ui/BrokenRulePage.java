package examples.architecture.pages_build_no_json.alerting.ui;

import examples.architecture.pages_build_no_json.alerting.AllowedRuleService;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Broken: a page that writes an API body from its form for the service to parse back. */
public class BrokenRulePage {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AllowedRuleService rules;

    public BrokenRulePage(AllowedRuleService rules) {
        this.rules = rules;
    }

    public void create(String name) {
        ObjectNode body = JSON.createObjectNode();
        body.put("name", name);
        body.putArray("conditions").addObject().put("id", "first_seen_event");
        rules.createFromJson(body);
    }
}
