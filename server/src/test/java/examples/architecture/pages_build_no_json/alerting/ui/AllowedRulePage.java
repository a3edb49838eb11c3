package examples.architecture.pages_build_no_json.alerting.ui;

import examples.architecture.pages_build_no_json.alerting.AllowedRuleService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Allowed: a page that hands the service a typed value, and reads a stored JSON blob to show it. */
public class AllowedRulePage {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AllowedRuleService rules;

    public AllowedRulePage(AllowedRuleService rules) {
        this.rules = rules;
    }

    public void create(String name) {
        rules.create(new AllowedRuleService.Rule(name));
    }

    public String shown(String stored) {
        JsonNode data = stored == null ? JSON.missingNode() : JSON.readTree(stored);
        return data.path("name").asString("");
    }
}
