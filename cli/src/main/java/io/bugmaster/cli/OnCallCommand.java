package io.bugmaster.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code oncall}: who each escalation policy reaches now (or at a given time), level by level. */
@Command(name = "oncall", mixinStandardHelpOptions = true, description = "Show who is on call now, per escalation policy and level.")
final class OnCallCommand implements Runnable {
    static final List<Column> COLUMNS = List.of(
            Column.of("POLICY", "policy_name", "escalation_policy.id"),
            Column.of("LEVEL", "escalation_level"),
            Column.of("WHO", "user.email", "user.id"),
            Column.of("SCHEDULE", "schedule_name", "schedule.id"),
            Column.of("UNTIL", "end"));

    @ParentCommand
    Main main;

    @Option(names = "--at", paramLabel = "TIME", description = "A moment other than now, ISO-8601 with an offset (2026-03-29T09:00:00+02:00).")
    String at;

    @Override
    public void run() {
        String path = ApiClient.path("organizations", main.org(), "oncalls");
        if (at != null) {
            path += "?at=" + java.net.URLEncoder.encode(at, java.nio.charset.StandardCharsets.UTF_8);
        }
        JsonNode entries = main.client().get(path);
        Map<String, String> policies = names(ApiClient.path("organizations", main.org(), "escalation-policies"));
        Map<String, String> schedules = names(ApiClient.path("organizations", main.org(), "schedules"));
        ArrayNode rows = ApiClient.JSON.createArrayNode();
        for (JsonNode entry : entries) {
            ObjectNode row = entry.isObject() ? (ObjectNode) entry.deepCopy() : ApiClient.JSON.createObjectNode();
            row.put("policy_name", policies.getOrDefault(entry.path("escalation_policy").path("id").asString(""), ""));
            row.put("schedule_name", schedules.getOrDefault(entry.path("schedule").path("id").asString(""), ""));
            rows.add(row);
        }
        main.output().list(rows, COLUMNS, "Nobody is on call in " + main.org() + ": no escalation policy reaches anyone.");
    }

    private Map<String, String> names(String path) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode item : main.client().getAll(path)) {
            names.put(item.path("id").asString(""), item.path("name").asString(""));
        }
        return names;
    }
}
