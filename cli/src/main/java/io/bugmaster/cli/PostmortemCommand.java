package io.bugmaster.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

/** {@code postmortem}: an incident's postmortem, as a summary with its action items or as its Markdown. */
@Command(name = "postmortem", mixinStandardHelpOptions = true, description = "Show an incident's postmortem.")
final class PostmortemCommand {
    static final List<Column> ACTION_COLUMNS = List.of(
            Column.of("ID", "id"),
            Column.of("STATUS", "status"),
            Column.of("DUE", "due_date"),
            Column.of("OVERDUE", "overdue"),
            Column.of("OWNER", "owner.email"),
            Column.of("TITLE", "title"));

    @ParentCommand
    Main main;

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show the postmortem of an incident: its state and action items, or with --markdown its whole text.")
    void show(@Parameters(paramLabel = "NUMBER", description = "The incident's number (#42 or 42).") String number,
            @Option(names = "--markdown", description = "Print the postmortem's Markdown as it is (to save it: > postmortem.md).")
            boolean markdown) {
        String digits = number.startsWith("#") ? number.substring(1) : number;
        if (!digits.matches("[0-9]{1,18}")) {
            throw new UsageError("an incident number is digits, such as 42 or #42; got '" + number + "'");
        }
        JsonNode pm = main.client().get(ApiClient.path("organizations", main.org(), "incidents", digits, "postmortem"));
        if (markdown) {
            main.output().document(pm.path("body").asString(""), pm);
            return;
        }
        JsonNode items = main.client().getAll(ApiClient.path("organizations", main.org(), "incidents", digits, "action-items"));
        if (main.output().json()) {
            var both = ApiClient.JSON.createObjectNode();
            both.set("postmortem", pm);
            both.set("action_items", items);
            main.output().object(null, both);
            return;
        }
        main.output().object("Postmortem of incident #" + digits + ": " + pm.path("title").asString(""), summary(pm));
        main.output().line("");
        main.output().list(items, ACTION_COLUMNS, "No action items.");
    }

    /** The postmortem without its body (print that with --markdown). */
    private static JsonNode summary(JsonNode pm) {
        var fields = ApiClient.JSON.createObjectNode();
        for (String name : List.of("state", "version", "created_at", "updated_at", "published_at")) {
            if (pm.has(name)) {
                fields.set(name, pm.get(name));
            }
        }
        return fields;
    }
}
